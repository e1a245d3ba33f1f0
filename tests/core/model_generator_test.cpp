// The generator's three evaluation paths (batched synthesis, folded weights, tiled render) agree.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "core/geometry/coords.h"
#include "core/model/generator.h"

namespace inrgan {
namespace {

GeneratorConfig small_config() {
  GeneratorConfig c;
  c.style_dim = 16;
  c.mapping_layers = 2;
  c.fourier_features = 12;
  c.embedding_channels = 4;
  c.embedding_size = 8;
  c.widths = {24, 20, 16};  // three layers: ToRGB after layers 1 and 2 (every 2 and the last)
  c.torgb_every = 2;
  return c;
}

// Biases and w_avg start at constants; randomise them so that folding each is exercised.
Generator random_generator(const GeneratorConfig& config, uint64_t seed) {
  torch::manual_seed(seed);
  Generator g(config);
  torch::NoGradGuard no_grad;
  for (auto& item : g->named_parameters())
    if (item.key().find("bias") != std::string::npos)
      item.value().add_(torch::randn_like(item.value()) * 0.3);
  g->w_avg.copy_(torch::randn_like(g->w_avg));
  return g;
}

double max_diff(const torch::Tensor& a, const torch::Tensor& b) {
  return (a - b).abs().max().item<double>();
}

TEST(ModelGenerator, FoldedGeneratorEqualsSynthesize) {
  auto g = random_generator(small_config(), 1);
  auto w = g->map(torch::randn({1, 16}));
  auto coords = view_coords(View{-1.3, -0.9, 1.1, 1.4}, 13, 9);
  torch::NoGradGuard no_grad;
  auto expected = g->synthesize(coords.unsqueeze(0), w)[0];
  auto folded = g->fold(w).evaluate(coords);
  ASSERT_EQ(folded.sizes(), expected.sizes());
  EXPECT_LT(max_diff(folded, expected), 1e-5);
}

TEST(ModelGenerator, FoldedGeneratorStaysValidAfterTrainingContinues) {
  auto g = random_generator(small_config(), 2);
  auto w = torch::randn({1, 16});
  auto coords = view_coords(View{}, 8, 8);
  auto folded = g->fold(w);
  auto before = folded.evaluate(coords);
  {
    torch::NoGradGuard no_grad;  // an optimiser step: in-place parameter updates
    for (auto& p : g->parameters()) p.add_(torch::randn_like(p));
  }
  EXPECT_TRUE(torch::equal(folded.evaluate(coords), before));
}

TEST(ModelGenerator, TiledRenderEqualsSingleRender) {
  auto g = random_generator(small_config(), 3);
  auto w = torch::randn({2, 16});
  const View view{-1.6, -0.7, 1.2, 1.5};  // partly outside [-1, 1], not square
  const int width = 23, height = 17;      // 391 pixels: 37 does not divide them
  auto single = render_view(g, w, view, width, height);
  auto tiled = render_view(g, w, view, width, height, 37);
  ASSERT_EQ(tiled.sizes(), (std::vector<int64_t>{2, 3, height, width}));
  // Bit for bit: every pixel is evaluated in the same GEMM chunk at the same row either way.
  EXPECT_TRUE(torch::equal(tiled, single)) << "max difference " << max_diff(tiled, single);
  // And the render is the generator itself, not just self-consistent.
  torch::NoGradGuard no_grad;
  auto direct = pixels_to_image(
      g->synthesize(view_coords(view, width, height).unsqueeze(0), w), height, width);
  EXPECT_LT(max_diff(single, direct), 1e-5);
}

TEST(ModelGenerator, AnyPixelRangeEqualsTheSameRowsOfTheWholeRender) {
  auto g = random_generator(small_config(), 5);
  auto folded = g->fold(g->map(torch::randn({1, 16})));
  const View view{-2.0, -1.0, 2.0, 1.0};
  const int width = 301, height = 97;  // 29197 pixels: several chunks, the last one partial
  const std::int64_t chunk = folded.chunk_pixels();
  const std::int64_t pixels = std::int64_t{width} * height;
  ASSERT_LT(2 * chunk, pixels);
  const auto whole = folded.evaluate_pixels(view, width, height, 0, pixels);
  ASSERT_EQ(whole.sizes(), (std::vector<int64_t>{pixels, 3}));
  // Ranges inside one chunk, across a chunk border, starting mid-row, and the image's tail.
  const std::int64_t ranges[][2] = {
      {5, 17}, {chunk - 40, chunk + 3}, {chunk + 1, 2 * chunk + 777}, {pixels - 250, pixels}};
  for (const auto& r : ranges)
    EXPECT_TRUE(torch::equal(folded.evaluate_pixels(view, width, height, r[0], r[1]),
                             whole.slice(0, r[0], r[1])))
        << "pixels " << r[0] << ".." << r[1];
  // And the pixels are those of the view: the same as evaluating its coordinates directly.
  EXPECT_LT(max_diff(whole, folded.evaluate(view_coords(view, width, height))), 1e-5);
  EXPECT_THROW(folded.evaluate_pixels(view, width, height, 0, pixels + 1), std::invalid_argument);
  EXPECT_THROW(folded.evaluate_pixels(view, width, height, 7, 7), std::invalid_argument);
}

TEST(ModelGenerator, WindowRenderEqualsCropOfFullRender) {
  auto g = random_generator(small_config(), 4);
  auto w = torch::randn({2, 16});
  const int grid = 16, patch = 8;
  const std::vector<PatchWindow> windows = {{5, 3, patch, grid}, {0, 8, patch, grid}};
  torch::NoGradGuard no_grad;
  auto patches = pixels_to_image(g->synthesize(window_coords(windows), w), patch, patch);
  auto full = render_view(g, w, View::training_domain(), grid, grid);
  for (int b = 0; b < 2; ++b) {
    const auto& win = windows[b];
    auto crop = full[b].slice(1, win.v, win.v + patch).slice(2, win.u, win.u + patch);
    EXPECT_LT(max_diff(patches[b], crop), 1e-5) << "window " << b;
  }
}

TEST(ModelGenerator, SharedCoordinatesEqualPerSampleCoordinates) {
  auto g = random_generator(small_config(), 5);
  auto w = torch::randn({3, 16});
  auto coords = view_coords(View{}, 6, 5).unsqueeze(0);
  torch::NoGradGuard no_grad;
  auto shared = g->synthesize(coords, w);
  auto expanded = g->synthesize(coords.expand({3, -1, -1}), w);
  ASSERT_EQ(shared.sizes(), (std::vector<int64_t>{3, 30, 3}));
  EXPECT_LT(max_diff(shared, expanded), 1e-5);
}

TEST(ModelGenerator, GradientReachesAllParameters) {
  auto g = random_generator(small_config(), 6);
  auto coords = window_coords({{1, 2, 4, 8}, {3, 0, 4, 8}});
  g->forward(coords, torch::randn({2, 16})).square().mean().backward();
  for (const auto& item : g->named_parameters()) {
    ASSERT_TRUE(item.value().grad().defined()) << item.key();
    EXPECT_GT(item.value().grad().abs().sum().item<double>(), 0.0) << item.key();
  }
}

TEST(ModelGenerator, TruncationAndWAvgBuffer) {
  auto g = random_generator(small_config(), 7);
  auto w = torch::randn({4, 16});
  EXPECT_TRUE(torch::allclose(g->truncate(w, 0.0), g->w_avg.expand({4, 16})));
  EXPECT_TRUE(torch::equal(g->truncate(w, 1.0), w));
  auto old_avg = g->w_avg.clone();
  g->update_w_avg(w, 0.9);
  EXPECT_TRUE(torch::allclose(g->w_avg, w.mean(0) + 0.9 * (old_avg - w.mean(0))));
  // w_avg is a buffer, so it travels with the module's state (checkpoints, EMA copies).
  EXPECT_NE(g->named_buffers().find("w_avg"), nullptr);
  EXPECT_TRUE(g->named_buffers()["w_avg"].is_same(g->w_avg));
}

TEST(ModelGenerator, WorksWithoutEmbeddingAndWithOneLayer) {
  auto config = small_config();
  config.embedding_channels = 0;
  config.widths = {10};
  auto g = random_generator(config, 8);
  auto w = torch::randn({1, 16});
  auto coords = view_coords(View{}, 5, 4);
  torch::NoGradGuard no_grad;
  EXPECT_LT(max_diff(g->fold(w).evaluate(coords), g->synthesize(coords.unsqueeze(0), w)[0]), 1e-5);
}

TEST(ModelGenerator, RejectsBadConfigsAndShapes) {
  auto config = small_config();
  config.embedding_padding = "wrap";
  EXPECT_THROW(Generator{config}, std::invalid_argument);
  config = small_config();
  config.widths.clear();
  EXPECT_THROW(Generator{config}, std::invalid_argument);
  Generator g(small_config());
  EXPECT_THROW(g->synthesize(torch::zeros({2, 5, 2}), torch::zeros({3, 16})), std::invalid_argument);
  EXPECT_THROW(g->fold(torch::zeros({2, 16})), std::invalid_argument);
}

}  // namespace
}  // namespace inrgan
