#include "core/render/tile_renderer.h"

#include <algorithm>
#include <stdexcept>

namespace inrgan {

std::int64_t default_tile_pixels(const GeneratorConfig& config) {
  return evaluation_chunk_pixels(config);
}

double render_flops_per_pixel(const GeneratorConfig& config) {
  double flops = 2.0 * 2.0 * config.fourier_features;  // (x, y) -> F features
  int in = config.fourier_features + config.embedding_channels;
  const int layers = static_cast<int>(config.widths.size());
  for (int i = 0; i < layers; ++i) {
    const int out = config.widths[i];
    flops += 2.0 * in * out;
    if ((i + 1) % config.torgb_every == 0 || i == layers - 1) flops += 2.0 * out * 3;
    in = out;
  }
  return flops;
}

std::int64_t tile_count(int width, int rows, std::int64_t tile_pixels, int row0) {
  if (rows <= 0) return 0;
  const std::int64_t first = static_cast<std::int64_t>(row0) * width;
  const std::int64_t last = first + static_cast<std::int64_t>(rows) * width;
  return (last + tile_pixels - 1) / tile_pixels - first / tile_pixels;
}

bool render_rows(const FoldedGenerator& folded, const View& view, int width, int height, int row0,
                 int rows, std::int64_t tile_pixels, std::uint8_t* out,
                 const std::function<bool()>& before_tile, const std::function<void()>& after_tile) {
  if (width <= 0 || height <= 0 || rows < 0 || row0 < 0 || row0 + rows > height)
    throw std::invalid_argument("render_rows: rows outside the image");
  if (tile_pixels <= 0) throw std::invalid_argument("render_rows: tile_pixels must be positive");
  torch::NoGradGuard no_grad;
  const std::int64_t first = static_cast<std::int64_t>(row0) * width;
  const std::int64_t last = first + static_cast<std::int64_t>(rows) * width;
  for (std::int64_t start = first; start < last;) {
    if (before_tile && !before_tile()) return false;
    const std::int64_t end = std::min(last, (start / tile_pixels + 1) * tile_pixels);
    auto rgb = folded.evaluate_pixels(view, width, height, start, end);  // [N, 3] in [-1, 1]
    // As tensor_to_image: NaN shows as mid grey.
    auto bytes = ((rgb.nan_to_num(0.0).clamp(-1.0, 1.0) + 1.0) * 127.5)
                     .round()
                     .to(torch::kCPU, torch::kUInt8)
                     .contiguous();
    std::copy_n(bytes.data_ptr<std::uint8_t>(), bytes.numel(), out + (start - first) * 3);
    if (after_tile) after_tile();
    start = end;
  }
  return true;
}

}  // namespace inrgan
