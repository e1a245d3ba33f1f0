// What inrgan-view was started with (main.cpp fills it from the command line).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/geometry/view.h"

namespace inrgan::viewer {

struct ViewerOptions {
  std::filesystem::path source;  // a checkpoint file, or a run folder to follow
  std::uint64_t seed = 0;
  double psi = 1.0;
  std::string device = "auto";
  int window_width = 1280;
  int window_height = 800;
  std::optional<View> start_view;  // shown fitted into the window; default: the training domain
};

}  // namespace inrgan::viewer
