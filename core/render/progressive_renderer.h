// The explorer's renderer: one worker thread with a one-slot "latest request wins" mailbox.
// Each request renders its levels coarse to fine and delivers each as it is done. A newer request
// cancels the one in flight within one tile, and a superseded request never delivers again.
// Torch-free header; callbacks run on the worker thread and must return quickly.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>

#include "core/render/render_request.h"

namespace inrgan {

struct RenderCallbacks {
  std::function<void(const RenderResult&)> on_result;
  std::function<void(const RenderError&)> on_error;
  std::function<void(const RenderProgress&)> on_progress;  // after each tile (optional)
};

class ProgressiveRenderer {
 public:
  explicit ProgressiveRenderer(RenderCallbacks callbacks);
  ~ProgressiveRenderer();  // cancels and joins
  ProgressiveRenderer(const ProgressiveRenderer&) = delete;
  ProgressiveRenderer& operator=(const ProgressiveRenderer&) = delete;

  // Replaces whatever is pending or in flight; returns the request's id (increasing from 1).
  // Callable from any thread, including from inside a callback.
  std::uint64_t submit(RenderRequest request);
  // Drops the pending and in-flight request without a replacement.
  void cancel();
  // Blocks until the worker has nothing left to do (tests, shutdown).
  void wait_idle();
  // The id of the newest request submitted (0 before the first).
  std::uint64_t latest_id() const;
  // Tiles evaluated so far by this renderer, all requests together.
  std::int64_t tiles_evaluated() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace inrgan
