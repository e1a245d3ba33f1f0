#include "core/render/tile_renderer.h"

#include <algorithm>
#include <stdexcept>

namespace inrgan {

std::int64_t default_tile_pixels(const GeneratorConfig& config) {
  // Measured on a 2-core AVX-512 machine: a [4096, 64] x [64, 64] product runs at the GEMM peak,
  // a [65536, 64] one at a third of it, because its activations (16 MB) no longer fit in cache.
  constexpr std::int64_t kActivationBytes = std::int64_t{2} << 20;
  int widest = std::max(config.fourier_features + config.embedding_channels, 3);
  for (int w : config.widths) widest = std::max(widest, w);
  const std::int64_t pixels = kActivationBytes / (std::int64_t{widest} * 4);
  return std::clamp<std::int64_t>(pixels / 1024 * 1024, 1024, 65536);
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

std::int64_t tile_count(int width, int rows, std::int64_t tile_pixels) {
  const std::int64_t pixels = static_cast<std::int64_t>(width) * rows;
  return (pixels + tile_pixels - 1) / tile_pixels;
}

bool render_rows(const FoldedGenerator& folded, const View& view, int width, int height, int row0,
                 int rows, std::int64_t tile_pixels, std::uint8_t* out,
                 const std::function<bool()>& before_tile, const std::function<void()>& after_tile) {
  if (width <= 0 || height <= 0 || rows < 0 || row0 < 0 || row0 + rows > height)
    throw std::invalid_argument("render_rows: rows outside the image");
  if (tile_pixels <= 0) throw std::invalid_argument("render_rows: tile_pixels must be positive");
  torch::NoGradGuard no_grad;
  const auto index_options = torch::TensorOptions(torch::kInt64);
  const double step_x = (view.x1 - view.x0) / static_cast<double>(width);
  const double step_y = (view.y1 - view.y0) / static_cast<double>(height);
  const std::int64_t first = static_cast<std::int64_t>(row0) * width;
  const std::int64_t last = first + static_cast<std::int64_t>(rows) * width;
  for (std::int64_t start = first; start < last; start += tile_pixels) {
    if (before_tile && !before_tile()) return false;
    const std::int64_t end = std::min(last, start + tile_pixels);
    // Centres in double, then float: the same value for a pixel whichever tile or band holds it.
    const auto index = torch::arange(start, end, index_options);
    const auto column = index.remainder(width).to(torch::kFloat64);
    const auto row = index.div(width, "floor").to(torch::kFloat64);
    const auto coords = torch::stack({view.x0 + (column + 0.5) * step_x,
                                      view.y0 + (row + 0.5) * step_y}, 1)
                            .to(torch::kFloat32);
    auto rgb = folded.evaluate(coords);  // [N, 3] in [-1, 1]
    // As tensor_to_image: NaN shows as mid grey.
    auto bytes = ((rgb.nan_to_num(0.0).clamp(-1.0, 1.0) + 1.0) * 127.5)
                     .round()
                     .to(torch::kCPU, torch::kUInt8)
                     .contiguous();
    std::copy_n(bytes.data_ptr<std::uint8_t>(), bytes.numel(), out + (start - first) * 3);
    if (after_tile) after_tile();
  }
  return true;
}

}  // namespace inrgan
