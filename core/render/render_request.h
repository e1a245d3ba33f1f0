// What to render, as a plain value (ARCHITECTURE: rendering), and what comes back.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/geometry/view.h"
#include "core/render/generator_source.h"
#include "core/data/rgb_image.h"

namespace inrgan {

// The latent: z = randn(seed) (the same seed gives the same image in the CLI, studio and viewer).
// With mix > 0 the image is that of w = lerp(w(seed), w(seed_b), mix), interpolated in W space
// before truncation, as StyleGAN-family tools do.
struct Latent {
  std::uint64_t seed = 0;
  std::uint64_t seed_b = 0;
  double mix = 0.0;  // in [0, 1]
  bool operator==(const Latent&) const = default;
};

// Where the generator comes from: a checkpoint file (or run folder: its newest checkpoint), loaded
// and cached by whoever renders; or a source already in memory (a live training snapshot).
struct RenderSource {
  std::filesystem::path checkpoint;
  GeneratorSourcePtr generator;  // used when set
  bool empty() const { return !generator && checkpoint.empty(); }
};

struct RenderRequest {
  RenderSource source;
  Latent latent;
  double psi = 1.0;
  View view;
  int width = 0;
  int height = 0;
  // Progressive levels, coarse first: level d renders ceil(width / d) x ceil(height / d) pixels of
  // the same view. The last level is the quality finally delivered (1 = full screen resolution).
  std::vector<int> levels = {8, 4, 2, 1};
  // Pixels evaluated per tile: bounds the memory of one evaluation, and is the granularity at
  // which a newer request cancels this one. 0: what suits the generator (default_tile_pixels).
  std::int64_t tile_pixels = 0;
};

// One finished level of a request.
struct RenderResult {
  std::uint64_t id = 0;    // what submit() returned
  int level = 0;           // index into request.levels
  int divisor = 1;         // request.levels[level]
  bool final = false;      // the last level
  View view;               // the view the image shows (the request's)
  RgbImage image;
  double seconds = 0.0;    // since submit()
  std::string source_label;
  std::int64_t source_step = 0;
  int training_resolution = 0;
};

struct RenderError {
  std::uint64_t id = 0;
  std::string message;  // names the checkpoint or value at fault
};

struct RenderProgress {
  std::uint64_t id = 0;
  int level = 0;
  std::int64_t tiles_done = 0;
  std::int64_t tiles_total = 0;
};

// Pixel size of `level` of a request: ceil(size / divisor), at least 1.
int level_extent(int extent, int divisor);

}  // namespace inrgan
