// Learnable Fourier features sin(B p + b) of the coordinate p (METHOD §3.2).
#pragma once

#include <torch/torch.h>

namespace inrgan {

// coords [..., 2], weight [F, 2], bias [F] -> [..., F]. Shared by the module (training) and the
// folded generator (rendering), so both evaluate exactly the same function.
torch::Tensor fourier_features(const torch::Tensor& coords, const torch::Tensor& weight,
                               const torch::Tensor& bias);

class FourierFeaturesImpl : public torch::nn::Module {
 public:
  // B ~ U[-init_scale, init_scale]. b ~ U[-pi, pi]: a random phase per feature. With b = 0 every
  // feature would be an odd function of p, all of them 0 at the image centre, and the generator
  // would start out point-symmetric about it.
  FourierFeaturesImpl(int num_features, double init_scale);
  // coords [B, N, 2] -> [B, N, F]
  torch::Tensor forward(const torch::Tensor& coords);

  torch::Tensor weight;  // B [F, 2]
  torch::Tensor bias;    // b [F]
};
TORCH_MODULE(FourierFeatures);

}  // namespace inrgan
