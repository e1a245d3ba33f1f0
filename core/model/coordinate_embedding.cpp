#include "core/model/coordinate_embedding.h"

#include <stdexcept>

namespace inrgan {

torch::nn::functional::GridSampleFuncOptions embedding_sample_options(const std::string& padding) {
  auto options =
      torch::nn::functional::GridSampleFuncOptions().mode(torch::kBilinear).align_corners(false);
  if (padding == "border") return options.padding_mode(torch::kBorder);
  if (padding == "zeros") return options.padding_mode(torch::kZeros);
  if (padding == "reflection") return options.padding_mode(torch::kReflection);
  throw std::invalid_argument("embedding padding '" + padding +
                              "': expected border, zeros or reflection");
}

torch::Tensor sample_embedding(const torch::Tensor& grid, const torch::Tensor& coords,
                               const torch::nn::functional::GridSampleFuncOptions& options) {
  const bool batched = coords.dim() == 3;
  auto points = batched ? coords : coords.unsqueeze(0);  // [B, N, 2]
  const auto batch = points.size(0);
  // grid_sample wants one input image per sample: expand (no copy) the shared grid.
  auto input = batch == grid.size(0) ? grid : grid.expand({batch, -1, -1, -1});
  auto sampled = torch::nn::functional::grid_sample(input, points.unsqueeze(2), options);
  auto out = sampled.squeeze(3).transpose(1, 2);  // [B, C, N, 1] -> [B, N, C]
  return batched ? out : out.squeeze(0);
}

CoordinateEmbeddingImpl::CoordinateEmbeddingImpl(int channels, int size, const std::string& padding)
    : padding_(padding), options_(embedding_sample_options(padding)) {
  grid = register_parameter("grid", torch::randn({1, channels, size, size}));
}

torch::Tensor CoordinateEmbeddingImpl::forward(const torch::Tensor& coords) {
  return sample_embedding(grid, coords.to(grid.dtype()), options_);
}

}  // namespace inrgan
