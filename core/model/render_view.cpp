// render_view (declared in generator.h): fold once per latent, evaluate in pieces, stitch.
#include <algorithm>
#include <stdexcept>

#include "core/model/generator.h"

namespace inrgan {

torch::Tensor render_view(Generator& generator, const torch::Tensor& w, const View& view, int width,
                          int height, std::int64_t tile_pixels) {
  if (width <= 0 || height <= 0) throw std::invalid_argument("render_view: empty size");
  if (tile_pixels < 0) throw std::invalid_argument("render_view: tile_pixels must not be negative");
  if (w.dim() != 2) throw std::invalid_argument("render_view: expected w [B, style_dim]");
  torch::NoGradGuard no_grad;
  const auto options = generator->w_avg.options();
  const std::int64_t pixels = static_cast<std::int64_t>(width) * height;
  const auto batch = w.size(0);
  auto image = torch::empty({batch, 3, height, width}, options);

  for (int64_t b = 0; b < batch; ++b) {
    const FoldedGenerator folded = generator->fold(w.slice(0, b, b + 1));
    auto out = image[b].view({3, pixels});
    const std::int64_t tile = tile_pixels > 0 ? tile_pixels : folded.chunk_pixels();
    for (std::int64_t start = 0; start < pixels; start += tile) {
      const std::int64_t end = std::min(pixels, start + tile);
      out.slice(1, start, end).copy_(folded.evaluate_pixels(view, width, height, start, end).t());
    }
  }
  return image;
}

}  // namespace inrgan
