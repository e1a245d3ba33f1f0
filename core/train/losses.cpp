#include "core/train/losses.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace inrgan {

namespace F = torch::nn::functional;

torch::Tensor generator_adversarial_loss(const torch::Tensor& fake_logits) {
  return F::softplus(-fake_logits).mean();
}

torch::Tensor discriminator_fake_loss(const torch::Tensor& fake_logits) {
  return F::softplus(fake_logits).mean();
}

torch::Tensor discriminator_real_loss(const torch::Tensor& real_logits) {
  return F::softplus(-real_logits).mean();
}

torch::Tensor r1_penalty(const torch::Tensor& real_logits, const torch::Tensor& real) {
  auto grads = torch::autograd::grad({real_logits.sum()}, {real}, /*grad_outputs=*/{},
                                     /*retain_graph=*/true, /*create_graph=*/true);
  return grads[0].square().sum({1, 2, 3}).mean();
}

torch::Tensor reconstruction_loss(const torch::Tensor& student, const torch::Tensor& teacher) {
  if (student.size(2) != 2 * teacher.size(2) || student.size(3) != 2 * teacher.size(3))
    throw std::invalid_argument("reconstruction_loss: the teacher must be half the student's size");
  return (F::avg_pool2d(student, F::AvgPool2dFuncOptions(2)) - teacher).abs().mean();
}

double ema_beta(double halflife_images, double rampup, double images_shown, int batch) {
  double halflife = halflife_images;
  if (rampup > 0) halflife = std::min(halflife, rampup * images_shown);
  return std::pow(0.5, static_cast<double>(batch) / std::max(halflife, 1e-8));
}

}  // namespace inrgan
