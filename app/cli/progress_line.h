// Turns training events into terminal output: one updating progress line on a terminal, one line
// per report otherwise (logs, CI), and log messages above it.
#pragma once

#include <chrono>

#include "core/session/events.h"

namespace inrgan::cli {

class ProgressLine {
 public:
  explicit ProgressLine(bool terminal);
  void handle(const TrainingEvent& event);
  void finish();

 private:
  void print_line(const std::string& text, bool transient);
  bool terminal_;
  bool line_open_ = false;
  std::chrono::steady_clock::time_point last_plain_print_{};
};

std::string format_duration(double seconds);

}  // namespace inrgan::cli
