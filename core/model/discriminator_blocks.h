// Building blocks of the StyleGAN2 residual discriminator (METHOD §4).
#pragma once

#include <torch/torch.h>

#include "core/model/layers.h"

namespace inrgan {

// Two 3x3 convolutions with a 2x downsampling between them, plus a 1x1 skip without bias; the
// sum is divided by sqrt 2 to keep unit variance. Downsampling is a 2x2 average pool placed
// before the second convolution (and before the skip's 1x1): a box blur + subsampling, so the
// second conv runs at half resolution, the cost of StyleGAN2's blur + stride-2 conv.
class ResidualBlockImpl : public torch::nn::Module {
 public:
  ResidualBlockImpl(int in_channels, int out_channels);
  // [B, in, S, S] -> [B, out, S / 2, S / 2]
  torch::Tensor forward(const torch::Tensor& x);

 private:
  EqualConv2d conv1_{nullptr};
  EqualConv2d conv2_{nullptr};
  EqualConv2d skip_{nullptr};
};
TORCH_MODULE(ResidualBlock);

// Minibatch standard deviation: within groups of `group` samples (sample i belongs to group
// i % (B / group), as in StyleGAN2), the standard deviation of every feature over the group,
// averaged over the channels of each of `num_channels` channel slices and over space, appended
// as num_channels constant feature maps. x [B, C, H, W] -> [B, C + num_channels, H, W].
// Throws std::invalid_argument when group (after min(group, B)) does not divide B.
torch::Tensor minibatch_stddev(const torch::Tensor& x, int group, int num_channels);

}  // namespace inrgan
