// The explorer's renderer: progressive and tiled renders equal one render of the same request,
// latest request wins, cancellation within one tile, errors as values.
#include <gtest/gtest.h>

#include <condition_variable>
#include <mutex>
#include <vector>

#include "core/render/latent.h"
#include "core/render/progressive_renderer.h"
#include "core/render/render_image.h"
#include "core/render/tile_renderer.h"
#include "render_support.h"

namespace inrgan {
namespace {

using test_support::random_source;

// Everything a renderer delivered, for inspection after wait_idle().
struct Recorder {
  std::mutex mutex;
  std::vector<RenderResult> results;
  std::vector<RenderError> errors;
  std::vector<RenderProgress> progress;

  RenderCallbacks callbacks() {
    return {[this](const RenderResult& r) {
              std::lock_guard lock(mutex);
              results.push_back(r);
            },
            [this](const RenderError& e) {
              std::lock_guard lock(mutex);
              errors.push_back(e);
            },
            [this](const RenderProgress& p) {
              std::lock_guard lock(mutex);
              progress.push_back(p);
            }};
  }
};

RenderRequest outpainting_request(const GeneratorSourcePtr& source) {
  RenderRequest request;
  request.source.generator = source;
  request.latent = {3, 0, 0.0};
  request.psi = 0.8;
  request.view = {-1.7, -0.4, 1.3, 0.9};  // non-square, well past the domain's left edge
  request.width = 150;
  request.height = 65;
  request.tile_pixels = 1000;  // many tiles, and tiles that end mid-row
  return request;
}

TEST(Render, TiledRenderEqualsOneRender) {
  const auto source = random_source();
  const View view{-1.7, -0.4, 1.3, 0.9};
  const auto whole = render_image(source, {3}, 0.8, view, 150, 65, 150 * 65);
  const auto tiled = render_image(source, {3}, 0.8, view, 150, 65, 777);
  EXPECT_EQ(tiled.pixels, whole.pixels);
  // Not a constant picture: equality above means something.
  const auto [lo, hi] = std::minmax_element(whole.pixels.begin(), whole.pixels.end());
  EXPECT_GT(*hi - *lo, 40);
}

TEST(Render, EachProgressiveLevelEqualsOneRenderAtItsSize) {
  const auto source = random_source();
  Recorder recorder;
  ProgressiveRenderer renderer(recorder.callbacks());
  const auto request = outpainting_request(source);
  const auto id = renderer.submit(request);
  renderer.wait_idle();
  ASSERT_TRUE(recorder.errors.empty()) << recorder.errors.front().message;
  ASSERT_EQ(recorder.results.size(), 4u);
  const int expected_sizes[4][2] = {{19, 9}, {38, 17}, {75, 33}, {150, 65}};  // ceil(W / d)
  for (int level = 0; level < 4; ++level) {
    const auto& r = recorder.results[level];
    EXPECT_EQ(r.id, id);
    EXPECT_EQ(r.level, level);
    EXPECT_EQ(r.divisor, request.levels[level]);
    EXPECT_EQ(r.final, level == 3);
    EXPECT_EQ(r.view, request.view);
    ASSERT_EQ(r.image.width, expected_sizes[level][0]);
    ASSERT_EQ(r.image.height, expected_sizes[level][1]);
    const auto single = render_image(source, request.latent, request.psi, request.view,
                                     r.image.width, r.image.height);
    EXPECT_EQ(r.image.pixels, single.pixels) << "level " << level;
  }
  EXPECT_EQ(recorder.results.back().source_label, "test");
  // Progress is reported tile by tile, in order, for every level.
  ASSERT_FALSE(recorder.progress.empty());
  EXPECT_EQ(recorder.progress.back().tiles_done, recorder.progress.back().tiles_total);
  EXPECT_EQ(recorder.progress.back().tiles_total, tile_count(150, 65, 1000));
}

TEST(Render, ASupersededRequestNeverDeliversAndStopsWithinOneTile) {
  const auto source = random_source();
  ProgressiveRenderer* self = nullptr;
  std::uint64_t first = 0, second = 0;
  std::vector<RenderResult> results;
  std::vector<RenderProgress> first_progress;
  RenderRequest replacement = outpainting_request(source);
  replacement.latent.seed = 11;
  replacement.levels = {2, 1};
  ProgressiveRenderer renderer(
      {[&](const RenderResult& r) { results.push_back(r); }, {},
       [&](const RenderProgress& p) {
         if (p.id != first) return;
         first_progress.push_back(p);
         // A newer request arrives while the first is in the middle of its full-size level.
         if (p.level == 3 && p.tiles_done == 2) second = self->submit(replacement);
       }});
  self = &renderer;
  first = renderer.submit(outpainting_request(source));
  renderer.wait_idle();
  ASSERT_NE(second, 0u);
  // The first request evaluated no tile after it was superseded, and delivered nothing more.
  EXPECT_EQ(first_progress.back().level, 3);
  EXPECT_EQ(first_progress.back().tiles_done, 2);
  std::vector<int> first_levels, second_levels;
  for (const auto& r : results) (r.id == first ? first_levels : second_levels).push_back(r.level);
  EXPECT_EQ(first_levels, (std::vector<int>{0, 1, 2}));  // delivered before it was superseded
  EXPECT_EQ(second_levels, (std::vector<int>{0, 1}));
  EXPECT_TRUE(results.back().final);
  EXPECT_EQ(results.back().id, second);
}

TEST(Render, ARequestFromAnotherThreadCancelsWithinOneTile) {
  const auto source = random_source();
  std::mutex mutex;
  std::condition_variable changed;
  std::int64_t first_tiles = 0;
  std::uint64_t first = 0;
  std::vector<std::uint64_t> delivered;
  ProgressiveRenderer renderer(
      {[&](const RenderResult& r) {
         std::lock_guard lock(mutex);
         delivered.push_back(r.id);
       },
       {},
       [&](const RenderProgress& p) {
         std::lock_guard lock(mutex);
         if (p.id == first) ++first_tiles;
         changed.notify_all();
       }});
  RenderRequest big = outpainting_request(source);
  big.width = 600;
  big.height = 400;
  big.levels = {1};  // one level: nothing is delivered before the cancel
  {
    std::lock_guard lock(mutex);
    first = renderer.submit(big);
  }
  {
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return first_tiles >= 3; });
  }
  RenderRequest small = outpainting_request(source);
  small.levels = {1};
  const auto second = renderer.submit(small);
  // Read after submit() returned: any tile of the first request finished by now is counted.
  const std::int64_t tiles_before = renderer.tiles_evaluated();
  renderer.wait_idle();
  const std::int64_t total_tiles = tile_count(600, 400, 1000);
  ASSERT_LT(tiles_before + 1, total_tiles);  // the first was interrupted, not finished
  // After submit() returned, at most the tile in flight completed for the first request.
  EXPECT_LE(renderer.tiles_evaluated() - tiles_before - tile_count(150, 65, 1000), 1);
  EXPECT_EQ(delivered, (std::vector<std::uint64_t>{second}));
}

