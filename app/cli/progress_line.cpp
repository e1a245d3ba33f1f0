#include "app/cli/progress_line.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <type_traits>

namespace inrgan::cli {

std::string format_duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "--:--";
  const long long s = std::llround(seconds);
  char buffer[32];
  if (s >= 3600)
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld:%02lld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buffer, sizeof buffer, "%lld:%02lld", s / 60, s % 60);
  return buffer;
}

ProgressLine::ProgressLine(bool terminal) : terminal_(terminal) {}

void ProgressLine::print_line(const std::string& text, bool transient) {
  if (terminal_) {
    std::fprintf(stderr, "\r\033[K%s", text.c_str());
    if (!transient) std::fprintf(stderr, "\n");
    line_open_ = transient;
  } else {
    std::fprintf(stderr, "%s\n", text.c_str());
  }
  std::fflush(stderr);
}

void ProgressLine::finish() {
  if (line_open_) std::fprintf(stderr, "\n");
  line_open_ = false;
}

void ProgressLine::handle(const TrainingEvent& event) {
  std::visit(
      [&](const auto& e) {
        using T = std::decay_t<decltype(e)>;
        char buffer[512];
        if constexpr (std::is_same_v<T, StepEvent>) {
          // Off a terminal, one line every 10 s keeps logs readable.
          const auto now = std::chrono::steady_clock::now();
          if (!terminal_ && now - last_plain_print_ < std::chrono::seconds(10) &&
              e.stage_images_shown < e.stage_budget_images)
            return;
          last_plain_print_ = now;
          std::string losses;
          for (const auto& [name, value] : e.losses) {
            if (name == "g_total" || name == "d_total") continue;
            std::snprintf(buffer, sizeof buffer, " %s %.3f", name.c_str(), value);
            losses += buffer;
          }
          std::snprintf(buffer, sizeof buffer,
                        "stage %d/%d %dpx | step %lld | %.1fk img (stage %.0f%%) |%s | %.1f img/s | "
                        "%.0f MB | ETA %s",
                        e.stage, e.num_stages - 1, e.resolution, static_cast<long long>(e.step),
                        e.images_shown / 1000.0,
                        100.0 * e.stage_images_shown / std::max<std::int64_t>(1, e.stage_budget_images),
                        losses.c_str(), e.images_per_second, e.peak_memory_bytes / 1048576.0,
                        format_duration(e.eta_seconds).c_str());
          print_line(buffer, true);
        } else if constexpr (std::is_same_v<T, StageEvent>) {
          std::snprintf(buffer, sizeof buffer, "== Stage %d/%d: %d px (%s), %lld images", e.stage,
                        e.num_stages - 1, e.resolution,
                        e.patch == e.resolution ? "full images" : "patches", 
                        static_cast<long long>(e.budget_images));
          print_line(buffer, false);
        } else if constexpr (std::is_same_v<T, SampleEvent>) {
          if (!e.file.empty()) print_line("Samples: " + e.file.string(), false);
        } else if constexpr (std::is_same_v<T, CheckpointEvent>) {
          print_line("Checkpoint: " + e.file.string(), false);
        } else if constexpr (std::is_same_v<T, LogEvent>) {
          const char* prefix = e.level == LogLevel::Error     ? "error: "
                               : e.level == LogLevel::Warning ? "warning: "
                                                              : "";
          print_line(prefix + e.message, false);
        } else if constexpr (std::is_same_v<T, PrepareEvent>) {
          if (e.total > 0 && (e.done == e.total || e.done % 50 == 0)) {
            std::snprintf(buffer, sizeof buffer, "%s: %lld/%lld", e.what.c_str(),
                          static_cast<long long>(e.done), static_cast<long long>(e.total));
            print_line(buffer, e.done != e.total);
          }
        } else if constexpr (std::is_same_v<T, StateEvent>) {
          if (e.state == SessionState::Paused) print_line("Paused", false);
        }
      },
      event);
}

}  // namespace inrgan::cli
