// Runs the trainer on a worker thread: start, pause, resume, stop, each answered within a second
// (at the next step boundary). Torch-free header so that the Qt layer can own one.
#pragma once

#include <filesystem>
#include <memory>

#include "core/config/config.h"
#include "core/session/events.h"

namespace inrgan {

struct SessionOptions {
  Config config;
  std::filesystem::path data_dir;
  std::filesystem::path run_dir;
  bool resume = false;            // continue from the newest checkpoint in run_dir
  bool config_given = false;      // the user chose `config` (a resume warns when it differs)
  std::int64_t max_steps = -1;    // stop after this many steps of this session (tests); -1 = no limit
};

class TrainingSession {
 public:
  explicit TrainingSession(EventSink sink);
  ~TrainingSession();  // stops the worker (saving a checkpoint) and joins it
  TrainingSession(const TrainingSession&) = delete;
  TrainingSession& operator=(const TrainingSession&) = delete;

  // Validates the options (throws ConfigError on a bad config or folder) and starts the worker.
  void start(SessionOptions options);
  void pause();
  void resume();
  // Asks for a GeneratorSnapshotEvent at the next step boundary (one is also sent with every
  // sample grid).
  void request_snapshot();
  // Asks the worker to save a checkpoint and finish; returns at once.
  void stop();
  // Blocks until the worker has finished.
  void wait();
  SessionState state() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace inrgan
