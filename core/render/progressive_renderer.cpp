#include "core/render/progressive_renderer.h"

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>

#include "core/render/latent.h"
#include "core/render/source_cache.h"
#include "core/render/tile_renderer.h"

namespace inrgan {

int level_extent(int extent, int divisor) {
  return std::max(1, (extent + divisor - 1) / std::max(1, divisor));
}

namespace {
using Clock = std::chrono::steady_clock;

struct Job {
  std::uint64_t id = 0;
  RenderRequest request;
  Clock::time_point submitted;
};

// What is wrong with a request, or "" when it can be rendered.
std::string check_request(const RenderRequest& r) {
  if (r.source.empty()) return "no generator to render from";
  if (r.width <= 0 || r.height <= 0)
    return "render size " + std::to_string(r.width) + "x" + std::to_string(r.height) +
           " is empty";
  if (!(r.view.width() > 0.0 && r.view.height() > 0.0))
    return "the view " + format_view(r.view) + " is empty";
  if (r.levels.empty()) return "no quality levels";
  for (int d : r.levels)
    if (d < 1) return "quality level divisor " + std::to_string(d) + " must be at least 1";
  if (r.tile_pixels < 0) return "tile size must not be negative";
  return {};
}
}  // namespace

struct ProgressiveRenderer::Impl {
  explicit Impl(RenderCallbacks cb) : callbacks(std::move(cb)) {}

  RenderCallbacks callbacks;
  // Held while checking that a request is still the latest and delivering its result, and by
  // submit(): so once submit() has returned, no older request delivers. Recursive, so that a
  // callback may submit.
  std::recursive_mutex delivery;
  std::mutex mailbox_mutex;
  std::condition_variable mailbox_changed;
  std::optional<Job> pending;  // the one-slot mailbox
  bool busy = false;
  bool quit = false;
  std::uint64_t next_id = 0;
  std::atomic<std::uint64_t> latest{0};  // a request not equal to this is superseded
  std::atomic<std::uint64_t> latest_submitted{0};
  std::atomic<std::int64_t> tiles{0};
  // Worker-only state.
  SourceCache sources;
  FoldCache folds;
  std::thread worker;

  bool stale(std::uint64_t id) const { return latest.load() != id; }

  // Runs `deliver` only if `id` is still the latest request.
  template <class F>
  void deliver_if_current(std::uint64_t id, F&& deliver) {
    std::lock_guard lock(delivery);
    if (!stale(id)) deliver();
  }

  void run() {
    for (;;) {
      Job job;
      {
        std::unique_lock lock(mailbox_mutex);
        mailbox_changed.wait(lock, [&] { return quit || pending.has_value(); });
        if (quit) return;
        job = std::move(*pending);
        pending.reset();
        busy = true;
      }
      try {
        render(job);
      } catch (const c10::Error& e) {
        fail(job.id, e.what_without_backtrace());
      } catch (const std::exception& e) {
        fail(job.id, e.what());
      }
      {
        std::lock_guard lock(mailbox_mutex);
        busy = false;
      }
      mailbox_changed.notify_all();
    }
  }

  void fail(std::uint64_t id, const std::string& message) {
    deliver_if_current(id, [&] {
      if (callbacks.on_error) callbacks.on_error({id, message});
    });
  }

  void render(const Job& job) {
    const RenderRequest& r = job.request;
    if (const auto problem = check_request(r); !problem.empty()) return fail(job.id, problem);
    const auto source = sources.get(r.source);  // may load a checkpoint: seconds
    if (stale(job.id)) return;
    const auto folded = folds.get(source, r.latent, r.psi);
    const std::int64_t tile_pixels =
        r.tile_pixels > 0 ? r.tile_pixels : default_tile_pixels(source->config().generator);
    for (int level = 0; level < static_cast<int>(r.levels.size()); ++level) {
      if (stale(job.id)) return;
      const int divisor = r.levels[level];
      RenderResult result;
      result.id = job.id;
      result.level = level;
      result.divisor = divisor;
      result.final = level + 1 == static_cast<int>(r.levels.size());
      result.view = r.view;
      result.image.width = level_extent(r.width, divisor);
      result.image.height = level_extent(r.height, divisor);
      result.image.pixels.resize(static_cast<std::size_t>(result.image.width) *
                                 result.image.height * 3);
      RenderProgress progress{job.id, level, 0,
                              tile_count(result.image.width, result.image.height, tile_pixels)};
      const bool done = render_rows(
          *folded, r.view, result.image.width, result.image.height, 0, result.image.height,
          tile_pixels, result.image.pixels.data(), [&] { return !stale(job.id); },
          [&] {
            ++tiles;
            ++progress.tiles_done;
            if (callbacks.on_progress)
              deliver_if_current(job.id, [&] { callbacks.on_progress(progress); });
          });
      if (!done) return;
      result.seconds = std::chrono::duration<double>(Clock::now() - job.submitted).count();
      result.source_label = source->label();
      result.source_step = source->step();
      result.training_resolution = source->training_resolution();
      deliver_if_current(job.id, [&] {
        if (callbacks.on_result) callbacks.on_result(result);
      });
    }
  }
};

ProgressiveRenderer::ProgressiveRenderer(RenderCallbacks callbacks)
    : impl_(std::make_unique<Impl>(std::move(callbacks))) {
  impl_->worker = std::thread([this] { impl_->run(); });
}

ProgressiveRenderer::~ProgressiveRenderer() {
  {
    std::lock_guard lock(impl_->mailbox_mutex);
    impl_->quit = true;
    impl_->latest = ++impl_->next_id;  // the request in flight stops at its next tile
  }
  impl_->mailbox_changed.notify_all();
  impl_->worker.join();
}

std::uint64_t ProgressiveRenderer::submit(RenderRequest request) {
  std::lock_guard delivery(impl_->delivery);
  std::uint64_t id = 0;
  {
    std::lock_guard lock(impl_->mailbox_mutex);
    id = ++impl_->next_id;
    impl_->latest = id;
    impl_->latest_submitted = id;
    impl_->pending = Job{id, std::move(request), Clock::now()};
  }
  impl_->mailbox_changed.notify_all();
  return id;
}

void ProgressiveRenderer::cancel() {
  std::lock_guard delivery(impl_->delivery);
  std::lock_guard lock(impl_->mailbox_mutex);
  impl_->latest = ++impl_->next_id;  // an id no request has
  impl_->pending.reset();
}

void ProgressiveRenderer::wait_idle() {
  std::unique_lock lock(impl_->mailbox_mutex);
  impl_->mailbox_changed.wait(lock, [&] { return !impl_->busy && !impl_->pending; });
}

std::uint64_t ProgressiveRenderer::latest_id() const { return impl_->latest_submitted.load(); }

std::int64_t ProgressiveRenderer::tiles_evaluated() const { return impl_->tiles.load(); }

}  // namespace inrgan
