#include "core/model/generator.h"

#include <algorithm>
#include <stdexcept>
#include <string>

#include "core/geometry/coords.h"

namespace inrgan {

namespace {

void check_config(const GeneratorConfig& c) {
  auto fail = [](const std::string& what) {
    throw std::invalid_argument("GeneratorConfig: " + what);
  };
  if (c.style_dim <= 0) fail("style_dim must be positive");
  if (c.mapping_layers < 0) fail("mapping_layers must be >= 0");
  if (c.mapping_lr_mul <= 0) fail("mapping_lr_mul must be positive");
  if (c.fourier_features < 0 || c.embedding_channels < 0) fail("feature counts must be >= 0");
  if (c.fourier_features + c.embedding_channels == 0)
    fail("fourier_features and embedding_channels are both 0: the generator has no input");
  if (c.embedding_channels > 0 && c.embedding_size <= 0) fail("embedding_size must be positive");
  if (c.widths.empty()) fail("widths is empty");
  for (int width : c.widths)
    if (width <= 0) fail("every width must be positive");
  if (c.torgb_every <= 0) fail("torgb_every must be positive");
}

}  // namespace

GeneratorImpl::GeneratorImpl(const GeneratorConfig& config) : config_(config) {
  check_config(config_);
  w_avg = register_buffer("w_avg", torch::zeros({config_.style_dim}));
  mapping_ = register_module(
      "mapping", MappingNetwork(config_.style_dim, config_.mapping_layers, config_.mapping_lr_mul));
  if (config_.fourier_features > 0) {
    fourier_ = register_module(
        "fourier", FourierFeatures(config_.fourier_features, config_.fourier_init_scale));
  }
  if (config_.embedding_channels > 0) {
    embedding_ = register_module(
        "embedding", CoordinateEmbedding(config_.embedding_channels, config_.embedding_size,
                                         config_.embedding_padding));
  }
  int in = config_.fourier_features + config_.embedding_channels;
  const int num_layers = static_cast<int>(config_.widths.size());
  for (int i = 0; i < num_layers; ++i) {
    const int out = config_.widths[i];
    layers_.push_back(register_module(
        "layer" + std::to_string(i),
        ModulatedLinear(in, out, config_.style_dim, /*demodulate=*/true, /*activate=*/true)));
    if ((i + 1) % config_.torgb_every == 0 || i == num_layers - 1) {
      torgb_.push_back(register_module(
          "torgb" + std::to_string(torgb_.size()),
          ModulatedLinear(out, 3, config_.style_dim, /*demodulate=*/false, /*activate=*/false)));
      torgb_after_.push_back(i);
    }
    in = out;
  }
}

torch::Tensor GeneratorImpl::map(const torch::Tensor& z) {
  if (z.dim() != 2 || z.size(1) != config_.style_dim)
    throw std::invalid_argument("Generator::map: expected z [B, " +
                                std::to_string(config_.style_dim) + "]");
  return mapping_->forward(z);
}

torch::Tensor GeneratorImpl::truncate(const torch::Tensor& w, double psi) const {
  if (psi == 1.0) return w;
  return w_avg + psi * (w - w_avg);
}

torch::Tensor GeneratorImpl::input_features(const torch::Tensor& coords) {
  std::vector<torch::Tensor> parts;
  if (fourier_) parts.push_back(fourier_->forward(coords));
  if (embedding_) parts.push_back(embedding_->forward(coords));
  return parts.size() == 1 ? parts.front() : torch::cat(parts, -1);
}

torch::Tensor GeneratorImpl::synthesize(const torch::Tensor& coords, const torch::Tensor& w) {
  if (w.dim() != 2 || w.size(1) != config_.style_dim)
    throw std::invalid_argument("Generator::synthesize: expected w [B, " +
                                std::to_string(config_.style_dim) + "]");
  if (coords.dim() != 3 || coords.size(2) != 2 ||
      (coords.size(0) != w.size(0) && coords.size(0) != 1))
    throw std::invalid_argument(
        "Generator::synthesize: expected coords [B, N, 2] or [1, N, 2] with B = " +
        std::to_string(w.size(0)));
  // A shared [1, N, 2] coordinate set stays shared through the input features; the first
  // modulated layer broadcasts it over the batch.
  auto h = input_features(coords.to(w_avg.options()));
  torch::Tensor rgb;
  size_t next_rgb = 0;
  for (size_t i = 0; i < layers_.size(); ++i) {
    h = layers_[i]->forward(h, w);
    if (next_rgb < torgb_.size() && torgb_after_[next_rgb] == static_cast<int>(i)) {
      auto out = torgb_[next_rgb++]->forward(h, w);
      rgb = rgb.defined() ? rgb + out : out;
    }
  }
  return rgb;
}

torch::Tensor GeneratorImpl::forward(const torch::Tensor& coords, const torch::Tensor& z,
                                     double psi) {
  return synthesize(coords, truncate(map(z), psi));
}

void GeneratorImpl::update_w_avg(const torch::Tensor& w, double beta) {
  torch::NoGradGuard no_grad;
  // In place: the registered buffer must stay the same tensor.
  w_avg.copy_(torch::lerp(w.detach().mean(0).to(w_avg.options()), w_avg, beta));
}

FoldedGenerator GeneratorImpl::fold(const torch::Tensor& w) {
  if (w.dim() != 2 || w.size(0) != 1 || w.size(1) != config_.style_dim)
    throw std::invalid_argument("Generator::fold: expected w [1, " +
                                std::to_string(config_.style_dim) + "]");
  torch::NoGradGuard no_grad;
  FoldedGenerator folded;
  folded.chunk_pixels_ = evaluation_chunk_pixels(config_);
  // Clones, not detached views: the optimiser updates the parameters in place.
  if (fourier_) {
    folded.fourier_weight = fourier_->weight.detach().clone();
    folded.fourier_bias = fourier_->bias.detach().clone();
  }
  if (embedding_) {
    folded.embedding = embedding_->grid.detach().clone();
    folded.embedding_padding = embedding_->padding();
  }
  auto style = w.to(w_avg.options());
  auto to_layer = [](FoldedLinear f) {
    return FoldedGenerator::Layer{std::move(f.weight), std::move(f.bias)};
  };
  for (auto& layer : layers_) folded.layers.push_back(to_layer(layer->fold(style)));
  for (auto& head : torgb_) folded.torgb.push_back(to_layer(head->fold(style)));
  folded.torgb_after = torgb_after_;
  return folded;
}

torch::Tensor FoldedGenerator::evaluate(const torch::Tensor& coords) const {
  if (layers.empty()) throw std::logic_error("FoldedGenerator::evaluate: not built by fold()");
  if (coords.dim() != 2 || coords.size(1) != 2)
    throw std::invalid_argument("FoldedGenerator::evaluate: expected coords [N, 2]");
  torch::NoGradGuard no_grad;
  const auto p = coords.to(layers.front().weight.options());
  std::vector<torch::Tensor> parts;
  if (fourier_weight.defined()) parts.push_back(fourier_features(p, fourier_weight, fourier_bias));
  if (embedding.defined())
    parts.push_back(sample_embedding(embedding, p, embedding_sample_options(embedding_padding)));
  auto h = parts.size() == 1 ? parts.front() : torch::cat(parts, -1);
  torch::Tensor rgb;
  size_t next_rgb = 0;
  for (size_t i = 0; i < layers.size(); ++i) {
    // The activation gain is folded into the weights: GEMM + bias, then leaky ReLU in place.
    h = leaky_relu_inplace(torch::addmm(layers[i].bias, h, layers[i].weight));
    if (next_rgb < torgb.size() && torgb_after[next_rgb] == static_cast<int>(i)) {
      const auto& head = torgb[next_rgb++];
      rgb = rgb.defined() ? torch::addmm(rgb, h, head.weight).add_(head.bias)
                          : torch::addmm(head.bias, h, head.weight);
    }
  }
  return rgb;
}

torch::Tensor FoldedGenerator::evaluate_pixels(const View& view, int width, int height,
                                               std::int64_t first, std::int64_t last) const {
  if (chunk_pixels_ <= 0) throw std::logic_error("FoldedGenerator::evaluate_pixels: not built by fold()");
  if (width <= 0 || height <= 0 || first < 0 || last <= first ||
      last > static_cast<std::int64_t>(width) * height)
    throw std::invalid_argument("FoldedGenerator::evaluate_pixels: pixels outside the image");
  const auto options = layers.front().weight.options();
  std::vector<torch::Tensor> parts;
  for (std::int64_t start = first / chunk_pixels_ * chunk_pixels_; start < last;
       start += chunk_pixels_) {
    auto rgb = evaluate(pixel_range_coords(view, width, height, start, start + chunk_pixels_, options));
    const std::int64_t keep_from = std::max(first, start) - start;
    const std::int64_t keep_to = std::min(last, start + chunk_pixels_) - start;
    parts.push_back(rgb.slice(0, keep_from, keep_to));
  }
  return parts.size() == 1 ? parts.front() : torch::cat(parts);
}

std::int64_t evaluation_chunk_pixels(const GeneratorConfig& config) {
  // Measured on a 2-core AVX-512 machine: a [4096, 64] x [64, 64] product runs at the GEMM peak,
  // a [65536, 64] one at a third of it, because its activations (16 MB) no longer fit in cache.
  constexpr std::int64_t kActivationBytes = std::int64_t{2} << 20;
  int widest = std::max(config.fourier_features + config.embedding_channels, 3);
  for (int w : config.widths) widest = std::max(widest, w);
  const std::int64_t pixels = kActivationBytes / (std::int64_t{widest} * 4);
  // At most 8192: a chunk is evaluated whole even for a smaller render (a 64 x 64 sample), and
  // past that size a small network gains nothing more from longer products.
  return std::clamp<std::int64_t>(pixels / 1024 * 1024, 1024, 8192);
}

}  // namespace inrgan
