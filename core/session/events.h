// What a training session reports. Plain structs only (no torch), so that the Qt layer and the CLI
// can consume them on any thread.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "core/data/rgb_image.h"
#include "core/geometry/view.h"
#include "core/render/generator_source.h"

namespace inrgan {

enum class SessionState { Idle, Preparing, Running, Paused, Stopping, Finished, Failed };
const char* to_string(SessionState state);

// One training step (or one reporting tick).
struct StepEvent {
  std::int64_t step = 0;            // optimiser steps so far (G and D once each)
  int stage = 0;
  int num_stages = 1;
  int resolution = 0;               // r_k
  int patch = 0;                    // side of what G renders and D sees
  std::int64_t images_shown = 0;    // total, all stages
  std::int64_t stage_images_shown = 0;
  std::int64_t stage_budget_images = 0;
  double stage_seconds = 0.0;        // time spent in this stage
  double stage_budget_seconds = 0.0; // 0 = no time budget
  // Loss terms by name: "g_adv", "g_rec", "g_total", "d_real", "d_fake", "d_total", "r1".
  std::vector<std::pair<std::string, double>> losses;
  double images_per_second = 0.0;
  double seconds_per_step = 0.0;
  double eta_seconds = 0.0;          // whole run
  double stage_eta_seconds = 0.0;
  std::int64_t peak_memory_bytes = 0;  // process peak RSS (CPU) or device peak (CUDA)
  std::vector<PatchWindow> real_windows;  // where the real crops came from, on the r_k grid
  std::vector<PatchWindow> fake_windows;  // the windows G rendered
};

// A stage has begun.
struct StageEvent {
  int stage = 0;
  int num_stages = 1;
  int resolution = 0;
  int patch = 0;
  std::int64_t budget_images = 0;
};

// A fixed-seed sample grid from the EMA generator.
struct SampleEvent {
  int stage = 0;
  std::int64_t images_shown = 0;
  int cell_size = 0;
  int cols = 0;
  int rows = 0;
  RgbImage grid;
  std::filesystem::path file;  // where it was written in the run folder (may be empty)
};

// One real image of the current stage with the windows cropped from it, for the overlay.
struct PatchOverlayEvent {
  int stage = 0;
  int resolution = 0;
  RgbImage image;                    // the r_k-resized real image
  std::vector<PatchWindow> windows;  // windows cropped from it in the last steps
};

struct CheckpointEvent {
  std::filesystem::path file;
  std::int64_t step = 0;
};

enum class LogLevel { Info, Warning, Error };
struct LogEvent {
  LogLevel level = LogLevel::Info;
  std::string message;
};

// Progress of the work before training starts (scanning the data folder, caching).
struct PrepareEvent {
  std::string what;
  std::int64_t done = 0;
  std::int64_t total = 0;
};

// A copy of the EMA generator as it is now, for the explorer to render while training goes on.
// Sent with every sample grid and when TrainingSession::request_snapshot() asks for one.
struct GeneratorSnapshotEvent {
  GeneratorSourcePtr generator;
  std::int64_t step = 0;
};

struct StateEvent {
  SessionState state = SessionState::Idle;
  std::string message;  // the error when state == Failed
};

using TrainingEvent = std::variant<StepEvent, StageEvent, SampleEvent, PatchOverlayEvent,
                                   CheckpointEvent, LogEvent, PrepareEvent, StateEvent,
                                   GeneratorSnapshotEvent>;

// Called on the worker thread; must not block for long.
using EventSink = std::function<void(const TrainingEvent&)>;

}  // namespace inrgan
