#include "core/model/mapping.h"

#include <string>

namespace inrgan {

torch::Tensor pixel_norm(const torch::Tensor& x) {
  return x * torch::rsqrt(x.square().mean(-1, true) + 1e-8);
}

MappingNetworkImpl::MappingNetworkImpl(int style_dim, int num_layers, double lr_mul) {
  for (int i = 0; i < num_layers; ++i) {
    layers_.push_back(register_module("layer" + std::to_string(i),
                                      EqualLinear(style_dim, style_dim, /*activate=*/true, lr_mul)));
  }
}

torch::Tensor MappingNetworkImpl::forward(const torch::Tensor& z) {
  auto x = pixel_norm(z);
  for (auto& layer : layers_) x = layer->forward(x);
  return x;
}

}  // namespace inrgan
