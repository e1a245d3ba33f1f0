// The residual discriminator: shapes, gradients (including R1's double backward), mbstd rules.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "core/model/discriminator.h"
#include "core/model/module_utils.h"

namespace inrgan {
namespace {

TEST(ModelDiscriminator, OutputsOneLogitPerSample) {
  torch::manual_seed(1);
  for (int size : {8, 16, 32, 64}) {
    Discriminator d(DiscriminatorConfig{}, size);
    auto out = d->forward(torch::randn({4, 3, size, size}));
    EXPECT_EQ(out.sizes(), (std::vector<int64_t>{4})) << size;
    EXPECT_TRUE(torch::isfinite(out).all().item<bool>()) << size;
  }
}

TEST(ModelDiscriminator, GradientReachesAllParameters) {
  torch::manual_seed(2);
  Discriminator d(DiscriminatorConfig{}, 32);
  d->forward(torch::randn({8, 3, 32, 32})).sum().backward();
  for (const auto& item : d->named_parameters()) {
    ASSERT_TRUE(item.value().grad().defined()) << item.key();
    EXPECT_GT(item.value().grad().abs().sum().item<double>(), 0.0) << item.key();
  }
}

TEST(ModelDiscriminator, SupportsDoubleBackwardForR1) {
  torch::manual_seed(3);
  Discriminator d(DiscriminatorConfig{}, 16);
  auto real = torch::randn({4, 3, 16, 16}).requires_grad_(true);
  auto grad = torch::autograd::grad({d->forward(real).sum()}, {real}, {}, true, true)[0];
  grad.square().sum().backward();
  for (const auto& item : d->named_parameters()) {
    if (item.key() == "output.bias") continue;  // a constant shift: no effect on the input gradient
    ASSERT_TRUE(item.value().grad().defined()) << item.key();
    EXPECT_TRUE(torch::isfinite(item.value().grad()).all().item<bool>()) << item.key();
  }
}

TEST(ModelDiscriminator, MbstdGroupNotDividingBatchThrowsWithMessage) {
  DiscriminatorConfig config;
  config.mbstd_group = 4;
  Discriminator d(config, 16);
  EXPECT_NO_THROW(d->forward(torch::randn({2, 3, 16, 16})));  // group = min(4, 2) = 2
  try {
    d->forward(torch::randn({6, 3, 16, 16}));
    FAIL() << "batch 6 with group 4 must throw";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("does not divide the batch 6"), std::string::npos)
        << e.what();
  }
}

TEST(ModelDiscriminator, ChannelsDoubleUpToMax) {
  DiscriminatorConfig config;
  config.base_channels = 8;
  config.max_channels = 32;
  Discriminator d(config, 64);  // 64: 8, 32: 16, 16: 32, 8: 32, 4: 32
  auto params = d->named_parameters();
  EXPECT_EQ(params["from_rgb.weight"].size(0), 8);
  EXPECT_EQ(params["block0.skip.weight"].size(0), 16);
  EXPECT_EQ(params["block1.skip.weight"].size(0), 32);
  EXPECT_EQ(params["block3.skip.weight"].size(0), 32);
  EXPECT_EQ(params["final_linear.weight"].size(1), 32 * 16);
}

TEST(ModelDiscriminator, RejectsBadSizesAndInputs) {
  EXPECT_THROW(Discriminator(DiscriminatorConfig{}, 24), std::invalid_argument);
  EXPECT_THROW(Discriminator(DiscriminatorConfig{}, 4), std::invalid_argument);
  Discriminator d(DiscriminatorConfig{}, 16);
  EXPECT_THROW(d->forward(torch::randn({4, 3, 32, 32})), std::invalid_argument);
}

}  // namespace
}  // namespace inrgan
