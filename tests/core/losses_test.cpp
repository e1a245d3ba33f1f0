#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

#include "core/train/losses.h"

using namespace inrgan;

TEST(Losses, ReconstructionIsZeroWhenStudentAndTeacherAgree) {
  auto teacher = torch::rand({2, 3, 8, 8}) * 2 - 1;
  // A student whose 2x2 blocks average to the teacher, with detail inside each block.
  auto student = teacher.repeat_interleave(2, 2).repeat_interleave(2, 3).clone();
  auto detail = torch::tensor({{0.1f, -0.1f}, {-0.1f, 0.1f}}).repeat({8, 8});
  student += detail;
  EXPECT_NEAR(reconstruction_loss(student, teacher).item<double>(), 0.0, 1e-6);
}

TEST(Losses, ReconstructionIsTheMeanAbsoluteErrorWhenTheyDisagree) {
  auto teacher = torch::zeros({1, 3, 4, 4});
  auto student = torch::zeros({1, 3, 8, 8});
  student.index_put_({0, 0}, 0.4);  // channel 0 off by 0.4 everywhere
  EXPECT_NEAR(reconstruction_loss(student, teacher).item<double>(), 0.4 / 3, 1e-6);
}

TEST(Losses, ReconstructionRejectsMismatchedSizes) {
  EXPECT_THROW(reconstruction_loss(torch::zeros({1, 3, 8, 8}), torch::zeros({1, 3, 8, 8})),
               std::invalid_argument);
}

TEST(Losses, NonSaturatingLossesMatchTheirFormulas) {
  auto logits = torch::tensor({-2.0, 0.0, 3.0});
  auto softplus = [](double x) { return std::log1p(std::exp(x)); };
  EXPECT_NEAR(generator_adversarial_loss(logits).item<double>(),
              (softplus(2) + softplus(0) + softplus(-3)) / 3, 1e-6);
  EXPECT_NEAR(discriminator_fake_loss(logits).item<double>(),
              (softplus(-2) + softplus(0) + softplus(3)) / 3, 1e-6);
  EXPECT_NEAR(discriminator_real_loss(logits).item<double>(),
              (softplus(2) + softplus(0) + softplus(-3)) / 3, 1e-6);
}

TEST(Losses, R1IsTheSquaredInputGradient) {
  // D(x) = sum(a * x): gradient a everywhere, so R1 = sum(a^2) per sample.
  auto x = torch::rand({2, 3, 4, 4}).requires_grad_(true);
  const double a = 0.5;
  auto logits = (x * a).sum({1, 2, 3});
  EXPECT_NEAR(r1_penalty(logits, x).item<double>(), a * a * 3 * 4 * 4, 1e-5);
}

TEST(Losses, EmaHalfLifeRampsUpAndThenHolds) {
  // After one half-life of images the weight of the old average is 1/2.
  const int batch = 8;
  const double beta = ema_beta(10000, 0, 1e6, batch);
  EXPECT_NEAR(std::pow(beta, 10000.0 / batch), 0.5, 1e-9);
  // Early on the ramp shortens the half-life to rampup * images shown.
  const double early = ema_beta(10000, 0.05, 1000, batch);
  EXPECT_NEAR(std::pow(early, 50.0 / batch), 0.5, 1e-9);
  EXPECT_LT(early, beta);
}
