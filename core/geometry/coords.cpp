#include "core/geometry/coords.h"

#include <stdexcept>

namespace inrgan {

namespace {
// Centres computed in double, then cast, so that nested grids agree to float precision.
torch::Tensor axis_centres(double a, double b, int n) {
  auto index = torch::arange(n, torch::kFloat64);
  return a + (index + 0.5) * ((b - a) / static_cast<double>(n));
}
}  // namespace

torch::Tensor view_coords(const View& view, int width, int height,
                          const torch::TensorOptions& options) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("view_coords: empty size");
  auto xs = axis_centres(view.x0, view.x1, width);
  auto ys = axis_centres(view.y0, view.y1, height);
  auto grid_y = ys.view({height, 1}).expand({height, width});
  auto grid_x = xs.view({1, width}).expand({height, width});
  return torch::stack({grid_x, grid_y}, -1).reshape({height * width, 2}).to(options);
}

torch::Tensor window_coords(const std::vector<PatchWindow>& windows,
                            const torch::TensorOptions& options) {
  if (windows.empty()) throw std::invalid_argument("window_coords: no windows");
  std::vector<torch::Tensor> parts;
  parts.reserve(windows.size());
  const int size = windows.front().size;
  for (const auto& w : windows) {
    if (w.size != size) throw std::invalid_argument("window_coords: windows differ in size");
    parts.push_back(view_coords(window_view(w), w.size, w.size, torch::kFloat64));
  }
  return torch::stack(parts).to(options);
}

torch::Tensor pixels_to_image(const torch::Tensor& pixels, int height, int width) {
  return pixels.view({pixels.size(0), height, width, pixels.size(2)}).permute({0, 3, 1, 2});
}

torch::Tensor image_to_pixels(const torch::Tensor& image) {
  return image.permute({0, 2, 3, 1}).reshape({image.size(0), image.size(2) * image.size(3), image.size(1)});
}

}  // namespace inrgan
