// StyleGAN2 residual discriminator for a size x size RGB input (METHOD §4).
#pragma once

#include <torch/torch.h>

#include <vector>

#include "core/config/config.h"
#include "core/model/discriminator_blocks.h"
#include "core/model/layers.h"

namespace inrgan {

class DiscriminatorImpl : public torch::nn::Module {
 public:
  DiscriminatorImpl(const DiscriminatorConfig& config, int input_size);
  // x [B, 3, S, S] in [-1, 1] -> logits [B]
  torch::Tensor forward(const torch::Tensor& x);
  int input_size() const { return input_size_; }

 private:
  DiscriminatorConfig config_;
  int input_size_;
  EqualConv2d from_rgb_{nullptr};
  std::vector<ResidualBlock> blocks_;  // input_size -> 4
  EqualConv2d final_conv_{nullptr};
  EqualLinear final_linear_{nullptr};
  EqualLinear output_{nullptr};
};
TORCH_MODULE(Discriminator);

}  // namespace inrgan
