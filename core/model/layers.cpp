#include "core/model/layers.h"

namespace inrgan {

EqualLinearImpl::EqualLinearImpl(int in_features, int out_features, bool activate, double lr_mul,
                                 double bias_init)
    : activate_(activate),
      lr_mul_(lr_mul),
      weight_scale_(lr_mul / std::sqrt(static_cast<double>(in_features))) {
  weight = register_parameter("weight", torch::randn({out_features, in_features}) / lr_mul);
  // Stored divided by lr_mul so that the applied bias starts at bias_init.
  bias = register_parameter("bias", torch::full({out_features}, bias_init / lr_mul));
}

torch::Tensor EqualLinearImpl::effective_weight() const {
  return weight * (activate_ ? weight_scale_ * kLreluGain : weight_scale_);
}

torch::Tensor EqualLinearImpl::effective_bias() const {
  return bias * (activate_ ? lr_mul_ * kLreluGain : lr_mul_);
}

torch::Tensor EqualLinearImpl::forward(const torch::Tensor& x) {
  auto y = torch::nn::functional::linear(x, effective_weight(), effective_bias());
  return activate_ ? leaky_relu_inplace(y) : y;
}

EqualConv2dImpl::EqualConv2dImpl(int in_channels, int out_channels, int kernel_size, bool bias_on,
                                 bool activate)
    : activate_(activate),
      padding_(kernel_size / 2),
      weight_scale_(1.0 / std::sqrt(static_cast<double>(in_channels * kernel_size * kernel_size))) {
  weight = register_parameter(
      "weight", torch::randn({out_channels, in_channels, kernel_size, kernel_size}));
  if (bias_on) bias = register_parameter("bias", torch::zeros({out_channels}));
}

torch::Tensor EqualConv2dImpl::forward(const torch::Tensor& x) {
  const double gain = activate_ ? kLreluGain : 1.0;
  auto b = bias.defined() ? bias * gain : torch::Tensor();
  auto y = torch::conv2d(x, weight * (weight_scale_ * gain), b, /*stride=*/1, padding_);
  return activate_ ? leaky_relu_inplace(y) : y;
}

}  // namespace inrgan
