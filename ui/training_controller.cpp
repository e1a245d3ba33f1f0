#include "ui/training_controller.h"

#include <QMetaObject>

#include <exception>
#include <type_traits>

#include "ui/format.h"

namespace inrgan::ui {

namespace {
void registerMetaTypes() {
  static const bool once = [] {
    qRegisterMetaType<inrgan::StepEvent>();
    qRegisterMetaType<inrgan::StageEvent>();
    qRegisterMetaType<inrgan::SampleEvent>();
    qRegisterMetaType<inrgan::PatchOverlayEvent>();
    qRegisterMetaType<inrgan::CheckpointEvent>();
    qRegisterMetaType<inrgan::LogEvent>();
    qRegisterMetaType<inrgan::PrepareEvent>();
    qRegisterMetaType<inrgan::StateEvent>();
    qRegisterMetaType<inrgan::GeneratorSnapshotEvent>();
    qRegisterMetaType<inrgan::SessionState>();
    return true;
  }();
  (void)once;
}
}  // namespace

TrainingController::TrainingController(QObject* parent) : QObject(parent) { registerMetaTypes(); }

TrainingController::~TrainingController() {
  // New events are dropped from here on; the session's destructor stops (with a checkpoint) and
  // joins the worker before this object goes away, so the sink never sees a dangling `this`.
  generation_.fetch_add(1);
  session_.reset();
}

bool TrainingController::isActive() const { return ui::isActive(state_); }

inrgan::EventSink TrainingController::makeSink() {
  const std::uint64_t generation = generation_.load();
  return [this, generation](const inrgan::TrainingEvent& event) {
    if (generation != generation_.load()) return;
    const bool is_step = std::holds_alternative<inrgan::StepEvent>(event);
    if (is_step) {
      if (queued_steps_.load() >= kMaxQueuedSteps) {
        dropped_steps_.fetch_add(1);
        return;
      }
      queued_steps_.fetch_add(1);
    }
    QMetaObject::invokeMethod(
        this,
        [this, generation, is_step, event] {
          if (is_step) queued_steps_.fetch_sub(1);
          if (generation != generation_.load()) return;
          handleEvent(event);
        },
        Qt::QueuedConnection);
  };
}

bool TrainingController::start(const inrgan::SessionOptions& options) {
  if (isActive()) {
    Q_EMIT errorOccurred(tr("A session is already running; stop it first."));
    return false;
  }
  // A finished session's worker has ended; joining it is immediate.
  session_.reset();
  generation_.fetch_add(1);
  queued_steps_.store(0);
  dropped_steps_.store(0);
  try {
    auto session = std::make_unique<inrgan::TrainingSession>(makeSink());
    session->start(options);
    session_ = std::move(session);
  } catch (const std::exception& error) {
    // Whatever the rejected session queued would repeat this error; drop it.
    generation_.fetch_add(1);
    const QString message = QString::fromStdString(error.what());
    setState(inrgan::SessionState::Failed, message);
    return false;
  }
  // The worker reports its own states; until its first one arrives we are preparing.
  if (!isActive()) setState(inrgan::SessionState::Preparing, {});
  return true;
}

void TrainingController::pause() {
  if (session_ && state_ == inrgan::SessionState::Running) session_->pause();
}

void TrainingController::resume() {
  if (session_ && state_ == inrgan::SessionState::Paused) session_->resume();
}

void TrainingController::stop() {
  if (session_ && isActive()) session_->stop();
}

void TrainingController::requestSnapshot() {
  if (session_ && isActive()) session_->request_snapshot();
}

void TrainingController::setState(inrgan::SessionState state, const QString& message) {
  state_ = state;
  Q_EMIT stateChanged(state, message);
  if (state == inrgan::SessionState::Failed) {
    Q_EMIT errorOccurred(message.isEmpty() ? tr("Training failed.") : message);
  }
}

void TrainingController::handleEvent(const inrgan::TrainingEvent& event) {
  std::visit(
      [this](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        if constexpr (std::is_same_v<T, inrgan::StepEvent>) {
          Q_EMIT stepReported(e);
        } else if constexpr (std::is_same_v<T, inrgan::StageEvent>) {
          Q_EMIT stageStarted(e);
        } else if constexpr (std::is_same_v<T, inrgan::SampleEvent>) {
          Q_EMIT sampleReady(e);
        } else if constexpr (std::is_same_v<T, inrgan::PatchOverlayEvent>) {
          Q_EMIT overlayReady(e);
        } else if constexpr (std::is_same_v<T, inrgan::CheckpointEvent>) {
          Q_EMIT checkpointWritten(e);
        } else if constexpr (std::is_same_v<T, inrgan::LogEvent>) {
          Q_EMIT logMessage(e);
        } else if constexpr (std::is_same_v<T, inrgan::PrepareEvent>) {
          Q_EMIT prepareProgress(e);
        } else if constexpr (std::is_same_v<T, inrgan::GeneratorSnapshotEvent>) {
          Q_EMIT generatorSnapshot(e);
        } else if constexpr (std::is_same_v<T, inrgan::StateEvent>) {
          // start() already announced Preparing; the worker's own Preparing repeats it.
          if (e.state == state_ && e.message.empty() && e.state != inrgan::SessionState::Failed) return;
          setState(e.state, QString::fromStdString(e.message));
        }
      },
      event);
}

}  // namespace inrgan::ui
