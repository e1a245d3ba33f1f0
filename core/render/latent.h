// From a Latent (seed, second seed, mix) and psi to the style vector w, and to folded weights:
// the per-(latent, psi) work done once, before any pixel is evaluated (METHOD §6).
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <list>
#include <memory>
#include <utility>

#include "core/model/generator.h"
#include "core/render/render_request.h"

namespace inrgan {

// z for a seed: the same on every device and in every front end (drawn on the CPU).
torch::Tensor seed_latent(std::uint64_t seed, int style_dim);

// w [1, style_dim] = truncate(lerp(map(z_a), map(z_b), mix), psi).
torch::Tensor latent_style(Generator& generator, const Latent& latent, double psi);

// Folded generators of the last few (source, latent, psi): moving the view re-uses the folding.
// Not thread-safe: one per rendering thread.
class FoldCache {
 public:
  explicit FoldCache(std::size_t capacity = 8) : capacity_(capacity) {}
  std::shared_ptr<const FoldedGenerator> get(const GeneratorSourcePtr& source,
                                             const Latent& latent, double psi);
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    GeneratorSourcePtr source;  // held, so that its address cannot be reused by another source
    Latent latent;
    double psi;
    std::shared_ptr<const FoldedGenerator> folded;
  };
  std::size_t capacity_;
  std::list<Entry> entries_;  // most recent first
};

}  // namespace inrgan
