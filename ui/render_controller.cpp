#include "ui/render_controller.h"

#include <QMetaObject>

#include <utility>

namespace inrgan::ui {

RenderController::RenderController(QObject* parent) : QObject(parent) {
  inrgan::RenderCallbacks callbacks;
  // Each callback copies its value into a functor queued to this object's thread; the check for
  // staleness happens there, where latest_id_ lives.
  callbacks.on_result = [this](const inrgan::RenderResult& result) {
    QMetaObject::invokeMethod(
        this,
        [this, result] {
          if (!isStale(result.id)) Q_EMIT resultReady(result);
        },
        Qt::QueuedConnection);
  };
  callbacks.on_error = [this](const inrgan::RenderError& error) {
    QMetaObject::invokeMethod(
        this,
        [this, error] {
          if (!isStale(error.id)) Q_EMIT renderFailed(error.id, QString::fromStdString(error.message));
        },
        Qt::QueuedConnection);
  };
  callbacks.on_progress = [this](const inrgan::RenderProgress& progress) {
    QMetaObject::invokeMethod(
        this,
        [this, progress] {
          if (!isStale(progress.id)) Q_EMIT progressed(progress);
        },
        Qt::QueuedConnection);
  };
  renderer_ = std::make_unique<inrgan::ProgressiveRenderer>(std::move(callbacks));
}

// Joining the worker first means no callback can queue a functor after this point; the ones
// already queued die with this QObject (Qt removes posted events of a deleted receiver).
RenderController::~RenderController() { renderer_.reset(); }

std::uint64_t RenderController::submit(inrgan::RenderRequest request) {
  latest_id_ = renderer_->submit(std::move(request));
  return latest_id_;
}

}  // namespace inrgan::ui
