// Equalised-learning-rate layers (StyleGAN): weights are stored at unit scale and multiplied by
// their He constant at run time, so Adam's per-parameter step is the same for every layer width.
#pragma once

#include <torch/torch.h>

#include <cmath>

namespace inrgan {

// Leaky ReLU used everywhere (METHOD §3): slope 0.2, output scaled by sqrt 2 to keep unit variance.
inline constexpr double kLreluSlope = 0.2;
inline const double kLreluGain = std::sqrt(2.0);

// lrelu(x) * g == lrelu(g x) for g > 0, so layers fold the gain into their weight and bias and
// run one in-place leaky ReLU: one elementwise pass less per layer.
inline torch::Tensor leaky_relu_inplace(torch::Tensor x) {
  return torch::leaky_relu_(x, kLreluSlope);
}

// y = x W^T s + b, W ~ N(0, 1) / lr_mul, s = lr_mul / sqrt(in). The learning-rate multiplier
// slows the layer (mapping network) without changing its initial function.
class EqualLinearImpl : public torch::nn::Module {
 public:
  EqualLinearImpl(int in_features, int out_features, bool activate, double lr_mul = 1.0,
                  double bias_init = 0.0);
  // x [..., in] -> [..., out]
  torch::Tensor forward(const torch::Tensor& x);
  // The weight [out, in] and bias [out] as applied (scales and activation gain folded in).
  torch::Tensor effective_weight() const;
  torch::Tensor effective_bias() const;

  torch::Tensor weight;  // [out, in]
  torch::Tensor bias;    // [out]

 private:
  bool activate_;
  double lr_mul_;
  double weight_scale_;
};
TORCH_MODULE(EqualLinear);

// Equalised 2-D convolution with "same" padding; optional bias and fused leaky ReLU.
class EqualConv2dImpl : public torch::nn::Module {
 public:
  EqualConv2dImpl(int in_channels, int out_channels, int kernel_size, bool bias, bool activate);
  torch::Tensor forward(const torch::Tensor& x);

  torch::Tensor weight;  // [out, in, k, k]
  torch::Tensor bias;    // [out] or undefined

 private:
  bool activate_;
  int padding_;
  double weight_scale_;
};
TORCH_MODULE(EqualConv2d);

}  // namespace inrgan
