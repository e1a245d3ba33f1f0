// StyleGAN2 modulated fully-connected layer on a [B, N, C] (pixels-by-channels) layout
// (METHOD §3.5). Matrix products only, never a grouped convolution.
#pragma once

#include <torch/torch.h>

#include "core/model/layers.h"

namespace inrgan {

// One layer with its modulation and demodulation folded in for a single latent:
// y = act(x @ weight + bias), a plain GEMM.
struct FoldedLinear {
  torch::Tensor weight;  // [C_in, C_out]
  torch::Tensor bias;    // [C_out]
};

// How a batch with one latent per sample is evaluated in training; both compute the same function.
enum class ModulationKernel {
  // Per-sample weights W''_b [C_in, C_out] (tiny), one batched GEMM x_b @ W''_b. No elementwise
  // pass over the [B, N, C] activations beyond the activation itself: on the 2-core dev CPU
  // (OpenBLAS) forward + backward measured ~30% faster than kSharedGemm at width 64.
  kPerSampleWeights,
  // Scale the input by s, one shared GEMM [B*N, C_in] x [C_in, C_out], scale the output by the
  // demodulation factor d[b, o] (METHOD §3.5; measured faster in the PyTorch/MKL prototype).
  kSharedGemm,
};

// Per sample b: s = A(w_b); W'_oi = W_oi s_i / sqrt(C_in); with demodulation
// W''_oi = W'_oi / sqrt(sum_i W'_oi^2 + 1e-8); y = W'' x + bias; with activation leaky ReLU 0.2 x
// sqrt 2. ToRGB heads are this layer without demodulation and without activation.
class ModulatedLinearImpl : public torch::nn::Module {
 public:
  ModulatedLinearImpl(int in_features, int out_features, int style_dim, bool demodulate,
                      bool activate, ModulationKernel kernel = ModulationKernel::kPerSampleWeights);

  // x [B or 1, N, C_in], w [B, style_dim] -> [B, N, C_out]
  torch::Tensor forward(const torch::Tensor& x, const torch::Tensor& w);
  // w [1, style_dim] -> weights for y = act(x @ weight + bias); the activation gain is folded
  // in as well, so the caller applies a plain leaky ReLU (when activate()) and nothing else.
  FoldedLinear fold(const torch::Tensor& w);

  bool demodulate() const { return demodulate_; }
  bool activate() const { return activate_; }

  EqualLinear affine{nullptr};  // A: w -> s, bias initialised to 1 (identity modulation)
  torch::Tensor weight;         // [C_out, C_in], N(0, 1); scaled by 1/sqrt(C_in) when applied
  torch::Tensor bias;           // [C_out]

 private:
  // The two training paths; same inputs and outputs as forward().
  torch::Tensor forward_per_sample(const torch::Tensor& x, const torch::Tensor& styles);
  torch::Tensor forward_shared_gemm(const torch::Tensor& x, const torch::Tensor& styles);

  bool demodulate_;
  bool activate_;
  ModulationKernel kernel_;
  double weight_scale_;
};
TORCH_MODULE(ModulatedLinear);

}  // namespace inrgan
