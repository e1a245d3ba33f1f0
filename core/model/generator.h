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

  // rgb [last - first, 3] of the pixels first..last-1 (row-major index j * width + i) of the
  // width x height render of `view`. Evaluated in GEMMs of exactly chunk_pixels() rows, pixel p
  // always at row p % chunk_pixels(): optimised BLAS kernels (OpenBLAS on AVX2, cuBLAS) round a
  // row differently with the row count and the row's place in the product, so only a fixed
  // grouping makes a pixel's value independent of how a render is split into tiles or bands.
  // A range that does not cover whole chunks evaluates them whole and keeps its part.
  torch::Tensor evaluate_pixels(const View& view, int width, int height, std::int64_t first,
                                std::int64_t last) const;
  // Rows of one evaluation: bounds the activations held at once.
  std::int64_t chunk_pixels() const { return chunk_pixels_; }

 private:
  friend class GeneratorImpl;
  std::int64_t chunk_pixels_ = 0;
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

// Pixels per evaluation chunk (FoldedGenerator::chunk_pixels) so that one activation of the widest
// layer stays in cache (about 2 MB): 6144 for the cpu-small network, 1024 for cips256.
std::int64_t evaluation_chunk_pixels(const GeneratorConfig& config);

// Render `view` at width x height for latents w [B, style]: [B, 3, H, W], through the folded
// weights, no grad, asking for `tile_pixels` pixels at a time (0: one chunk). The result does not
// depend on the tile size (see FoldedGenerator::evaluate_pixels).
torch::Tensor render_view(Generator& generator, const torch::Tensor& w, const View& view, int width,
                          int height, std::int64_t tile_pixels = 0);

}  // namespace inrgan
