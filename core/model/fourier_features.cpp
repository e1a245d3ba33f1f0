#include "core/model/fourier_features.h"

#include <c10/util/MathConstants.h>

namespace inrgan {

torch::Tensor fourier_features(const torch::Tensor& coords, const torch::Tensor& weight,
                               const torch::Tensor& bias) {
  // sin's backward reads its input, so the in-place form (one buffer less) only without autograd.
  auto phase = torch::nn::functional::linear(coords, weight, bias);
  return torch::GradMode::is_enabled() ? torch::sin(phase) : phase.sin_();
}

FourierFeaturesImpl::FourierFeaturesImpl(int num_features, double init_scale) {
  weight = register_parameter("weight",
                              torch::empty({num_features, 2}).uniform_(-init_scale, init_scale));
  bias = register_parameter("bias", torch::empty({num_features}).uniform_(-c10::pi<double>,
                                                                          c10::pi<double>));
}

torch::Tensor FourierFeaturesImpl::forward(const torch::Tensor& coords) {
  return fourier_features(coords, weight, bias);
}

}  // namespace inrgan
