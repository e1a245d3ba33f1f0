// render_view (declared in generator.h): fold once per latent, evaluate bounded tiles, stitch.
#include <algorithm>
#include <stdexcept>

#include "core/model/generator.h"

namespace inrgan {

namespace {
// Pixel centres of one axis, the same formula (in double) as view_coords, so that a tiled render
// and view_coords-based evaluation see identical coordinates.
torch::Tensor axis_centres(double a, double b, int n, const torch::TensorOptions& options) {
  auto index = torch::arange(n, torch::TensorOptions(torch::kFloat64).device(options.device()));
  return a + (index + 0.5) * ((b - a) / static_cast<double>(n));
}
}  // namespace

torch::Tensor render_view(Generator& generator, const torch::Tensor& w, const View& view, int width,
                          int height, std::int64_t tile_pixels) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("render_view: empty size");
  if (tile_pixels <= 0) throw std::invalid_argument("render_view: tile_pixels must be positive");
  if (w.dim() != 2) throw std::invalid_argument("render_view: expected w [B, style_dim]");
  torch::NoGradGuard no_grad;
  const auto options = generator->w_avg.options();
  const auto xs = axis_centres(view.x0, view.x1, width, options);
  const auto ys = axis_centres(view.y0, view.y1, height, options);
  const std::int64_t pixels = static_cast<std::int64_t>(width) * height;
  const auto batch = w.size(0);
  auto image = torch::empty({batch, 3, height, width}, options);

  for (int64_t b = 0; b < batch; ++b) {
    const FoldedGenerator folded = generator->fold(w.slice(0, b, b + 1));
    auto out = image[b].view({3, pixels});
    // Coordinates are made per tile, so memory stays bounded by the tile, not the image.
    for (std::int64_t start = 0; start < pixels; start += tile_pixels) {
      const std::int64_t end = std::min(pixels, start + tile_pixels);
      auto index = torch::arange(start, end, torch::TensorOptions(torch::kInt64).device(options.device()));
      auto coords = torch::stack({xs.index_select(0, index.remainder(width)),
                                  ys.index_select(0, index.div(width, "floor"))},
                                 1)
                        .to(options);
      out.slice(1, start, end).copy_(folded.evaluate(coords).t());
    }
  }
  return image;
}

}  // namespace inrgan
