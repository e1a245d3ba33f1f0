// Generators for render tests: the cpu-small preset's network with fixed random weights, held as a
// GeneratorSource exactly as a live training snapshot is.
#pragma once

#include "core/config/config.h"
#include "core/render/generator_source.h"

namespace inrgan::test_support {

inline GeneratorSourcePtr random_source(const std::string& preset = "cpu-small",
                                        std::uint64_t seed = 7) {
  return random_weights_source(load_config(preset_path(preset)), seed, "test");
}

}  // namespace inrgan::test_support
