// Generators for render tests: the cpu-small preset's network with fixed random weights, held as a
// GeneratorSource exactly as a live training snapshot is.
#pragma once

#include <torch/torch.h>

#include "core/config/config.h"
#include "core/render/generator_source_impl.h"

namespace inrgan::test_support {

inline GeneratorSourcePtr random_source(const std::string& preset = "cpu-small",
                                        std::uint64_t seed = 7) {
  const Config config = load_config(preset_path(preset));
  torch::manual_seed(seed);
  Generator generator(config.generator);
  return make_snapshot_source(generator, config, 0, 0, "test");
}

}  // namespace inrgan::test_support
