// Modulated FC, coordinate embedding and mapping against their defining formulas.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <cmath>

#include "core/model/coordinate_embedding.h"
#include "core/model/fourier_features.h"
#include "core/model/mapping.h"
#include "core/model/modulated_linear.h"

namespace inrgan {
namespace {

// Biases start at 0 (or 1); make them random so that a formula that forgets one shows.
void randomise_biases(torch::nn::Module& module) {
  torch::NoGradGuard no_grad;
  for (auto& item : module.named_parameters())
    if (item.key().find("bias") != std::string::npos) item.value().add_(torch::randn_like(item.value()) * 0.3);
}

// The METHOD §3.5 formula written out per sample, in the most literal way.
torch::Tensor naive_modulated_fc(ModulatedLinear& layer, const torch::Tensor& x,
                                 const torch::Tensor& w, bool demod, bool act) {
  const auto c_in = layer->weight.size(1);
  const auto style_dim = w.size(1);
  std::vector<torch::Tensor> outputs;
  for (int64_t b = 0; b < x.size(0); ++b) {
    // A(w): equalised linear, weight / sqrt(style_dim), plus bias.
    auto s = torch::mv(layer->affine->weight / std::sqrt(double(style_dim)), w[b]) +
             layer->affine->bias;
    auto w1 = layer->weight * s.unsqueeze(0) / std::sqrt(double(c_in));
    if (demod) w1 = w1 / torch::sqrt(w1.square().sum(1, true) + 1e-8);
    auto y = torch::mm(x[b], w1.t()) + layer->bias;
    if (act) y = torch::leaky_relu(y, 0.2) * std::sqrt(2.0);
    outputs.push_back(y);
  }
  return torch::stack(outputs);
}

TEST(ModelLayers, ModulatedFcEqualsNaivePerSampleFormula) {
  torch::manual_seed(1);
  const int c_in = 12, c_out = 7, style_dim = 9, batch = 3, n = 20;
  for (auto kernel : {ModulationKernel::kPerSampleWeights, ModulationKernel::kSharedGemm}) {
    for (bool demod : {true, false}) {
      for (bool act : {true, false}) {
        ModulatedLinear layer(c_in, c_out, style_dim, demod, act, kernel);
        layer->to(torch::kFloat64);
        randomise_biases(*layer);
        auto x = torch::randn({batch, n, c_in}, torch::kFloat64);
        auto w = torch::randn({batch, style_dim}, torch::kFloat64);
        auto expected = naive_modulated_fc(layer, x, w, demod, act);
        auto actual = layer->forward(x, w);
        ASSERT_EQ(actual.sizes(), expected.sizes());
        EXPECT_TRUE(torch::allclose(actual, expected, 1e-10, 1e-10))
            << "kernel " << static_cast<int>(kernel) << " demod " << demod << " act " << act
            << " max diff " << (actual - expected).abs().max().item<double>();
      }
    }
  }
}

TEST(ModelLayers, ModulationKernelsHaveEqualGradients) {
  torch::manual_seed(9);
  ModulatedLinear per_sample(10, 6, 5, true, true, ModulationKernel::kPerSampleWeights);
  ModulatedLinear shared(10, 6, 5, true, true, ModulationKernel::kSharedGemm);
  {
    torch::NoGradGuard no_grad;
    randomise_biases(*per_sample);
    for (auto& item : shared->named_parameters())
      item.value().copy_(per_sample->named_parameters()[item.key()]);
  }
  auto x = torch::randn({3, 15, 10}, torch::requires_grad());
  auto w = torch::randn({3, 5});
  auto target = torch::randn({3, 15, 6});
  (per_sample->forward(x, w) * target).sum().backward();
  auto x_grad = x.grad().clone();
  x.mutable_grad().zero_();
  (shared->forward(x, w) * target).sum().backward();
  EXPECT_TRUE(torch::allclose(x.grad(), x_grad, 1e-4, 1e-5));
  for (const auto& item : per_sample->named_parameters())
    EXPECT_TRUE(torch::allclose(item.value().grad(), shared->named_parameters()[item.key()].grad(),
                                1e-4, 1e-5))
        << item.key();
}

TEST(ModelLayers, ModulatedFcBroadcastsSharedInputOverBatch) {
  torch::manual_seed(2);
  for (auto kernel : {ModulationKernel::kPerSampleWeights, ModulationKernel::kSharedGemm}) {
    for (bool demod : {true, false}) {
      ModulatedLinear layer(6, 5, 4, demod, demod, kernel);
      auto x = torch::randn({1, 10, 6});
      auto w = torch::randn({3, 4});
      auto shared = layer->forward(x, w);
      auto expanded = layer->forward(x.expand({3, 10, 6}).contiguous(), w);
      EXPECT_TRUE(torch::allclose(shared, expanded, 1e-5, 1e-6));
    }
  }
}

TEST(ModelLayers, FoldedModulatedFcEqualsForwardForOneLatent) {
  torch::manual_seed(3);
  for (bool demod : {true, false}) {
    ModulatedLinear layer(8, 6, 5, demod, demod);
    randomise_biases(*layer);
    auto x = torch::randn({1, 30, 8});
    auto w = torch::randn({1, 5});
    auto folded = layer->fold(w);
    auto y = torch::addmm(folded.bias, x[0], folded.weight);
    if (layer->activate()) y = torch::leaky_relu(y, 0.2);
    EXPECT_TRUE(torch::allclose(y, layer->forward(x, w)[0], 1e-5, 1e-6));
  }
}

TEST(ModelLayers, EmbeddingSamplesTexelCentresExactly) {
  torch::manual_seed(4);
  const int size = 8, channels = 5;
  CoordinateEmbedding embedding(channels, size, "border");
  // Texel (i, j) has its centre at -1 + (i + 0.5) 2 / S: the pixel-centre grid of S.
  std::vector<float> xy;
  for (int j = 0; j < size; ++j)
    for (int i = 0; i < size; ++i) {
      xy.push_back(-1.0f + (i + 0.5f) * 2.0f / size);
      xy.push_back(-1.0f + (j + 0.5f) * 2.0f / size);
    }
  auto coords = torch::tensor(xy).view({1, size * size, 2});
  auto sampled = embedding->forward(coords)[0];  // [S*S, C], row-major like the texels
  auto texels = embedding->grid[0].permute({1, 2, 0}).reshape({size * size, channels});
  EXPECT_TRUE(torch::equal(sampled, texels));
}

TEST(ModelLayers, EmbeddingSamplesPerSampleAndSharedCoordinates) {
  torch::manual_seed(5);
  CoordinateEmbedding embedding(3, 6, "zeros");
  auto coords = torch::rand({4, 11, 2}) * 2.4 - 1.2;
  auto batched = embedding->forward(coords);
  ASSERT_EQ(batched.sizes(), (std::vector<int64_t>{4, 11, 3}));
  for (int b = 0; b < 4; ++b) {
    auto single = embedding->forward(coords.slice(0, b, b + 1));  // shared [1, N, 2]
    EXPECT_TRUE(torch::allclose(batched[b], single[0]));
  }
}

TEST(ModelLayers, EmbeddingPaddingModesBehaveOutsideTheDomain) {
  torch::manual_seed(6);
  const int size = 4;
  auto grid = torch::randn({1, 2, size, size});
  auto sample = [&](const std::string& padding, float x, float y) {
    return sample_embedding(grid, torch::tensor({x, y}).view({1, 2}),
                            embedding_sample_options(padding))[0];
  };
  // border: far to the right = the last column's texel centre in the same row.
  const float row = -1.0f + 0.5f * 2.0f / size;
  EXPECT_TRUE(torch::allclose(sample("border", 5.0f, row), grid[0].select(1, 0).select(1, 3)));
  EXPECT_TRUE(torch::allclose(sample("zeros", 5.0f, row), torch::zeros({2})));
  // reflection mirrors about the domain edge x = 1.
  EXPECT_TRUE(torch::allclose(sample("reflection", 1.3f, 0.1f), sample("reflection", 0.7f, 0.1f),
                              1e-5, 1e-6));
  EXPECT_THROW(embedding_sample_options("wrap"), std::invalid_argument);
}

TEST(ModelLayers, FourierFeaturesAreSinOfAffineCoordinates) {
  torch::manual_seed(7);
  FourierFeatures fourier(16, 2.12);
  EXPECT_LE(fourier->weight.abs().max().item<double>(), 2.12);
  auto p = torch::randn({2, 5, 2});
  auto expected = torch::sin(torch::matmul(p, fourier->weight.t()) + fourier->bias);
  EXPECT_TRUE(torch::allclose(fourier->forward(p), expected, 1e-5, 1e-6));
}

TEST(ModelLayers, MappingNormalisesTheLatentScale) {
  torch::manual_seed(8);
  MappingNetwork mapping(16, 3, 0.01);
  auto z = torch::randn({4, 16});
  // Pixel norm first: scaling z does not change w.
  EXPECT_TRUE(torch::allclose(mapping->forward(z), mapping->forward(z * 7.0), 1e-4, 1e-5));
  EXPECT_EQ(mapping->forward(z).sizes(), (std::vector<int64_t>{4, 16}));
}

}  // namespace
}  // namespace inrgan
