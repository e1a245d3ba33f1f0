// One PNG export at a time on a thread of its own, so the window stays live: progress and the
// outcome are read by the window's thread, Cancel stops it within one band of rows.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "core/render/export_png.h"

namespace inrgan::viewer {

class ExportJob {
 public:
  // `wake` is called on the export thread after each band and when the export ends.
  explicit ExportJob(std::function<void()> wake) : wake_(std::move(wake)) {}
  ~ExportJob();  // cancels and waits: no half-written file outlives the viewer
  ExportJob(const ExportJob&) = delete;
  ExportJob& operator=(const ExportJob&) = delete;

  // Checks `spec` and starts it. Returns the reason when it is invalid or an export is running.
  std::string start(ExportSpec spec);
  void cancel() { cancel_ = true; }
  bool running() const { return running_; }
  ExportProgress progress() const;
  // The last finished export (ok, cancelled or failed), until the next starts.
  std::optional<ExportOutcome> outcome() const;
  const std::filesystem::path& file() const { return file_; }

 private:
  std::function<void()> wake_;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> running_{false};
  mutable std::mutex mutex_;
  ExportProgress progress_;
  std::optional<ExportOutcome> outcome_;
  std::filesystem::path file_;  // window thread only
  std::thread thread_;
};

}  // namespace inrgan::viewer
