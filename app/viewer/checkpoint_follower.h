// Follows what the viewer shows: a checkpoint file, or the newest checkpoint of a run folder that
// may still be training. A thread of its own polls the folder and loads each newer checkpoint, so
// the window never waits for a load; a checkpoint that fails to load (deleted by rotation,
// corrupt) is reported and the previous generator stays.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

#include "core/render/generator_source.h"

namespace inrgan::viewer {

struct FollowerState {
  GeneratorSourcePtr source;     // the newest generator loaded so far (null before the first)
  std::uint64_t generation = 0;  // increases with each newly loaded source
  std::string activity;          // "loading ...", "waiting for ...", or empty when idle
  std::string error;             // the last load's failure, empty after a success
};

class CheckpointFollower {
 public:
  // `notify` is called on the follower's thread whenever the state changes.
  CheckpointFollower(std::filesystem::path checkpoint_or_run_dir, std::string device,
                     std::function<void()> notify,
                     std::chrono::milliseconds poll_interval = std::chrono::seconds(2));
  ~CheckpointFollower();  // stops polling; waits for a load in progress
  CheckpointFollower(const CheckpointFollower&) = delete;
  CheckpointFollower& operator=(const CheckpointFollower&) = delete;

  FollowerState state() const;
  const std::filesystem::path& target() const { return target_; }

 private:
  void run();
  void poll_once();
  void update(const std::function<void(FollowerState&)>& change);

  const std::filesystem::path target_;
  const std::string device_;
  const std::function<void()> notify_;
  const std::chrono::milliseconds poll_interval_;

  mutable std::mutex mutex_;
  std::condition_variable stop_requested_;
  bool stop_ = false;
  FollowerState state_;

  // Follower-thread only: the file shown, and the last file that failed (not retried until it
  // changes), each with its modification time so that a rewritten file counts as new.
  std::filesystem::path loaded_file_, failed_file_;
  std::filesystem::file_time_type loaded_time_{}, failed_time_{};

  std::thread thread_;  // last: starts after everything it uses exists
};

}  // namespace inrgan::viewer
