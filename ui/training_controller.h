// Owns the core TrainingSession and turns its events (which arrive on the worker thread) into typed
// Qt signals on the GUI thread. Widgets observe these signals; none of them touches the session.
#pragma once

#include <QObject>
#include <QString>

#include <atomic>
#include <cstdint>
#include <memory>

#include "core/session/events.h"
#include "core/session/training_session.h"
#include "ui/event_metatypes.h"

namespace inrgan::ui {

class TrainingController : public QObject {
  Q_OBJECT

 public:
  explicit TrainingController(QObject* parent = nullptr);
  ~TrainingController() override;  // stops and joins a running session

  // Starts a new session. A bad config or folder is reported through errorOccurred (and a Failed
  // stateChanged) and returns false; it never throws.
  bool start(const inrgan::SessionOptions& options);
  void pause();
  void resume();
  void stop();
  // Asks the running session for a copy of its EMA generator (arrives as generatorSnapshot).
  void requestSnapshot();

  inrgan::SessionState state() const { return state_; }
  bool isActive() const;

  // The sink handed to the session: callable on any thread, it queues the event to this object's
  // thread. Events from an older session (an older sink) are dropped once a new one has started.
  inrgan::EventSink makeSink();

  // Step events waiting in the queue above this are dropped, so that a fast trainer cannot flood
  // the GUI; every other kind of event is always delivered.
  static constexpr int kMaxQueuedSteps = 256;
  std::int64_t droppedSteps() const { return dropped_steps_.load(); }

 public Q_SLOTS:
  // Dispatches one event to the typed signals. Runs on the GUI thread (tests call it directly).
  void handleEvent(const inrgan::TrainingEvent& event);

 Q_SIGNALS:
  void stepReported(const inrgan::StepEvent& event);
  void stageStarted(const inrgan::StageEvent& event);
  void sampleReady(const inrgan::SampleEvent& event);
  void overlayReady(const inrgan::PatchOverlayEvent& event);
  void checkpointWritten(const inrgan::CheckpointEvent& event);
  void logMessage(const inrgan::LogEvent& event);
  void prepareProgress(const inrgan::PrepareEvent& event);
  void generatorSnapshot(const inrgan::GeneratorSnapshotEvent& event);
  void stateChanged(inrgan::SessionState state, const QString& message);
  // A failure to show to the user: a rejected start or a session that ended in Failed.
  void errorOccurred(const QString& message);

 private:
  void setState(inrgan::SessionState state, const QString& message);

  std::unique_ptr<inrgan::TrainingSession> session_;
  inrgan::SessionState state_ = inrgan::SessionState::Idle;
  std::atomic<std::uint64_t> generation_{0};
  std::atomic<int> queued_steps_{0};
  std::atomic<std::int64_t> dropped_steps_{0};
};

}  // namespace inrgan::ui
