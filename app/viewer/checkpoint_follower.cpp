#include "app/viewer/checkpoint_follower.h"

#include <exception>
#include <optional>
#include <system_error>
#include <utility>

#include "core/train/checkpoint_files.h"

namespace inrgan::viewer {

CheckpointFollower::CheckpointFollower(std::filesystem::path checkpoint_or_run_dir,
                                       std::string device, std::function<void()> notify,
                                       std::chrono::milliseconds poll_interval)
    : target_(std::move(checkpoint_or_run_dir)),
      device_(std::move(device)),
      notify_(std::move(notify)),
      poll_interval_(poll_interval),
      thread_([this] { run(); }) {}

CheckpointFollower::~CheckpointFollower() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  stop_requested_.notify_all();
  thread_.join();
}

FollowerState CheckpointFollower::state() const {
  std::lock_guard lock(mutex_);
  return state_;
}

void CheckpointFollower::update(const std::function<void(FollowerState&)>& change) {
  {
    std::lock_guard lock(mutex_);
    change(state_);
  }
  if (notify_) notify_();
}

void CheckpointFollower::run() {
  for (;;) {
    poll_once();
    std::unique_lock lock(mutex_);
    if (stop_requested_.wait_for(lock, poll_interval_, [this] { return stop_; })) return;
  }
}

void CheckpointFollower::poll_once() {
  std::optional<std::filesystem::path> file;
  std::filesystem::file_time_type modified{};
  try {
    file = find_checkpoint(target_);
    if (file) modified = std::filesystem::last_write_time(*file);
  } catch (const std::exception&) {
    file.reset();  // rotated away between listing and reading: the next poll sees the folder anew
  }
  if (!file) {
    // Only this thread writes state_, so reading it here needs no lock.
    const std::string waiting = "waiting for a checkpoint in " + target_.string();
    if (!state_.source && state_.activity != waiting)
      update([&](FollowerState& s) { s.activity = waiting; });
    return;
  }
  if (*file == loaded_file_ && modified == loaded_time_) {
    // A newer file that failed is gone (rotated, deleted): its error no longer applies.
    if (!state_.error.empty()) update([](FollowerState& s) { s.error.clear(); });
    return;
  }
  if (*file == failed_file_ && modified == failed_time_) return;  // retried once it changes

  update([&](FollowerState& s) { s.activity = "loading " + file->filename().string(); });
  try {
    auto source = open_checkpoint_source(*file, device_);
    loaded_file_ = *file;
    loaded_time_ = modified;
    update([&](FollowerState& s) {
      s.source = std::move(source);
      ++s.generation;
      s.activity.clear();
      s.error.clear();
    });
  } catch (const std::exception& e) {
    failed_file_ = *file;
    failed_time_ = modified;
    const std::string message = e.what();
    update([&](FollowerState& s) {
      s.activity.clear();
      s.error = message;
    });
  }
}

}  // namespace inrgan::viewer
