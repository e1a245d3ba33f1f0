// Mapping network z -> w (METHOD §3.1): pixel norm, then equalised linear layers with a
// learning-rate multiplier and leaky ReLU 0.2 x sqrt 2.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "core/model/layers.h"

namespace inrgan {

// x / sqrt(mean(x^2) + 1e-8) over the last dimension: puts every z on the same sphere.
torch::Tensor pixel_norm(const torch::Tensor& x);

class MappingNetworkImpl : public torch::nn::Module {
 public:
  MappingNetworkImpl(int style_dim, int num_layers, double lr_mul);
  // z [B, style_dim] -> w [B, style_dim]
  torch::Tensor forward(const torch::Tensor& z);

 private:
  std::vector<EqualLinear> layers_;
};
TORCH_MODULE(MappingNetwork);

}  // namespace inrgan
