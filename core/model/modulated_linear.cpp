#include "core/model/modulated_linear.h"

#include <stdexcept>
#include <string>

namespace inrgan {

namespace {
constexpr double kDemodEps = 1e-8;
}

ModulatedLinearImpl::ModulatedLinearImpl(int in_features, int out_features, int style_dim,
                                         bool demodulate, bool activate, ModulationKernel kernel)
    : demodulate_(demodulate),
      activate_(activate),
      kernel_(kernel),
      weight_scale_(1.0 / std::sqrt(static_cast<double>(in_features))) {
  affine = register_module(
      "affine", EqualLinear(style_dim, in_features, /*activate=*/false, 1.0, /*bias_init=*/1.0));
  weight = register_parameter("weight", torch::randn({out_features, in_features}));
  bias = register_parameter("bias", torch::zeros({out_features}));
}

torch::Tensor ModulatedLinearImpl::forward(const torch::Tensor& x, const torch::Tensor& w) {
  if (x.dim() != 3 || x.size(2) != weight.size(1))
    throw std::invalid_argument("ModulatedLinear: expected x [B, N, " +
                                std::to_string(weight.size(1)) + "]");
  if (w.dim() != 2 || (x.size(0) != w.size(0) && x.size(0) != 1))
    throw std::invalid_argument("ModulatedLinear: expected w [B, style_dim] with x [B or 1, N, C]");
  const auto styles = affine->forward(w);  // [B, C_in]
  auto y = kernel_ == ModulationKernel::kSharedGemm ? forward_shared_gemm(x, styles)
                                                    : forward_per_sample(x, styles);
  return activate_ ? leaky_relu_inplace(y) : y;
}

torch::Tensor ModulatedLinearImpl::forward_per_sample(const torch::Tensor& x,
                                                      const torch::Tensor& styles) {
  const double gain = activate_ ? kLreluGain : 1.0;
  // W'_b = (W / sqrt(C_in))^T diag(s_b): [B, C_in, C_out], small next to the activations.
  auto per_sample = (weight * weight_scale_).t().unsqueeze(0) * styles.unsqueeze(2);
  if (demodulate_)
    per_sample = per_sample * torch::rsqrt(per_sample.square().sum(1, true) + kDemodEps);
  const auto batch = styles.size(0);
  // A shared x [1, N, C_in] is expanded (no copy); bmm reads it once per sample.
  auto input = x.size(0) == batch ? x : x.expand({batch, -1, -1});
  // The activation gain is folded into weight and bias (lrelu(g y) = g lrelu(y) for g > 0).
  return torch::baddbmm((bias * gain).view({1, 1, -1}), input, per_sample * gain);
}

torch::Tensor ModulatedLinearImpl::forward_shared_gemm(const torch::Tensor& x,
                                                       const torch::Tensor& styles) {
  const double gain = activate_ ? kLreluGain : 1.0;
  const auto scaled_weight = weight * weight_scale_;  // [C_out, C_in]
  auto modulated_x = x * styles.unsqueeze(1);         // broadcasts a shared [1, N, C_in] over B
  const auto batch = modulated_x.size(0);
  const auto n = modulated_x.size(1);
  // Without demodulation the gain goes into the GEMM; with it, into d (below).
  auto gemm_weight = demodulate_ ? scaled_weight : scaled_weight * gain;
  auto y = torch::mm(modulated_x.reshape({batch * n, -1}), gemm_weight.t()).view({batch, n, -1});
  if (!demodulate_) return y.add_(bias * gain);
  // d[b, o] = 1 / sqrt(sum_i (W_oi s_bi / sqrt(C_in))^2 + eps), a [B, C_in] x [C_in, C_out]
  // product instead of materialising per-sample weights.
  auto demod = torch::rsqrt(torch::mm(styles.square(), scaled_weight.square().t()) + kDemodEps);
  return torch::addcmul(bias * gain, y, (demod * gain).unsqueeze(1));
}

FoldedLinear ModulatedLinearImpl::fold(const torch::Tensor& w) {
  if (w.dim() != 2 || w.size(0) != 1)
    throw std::invalid_argument("ModulatedLinear::fold: expected w [1, style_dim]");
  torch::NoGradGuard no_grad;
  const double gain = activate_ ? kLreluGain : 1.0;
  auto styles = affine->forward(w).squeeze(0);                   // [C_in]
  auto modulated = weight * weight_scale_ * styles.unsqueeze(0);  // [C_out, C_in]
  if (demodulate_)
    modulated = modulated * torch::rsqrt(modulated.square().sum(1, true) + kDemodEps);
  // Fresh tensors (not views of the parameters): the optimiser may update those in place later.
  return {(modulated * gain).t().contiguous(), (bias * gain).clone()};
}

}  // namespace inrgan
