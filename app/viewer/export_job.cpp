#include "app/viewer/export_job.h"

#include <exception>
#include <utility>

namespace inrgan::viewer {

ExportJob::~ExportJob() {
  cancel_ = true;
  if (thread_.joinable()) thread_.join();
}

std::string ExportJob::start(ExportSpec spec) {
  if (running_) return "an export is still running";
  if (auto problem = validate_export(spec); !problem.empty()) return problem;
  if (thread_.joinable()) thread_.join();  // the previous export has ended: collect its thread
  cancel_ = false;
  running_ = true;
  file_ = spec.out;
  {
    std::lock_guard lock(mutex_);
    progress_ = {};
    outcome_.reset();
  }
  thread_ = std::thread([this, spec = std::move(spec)] {
    ExportOutcome outcome;
    try {
      outcome = export_png(
          spec,
          [this](const ExportProgress& p) {
            {
              std::lock_guard lock(mutex_);
              progress_ = p;
            }
            wake_();
          },
          &cancel_);
    } catch (const std::exception& e) {  // reported like any failed export, never fatal
      outcome.ok = false;
      outcome.error = e.what();
    }
    {
      std::lock_guard lock(mutex_);
      outcome_ = outcome;
    }
    running_ = false;
    wake_();
  });
  return {};
}

ExportProgress ExportJob::progress() const {
  std::lock_guard lock(mutex_);
  return progress_;
}

std::optional<ExportOutcome> ExportJob::outcome() const {
  std::lock_guard lock(mutex_);
  return outcome_;
}

}  // namespace inrgan::viewer
