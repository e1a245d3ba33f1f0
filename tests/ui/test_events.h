// Small synthetic events for the widget tests: real values, built in a few lines.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/session/events.h"

namespace inrgan::test {

// A w x h image whose pixel (x, y) is (x, y, 200) (mod 256): every pixel is checkable.
inline RgbImage gradientImage(int w, int h) {
  RgbImage img;
  img.width = w;
  img.height = h;
  img.pixels.resize(static_cast<std::size_t>(w) * h * 3);
  for (int y = 0; y < h; ++y)
    for (int x = 0; x < w; ++x) {
      std::uint8_t* p = &img.pixels[(static_cast<std::size_t>(y) * w + x) * 3];
      p[0] = static_cast<std::uint8_t>(x);
      p[1] = static_cast<std::uint8_t>(y);
      p[2] = 200;
    }
  return img;
}

// A step of the two-stage cpu-small schedule (32 px then 64 px, budgets 22k and 16k images).
inline StepEvent stepEvent(int stage, std::int64_t stage_shown, std::int64_t step = 100) {
  StepEvent e;
  e.step = step;
  e.stage = stage;
  e.num_stages = 2;
  e.patch = 32;
  e.resolution = 32 << stage;
  e.stage_budget_images = stage == 0 ? 22000 : 16000;
  e.stage_images_shown = stage_shown;
  e.images_shown = (stage == 0 ? 0 : 22000) + stage_shown;
  e.losses = {{"g_adv", 1.0 + 0.001 * static_cast<double>(step)},
              {"g_rec", 0.05},
              {"d_real", 0.6},
              {"d_fake", 0.7},
              {"d_total", 1.3},
              {"r1", 0.01}};
  e.images_per_second = 8.0;
  e.eta_seconds = 125.0;
  e.stage_eta_seconds = 60.0;
  e.peak_memory_bytes = 400ll << 20;
  const int grid = e.resolution;
  for (int i = 0; i < 8; ++i) {
    e.fake_windows.push_back(PatchWindow{i * (grid - 32) / 8, (7 - i) * (grid - 32) / 8, 32, grid});
    e.real_windows.push_back(PatchWindow{(grid - 32) / 2, i * (grid - 32) / 8, 32, grid});
  }
  return e;
}

inline SampleEvent sampleEvent(int stage, int cols, int rows, int cell) {
  SampleEvent e;
  e.stage = stage;
  e.images_shown = 23400;
  e.cell_size = cell;
  e.cols = cols;
  e.rows = rows;
  e.grid = gradientImage(cols * cell, rows * cell);
  e.file = "runs/test/samples/stage1-000023400.png";
  return e;
}

inline PatchOverlayEvent overlayEvent(int windows) {
  PatchOverlayEvent e;
  e.stage = 1;
  e.resolution = 64;
  e.image = gradientImage(64, 64);
  for (int i = 0; i < windows; ++i) e.windows.push_back(PatchWindow{i * 8, 32 - i * 8, 32, 64});
  return e;
}

}  // namespace inrgan::test
