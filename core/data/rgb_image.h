// An 8-bit RGB picture as plain bytes: what crosses from the core to the GUIs and into files.
#pragma once

#include <cstdint>
#include <vector>

namespace inrgan {

// 8-bit RGB, row-major, 3 bytes per pixel.
struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;

  bool empty() const { return width == 0 || height == 0; }
};

}  // namespace inrgan
