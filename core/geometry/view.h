// Views, patch windows and pixel-centre grids (METHOD §2, §5). Plain values, no torch.
#pragma once

#include <string>

namespace inrgan {

// A rectangle [x0, x1] x [y0, y1] of continuous image space; x grows right, y grows down.
// The training domain is [-1, 1]^2; anything outside it is outpainting.
struct View {
  double x0 = -1.0, y0 = -1.0, x1 = 1.0, y1 = 1.0;

  double width() const { return x1 - x0; }
  double height() const { return y1 - y0; }
  bool operator==(const View&) const = default;

  static View training_domain() { return {}; }
};

// A size x size window of pixels starting at column u, row v of the grid x grid render of the
// training domain.
struct PatchWindow {
  int u = 0;
  int v = 0;
  int size = 0;
  int grid = 0;
  bool operator==(const PatchWindow&) const = default;
};

// The view whose size x size render is exactly the window's pixels of the grid x grid render.
inline View window_view(const PatchWindow& w) {
  const double step = 2.0 / static_cast<double>(w.grid);
  return {-1.0 + step * w.u, -1.0 + step * w.v, -1.0 + step * (w.u + w.size),
          -1.0 + step * (w.v + w.size)};
}

// "x0,y0,x1,y1" -> View; throws std::invalid_argument naming the text.
View parse_view(const std::string& text);
std::string format_view(const View& view);

// An image size in pixels.
struct PixelSize {
  int width = 0;
  int height = 0;
};
// "WIDTHxHEIGHT" (e.g. "4096x1024") -> PixelSize, each side in 1..max_side; throws
// std::invalid_argument naming the option, the text and what is wrong with it.
PixelSize parse_pixel_size(const std::string& text, const std::string& option, int max_side);

}  // namespace inrgan
