// The CIPS-family INR generator (METHOD §3): mapping network, Fourier features, coordinate
// embedding, modulated FC backbone with ToRGB skips. Any set of coordinates can be evaluated.
#pragma once

#include <torch/torch.h>

#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/geometry/view.h"
#include "core/model/coordinate_embedding.h"
#include "core/model/fourier_features.h"
#include "core/model/mapping.h"
#include "core/model/modulated_linear.h"

namespace inrgan {

// Per-latent weights with modulation and demodulation folded in: every layer is one plain GEMM.
// Built once per (latent, psi) for rendering; evaluate() runs under no grad. Holds detached copies
// of what it needs, so it stays valid while training goes on.
class FoldedGenerator {
 public:
  // coords [N, 2] -> rgb [N, 3]
  torch::Tensor evaluate(const torch::Tensor& coords) const;

 private:
  friend class GeneratorImpl;
  struct Layer {
    torch::Tensor weight;  // [C_in, C_out], modulated (and demodulated), lrelu gain folded in
    torch::Tensor bias;    // [C_out]
  };
  torch::Tensor fourier_weight, fourier_bias;  // input features, detached
  torch::Tensor embedding;                     // [1, C_e, S_e, S_e] or undefined
  std::string embedding_padding;
  std::vector<Layer> layers;
  std::vector<Layer> torgb;
  std::vector<int> torgb_after;  // torgb[i] reads the output of layers[torgb_after[i]]
};

class GeneratorImpl : public torch::nn::Module {
 public:
  explicit GeneratorImpl(const GeneratorConfig& config);

  // z [B, style_dim] -> w [B, style_dim]
  torch::Tensor map(const torch::Tensor& z);
  // w' = w_avg + psi (w - w_avg)
  torch::Tensor truncate(const torch::Tensor& w, double psi) const;
  // coords [B, N, 2] (or [1, N, 2], shared by the batch), w [B, style_dim] -> rgb [B, N, 3]
  torch::Tensor synthesize(const torch::Tensor& coords, const torch::Tensor& w);
  // map, truncate, synthesize
  torch::Tensor forward(const torch::Tensor& coords, const torch::Tensor& z, double psi = 1.0);

  // w_avg <- lerp(mean(w), w_avg, beta)
  void update_w_avg(const torch::Tensor& w, double beta);
  // w [1, style_dim] -> folded weights for rendering
  FoldedGenerator fold(const torch::Tensor& w);

  const GeneratorConfig& config() const { return config_; }
  torch::Tensor w_avg;  // buffer [style_dim]

 private:
  // [B or 1, N, 2] -> backbone input [B or 1, N, F + C_e]
  torch::Tensor input_features(const torch::Tensor& coords);

  GeneratorConfig config_;
  MappingNetwork mapping_{nullptr};
  FourierFeatures fourier_{nullptr};        // null when fourier_features == 0
  CoordinateEmbedding embedding_{nullptr};  // null when embedding_channels == 0
  std::vector<ModulatedLinear> layers_;
  std::vector<ModulatedLinear> torgb_;
  std::vector<int> torgb_after_;  // torgb_[i] reads the output of layers_[torgb_after_[i]]
};
TORCH_MODULE(Generator);

// Render `view` at width x height for latents w [B, style]: [B, 3, H, W], evaluated in tiles of at
// most `tile_pixels` pixels through the folded weights, no grad.
torch::Tensor render_view(Generator& generator, const torch::Tensor& w, const View& view, int width,
                          int height, std::int64_t tile_pixels = 1 << 16);

}  // namespace inrgan
