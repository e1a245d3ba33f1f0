// A generator to render from: the EMA generator of a checkpoint, or a snapshot of the live EMA
// generator of a running session. Torch-free handle: the GUIs pass it around without seeing tensors.
// A source is immutable once made, so any number of threads may render from it at once.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "core/config/config.h"

namespace inrgan {

class GeneratorSource {
 public:
  struct Impl;  // the torch side (core/render/generator_source_impl.h)
  explicit GeneratorSource(std::unique_ptr<Impl> impl);
  ~GeneratorSource();
  GeneratorSource(const GeneratorSource&) = delete;
  GeneratorSource& operator=(const GeneratorSource&) = delete;

  // "ckpt-000001200.pt" for a checkpoint, "live" for a training snapshot.
  const std::string& label() const;
  // The checkpoint file it came from (empty for a live snapshot).
  const std::filesystem::path& file() const;
  std::int64_t step() const;
  int stage() const;
  const Config& config() const;
  // Side of the final training resolution (the last stage's r_k): what "1:1" means.
  int training_resolution() const;

  Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

using GeneratorSourcePtr = std::shared_ptr<const GeneratorSource>;

// Loads the EMA generator of a checkpoint file, or of the newest checkpoint of a run folder.
// device: "auto", "cpu" or "cuda". Throws std::runtime_error naming the path on any problem.
GeneratorSourcePtr open_checkpoint_source(const std::filesystem::path& checkpoint_or_run_dir,
                                          const std::string& device = "auto");

// The network of `config` with fresh random weights drawn from `seed`: for benchmarks (speed does
// not depend on the weights) and for tests that need a real generator but no training.
GeneratorSourcePtr random_weights_source(const Config& config, std::uint64_t seed,
                                         const std::string& label,
                                         const std::string& device = "cpu");

}  // namespace inrgan
