#include "core/model/discriminator_blocks.h"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace inrgan {

ResidualBlockImpl::ResidualBlockImpl(int in_channels, int out_channels) {
  conv1_ = register_module("conv1", EqualConv2d(in_channels, in_channels, 3, true, true));
  conv2_ = register_module("conv2", EqualConv2d(in_channels, out_channels, 3, true, true));
  skip_ = register_module("skip", EqualConv2d(in_channels, out_channels, 1, false, false));
}

torch::Tensor ResidualBlockImpl::forward(const torch::Tensor& x) {
  auto h = conv2_->forward(torch::avg_pool2d(conv1_->forward(x), 2));
  auto skip = skip_->forward(torch::avg_pool2d(x, 2));
  return (h + skip) * (1.0 / std::sqrt(2.0));
}

torch::Tensor minibatch_stddev(const torch::Tensor& x, int group, int num_channels) {
  const auto batch = x.size(0), channels = x.size(1), height = x.size(2), width = x.size(3);
  const int64_t g = std::min<int64_t>(group, batch);
  if (g <= 0 || batch % g != 0)
    throw std::invalid_argument("minibatch stddev: group size " + std::to_string(g) +
                                " (min(mbstd_group = " + std::to_string(group) + ", batch " +
                                std::to_string(batch) + ")) does not divide the batch " +
                                std::to_string(batch) + "; choose a batch that is a multiple of "
                                "mbstd_group or change mbstd_group");
  if (num_channels <= 0 || channels % num_channels != 0)
    throw std::invalid_argument("minibatch stddev: " + std::to_string(num_channels) +
                                " stddev channels do not divide " + std::to_string(channels) +
                                " feature channels");
  auto grouped = x.view({g, -1, num_channels, channels / num_channels, height, width});
  auto stddev = torch::sqrt(grouped.var(0, /*unbiased=*/false) + 1e-8);  // [B/g, n, C/n, H, W]
  stddev = stddev.mean({2, 3, 4}).view({-1, num_channels, 1, 1});      // [B/g, n, 1, 1]
  stddev = stddev.repeat({g, 1, height, width});                        // [B, n, H, W]
  return torch::cat({x, stddev}, 1);
}

}  // namespace inrgan
