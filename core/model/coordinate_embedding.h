// Learnable coordinate embedding (METHOD §3.3): a C_e x S_e x S_e grid sampled bilinearly at the
// coordinate, texel centres on the pixel-centre grid of S_e (align_corners = false).
#pragma once

#include <torch/torch.h>

#include <string>

namespace inrgan {

// "border" | "zeros" | "reflection" -> grid_sample options (bilinear, align_corners = false).
// Throws std::invalid_argument naming the text for anything else.
torch::nn::functional::GridSampleFuncOptions embedding_sample_options(const std::string& padding);

// grid [1, C, S, S], coords [B, N, 2] or [N, 2] (x right, y down, [-1, 1] = the grid) ->
// [B, N, C] or [N, C]. Shared by the module and the folded generator.
torch::Tensor sample_embedding(const torch::Tensor& grid, const torch::Tensor& coords,
                               const torch::nn::functional::GridSampleFuncOptions& options);

class CoordinateEmbeddingImpl : public torch::nn::Module {
 public:
  // Initialised N(0, 1) as in CIPS: at the start the embedding is as strong an input as the
  // Fourier features (whose values have standard deviation ~0.7), so it is used from step one.
  CoordinateEmbeddingImpl(int channels, int size, const std::string& padding);
  // coords [B, N, 2] -> [B, N, C]
  torch::Tensor forward(const torch::Tensor& coords);
  const std::string& padding() const { return padding_; }

  torch::Tensor grid;  // [1, C, S, S]

 private:
  std::string padding_;
  torch::nn::functional::GridSampleFuncOptions options_;
};
TORCH_MODULE(CoordinateEmbedding);

}  // namespace inrgan
