#include "core/render/latent.h"

#include <ATen/CPUGeneratorImpl.h>

#include <stdexcept>

#include "core/render/generator_source_impl.h"

namespace inrgan {

torch::Tensor seed_latent(std::uint64_t seed, int style_dim) {
  auto rng = at::make_generator<at::CPUGeneratorImpl>(seed);
  return torch::randn({1, style_dim}, rng, torch::kFloat32);
}

torch::Tensor latent_style(Generator& generator, const Latent& latent, double psi) {
  if (!(latent.mix >= 0.0 && latent.mix <= 1.0))
    throw std::invalid_argument("interpolation mix " + std::to_string(latent.mix) +
                                " is outside [0, 1]");
  torch::NoGradGuard no_grad;
  const int style_dim = generator->config().style_dim;
  const auto device = generator->w_avg.device();
  auto w = generator->map(seed_latent(latent.seed, style_dim).to(device));
  if (latent.mix > 0.0) {
    auto w_b = generator->map(seed_latent(latent.seed_b, style_dim).to(device));
    w = torch::lerp(w, w_b, latent.mix);
  }
  return generator->truncate(w, psi);
}

std::shared_ptr<const FoldedGenerator> FoldCache::get(const GeneratorSourcePtr& source,
                                                      const Latent& latent, double psi) {
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->source == source && it->latent == latent && it->psi == psi) {
      entries_.splice(entries_.begin(), entries_, it);
      return entries_.front().folded;
    }
  }
  auto& generator = source->impl().generator;
  auto folded = std::make_shared<const FoldedGenerator>(
      generator->fold(latent_style(generator, latent, psi)));
  entries_.push_front({source, latent, psi, folded});
  if (entries_.size() > capacity_) entries_.pop_back();
  return folded;
}

}  // namespace inrgan
