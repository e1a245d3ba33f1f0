// Whole-module copies and EMA used by the trainer.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include "core/geometry/coords.h"
#include "core/model/discriminator.h"
#include "core/model/generator.h"
#include "core/model/layers.h"
#include "core/model/module_utils.h"

namespace inrgan {
namespace {

GeneratorConfig tiny_config() {
  GeneratorConfig c;
  c.style_dim = 8;
  c.mapping_layers = 2;
  c.fourier_features = 8;
  c.embedding_channels = 2;
  c.embedding_size = 4;
  c.widths = {8, 8};
  return c;
}

TEST(ModelUtils, CopyModuleStateMakesAnIdenticalGenerator) {
  torch::manual_seed(1);
  Generator a(tiny_config()), b(tiny_config());
  a->update_w_avg(torch::randn({4, 8}), 0.0);
  auto b_weight = b->named_parameters()["layer0.weight"];
  copy_module_state(*b, *a);
  // Copied in place: b still owns the same tensors (an optimiser over b stays valid).
  EXPECT_TRUE(b->named_parameters()["layer0.weight"].is_same(b_weight));
  EXPECT_TRUE(torch::equal(b->w_avg, a->w_avg));
  auto coords = view_coords(View{}, 4, 4).unsqueeze(0);
  auto z = torch::randn({1, 8});
  torch::NoGradGuard no_grad;
  EXPECT_TRUE(torch::equal(a->forward(coords, z, 0.7), b->forward(coords, z, 0.7)));
}

TEST(ModelUtils, CopyModuleStateRejectsDifferentArchitectures) {
  auto wide = tiny_config();
  wide.widths = {16, 8};
  Generator a(tiny_config()), b(wide);
  EXPECT_THROW(copy_module_state(*b, *a), std::invalid_argument);
}

TEST(ModelUtils, EmaUpdateLerpsParametersAndCopiesBuffers) {
  torch::manual_seed(2);
  Generator ema(tiny_config()), live(tiny_config());
  live->update_w_avg(torch::randn({4, 8}), 0.0);
  auto before = ema->named_parameters()["layer1.weight"].clone();
  auto target = live->named_parameters()["layer1.weight"];
  ema_update(*ema, *live, 0.75);
  EXPECT_TRUE(torch::allclose(ema->named_parameters()["layer1.weight"],
                              target + 0.75 * (before - target)));
  EXPECT_TRUE(torch::equal(ema->w_avg, live->w_avg));
  EXPECT_FALSE(ema->named_parameters()["layer1.weight"].grad().defined());
}

TEST(ModelUtils, CountParametersCountsEveryScalar) {
  EqualLinear layer(5, 3, false);
  EXPECT_EQ(count_parameters(*layer), 5 * 3 + 3);
  Generator g(tiny_config());
  int64_t total = 0;
  for (const auto& p : g->parameters()) total += p.numel();
  EXPECT_EQ(count_parameters(*g), total);
  EXPECT_GT(count_parameters(*Discriminator(DiscriminatorConfig{}, 32)), 0);
}

}  // namespace
}  // namespace inrgan
