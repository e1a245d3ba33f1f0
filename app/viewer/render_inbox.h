// Where the renderer's worker thread leaves its results for the window's thread: a mutex-protected
// slot holding the newest result and error (older ones are never needed: each result replaces the
// picture), plus a wake-up call so the window's event wait returns at once.
#pragma once

#include <functional>
#include <mutex>
#include <optional>

#include "core/render/progressive_renderer.h"

namespace inrgan::viewer {

class RenderInbox {
 public:
  explicit RenderInbox(std::function<void()> wake) : wake_(std::move(wake)) {}

  // Callbacks for the ProgressiveRenderer; they only copy and wake, so they return at once.
  RenderCallbacks callbacks();

  std::optional<RenderResult> take_result();
  std::optional<RenderError> take_error();
  std::optional<RenderProgress> progress() const;

 private:
  std::function<void()> wake_;
  mutable std::mutex mutex_;
  std::optional<RenderResult> result_;
  std::optional<RenderError> error_;
  std::optional<RenderProgress> progress_;
};

}  // namespace inrgan::viewer
