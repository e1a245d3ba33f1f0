#include "core/geometry/coords.h"

#include <stdexcept>

namespace inrgan {

torch::Tensor view_coords(const View& view, int width, int height,
                          const torch::TensorOptions& options) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("view_coords: empty size");
  return pixel_range_coords(view, width, height, 0, static_cast<std::int64_t>(width) * height,
                            options);
}

torch::Tensor pixel_range_coords(const View& view, int width, int height, std::int64_t first,
                                 std::int64_t last, const torch::TensorOptions& options) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("pixel_range_coords: empty size");
  if (first < 0 || last < first) throw std::invalid_argument("pixel_range_coords: bad range");
  // Centres computed in double, then cast, so that nested grids agree to float precision.
  const auto index = torch::arange(first, last, torch::TensorOptions(torch::kInt64).device(options.device()));
  const auto column = index.remainder(width).to(torch::kFloat64);
  const auto row = index.div(width, "floor").to(torch::kFloat64);
  const double step_x = (view.x1 - view.x0) / static_cast<double>(width);
  const double step_y = (view.y1 - view.y0) / static_cast<double>(height);
  return torch::stack({view.x0 + (column + 0.5) * step_x, view.y0 + (row + 0.5) * step_y}, 1)
      .to(options);
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
