#include "app/viewer/render_inbox.h"

#include <utility>

namespace inrgan::viewer {

RenderCallbacks RenderInbox::callbacks() {
  RenderCallbacks callbacks;
  callbacks.on_result = [this](const RenderResult& result) {
    {
      std::lock_guard lock(mutex_);
      result_ = result;
    }
    wake_();
  };
  callbacks.on_error = [this](const RenderError& error) {
    {
      std::lock_guard lock(mutex_);
      error_ = error;
    }
    wake_();
  };
  // Progress is shown with the next frame; waking for every tile would redraw the window for
  // nothing but a progress bar while the renderer needs the CPU.
  callbacks.on_progress = [this](const RenderProgress& progress) {
    std::lock_guard lock(mutex_);
    progress_ = progress;
  };
  return callbacks;
}

std::optional<RenderResult> RenderInbox::take_result() {
  std::lock_guard lock(mutex_);
  return std::exchange(result_, std::nullopt);
}

std::optional<RenderError> RenderInbox::take_error() {
  std::lock_guard lock(mutex_);
  return std::exchange(error_, std::nullopt);
}

std::optional<RenderProgress> RenderInbox::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

}  // namespace inrgan::viewer
