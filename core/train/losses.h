// GAN losses of METHOD §5: non-saturating logistic, R1, and the reconstruction loss against the
// teacher.
#pragma once

#include <torch/torch.h>

namespace inrgan {

// softplus(-D(G(z))): the generator wants fakes scored real.
torch::Tensor generator_adversarial_loss(const torch::Tensor& fake_logits);
// softplus(D(fake)) + softplus(-D(real)), each averaged over the batch.
torch::Tensor discriminator_fake_loss(const torch::Tensor& fake_logits);
torch::Tensor discriminator_real_loss(const torch::Tensor& real_logits);
// mean over the batch of |d D(real) / d real|^2; `real` must require grad and be an input of
// `real_logits`' graph. The graph is kept so the penalty can be backpropagated.
torch::Tensor r1_penalty(const torch::Tensor& real_logits, const torch::Tensor& real);
// mean |avgpool2x2(student) - teacher|: student [B, 3, P, P], teacher [B, 3, P/2, P/2].
torch::Tensor reconstruction_loss(const torch::Tensor& student, const torch::Tensor& teacher);

// EMA decay per step for a half-life in images, with the ramp-up of METHOD §5: the half-life is
// at most rampup x images shown so far (rampup 0 = no ramp).
double ema_beta(double halflife_images, double rampup, double images_shown, int batch);

}  // namespace inrgan