TEST(Render, CancelDropsTheRequestInFlight) {
  const auto source = random_source();
  Recorder recorder;
  ProgressiveRenderer* self = nullptr;
  auto callbacks = recorder.callbacks();
  auto record_progress = callbacks.on_progress;
  callbacks.on_progress = [&](const RenderProgress& p) {
    record_progress(p);
    if (p.tiles_done == 1) self->cancel();
  };
  ProgressiveRenderer renderer(callbacks);
  self = &renderer;
  renderer.submit(outpainting_request(source));
  renderer.wait_idle();
  EXPECT_TRUE(recorder.results.empty());
  EXPECT_EQ(recorder.progress.size(), 1u);
  EXPECT_EQ(renderer.tiles_evaluated(), 1);
}

TEST(Render, ProblemsArriveAsErrorsNamingTheCause) {
  Recorder recorder;
  ProgressiveRenderer renderer(recorder.callbacks());
  RenderRequest request;
  request.source.checkpoint = "/nonexistent/run-folder";
  request.width = request.height = 32;
  const auto id = renderer.submit(request);
  renderer.wait_idle();
  ASSERT_EQ(recorder.errors.size(), 1u);
  EXPECT_EQ(recorder.errors[0].id, id);
  EXPECT_NE(recorder.errors[0].message.find("/nonexistent/run-folder"), std::string::npos);

  request.source.generator = random_source("tiny");
  request.width = 0;
  renderer.submit(request);
  renderer.wait_idle();
  ASSERT_EQ(recorder.errors.size(), 2u);
  EXPECT_NE(recorder.errors[1].message.find("0x32"), std::string::npos);
  EXPECT_TRUE(recorder.results.empty());
  // The renderer still works after errors.
  request.width = 16;
  renderer.submit(request);
  renderer.wait_idle();
  EXPECT_EQ(recorder.results.size(), 4u);
}

TEST(Render, LatentInterpolationAndTruncation) {
  const auto source = random_source();
  const View view;
  auto image = [&](Latent latent, double psi) {
    return render_image(source, latent, psi, view, 24, 24).pixels;
  };
  EXPECT_EQ(image({5, 9, 0.0}, 1.0), image({5}, 1.0));
  EXPECT_EQ(image({5, 9, 1.0}, 1.0), image({9}, 1.0));
  EXPECT_NE(image({5, 9, 0.5}, 1.0), image({5}, 1.0));
  EXPECT_NE(image({5}, 1.0), image({9}, 1.0));
  // psi = 0: every seed gives the average image.
  EXPECT_EQ(image({5}, 0.0), image({9}, 0.0));
  // The latent of a seed does not depend on anything but the seed.
  EXPECT_TRUE(torch::equal(seed_latent(5, 16), seed_latent(5, 16)));
  EXPECT_FALSE(torch::equal(seed_latent(5, 16), seed_latent(6, 16)));
}

TEST(Render, FoldCacheReusesFoldingPerLatentAndPsi) {
  const auto source = random_source("tiny");
  FoldCache cache(2);
  const auto a = cache.get(source, {1}, 1.0);
  EXPECT_EQ(cache.get(source, {1}, 1.0), a);
  EXPECT_NE(cache.get(source, {1}, 0.5), a);
  EXPECT_NE(cache.get(source, {2}, 1.0), a);  // evicts {1, 1.0}
  EXPECT_EQ(cache.size(), 2u);
  EXPECT_NE(cache.get(source, {1}, 1.0), a);
}

}  // namespace
}  // namespace inrgan
