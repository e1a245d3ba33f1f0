// The torch side of GeneratorSource, for core code that renders (never included by the GUIs).
#pragma once

#include <torch/torch.h>

#include <filesystem>
#include <string>

#include "core/config/config.h"
#include "core/model/generator.h"
#include "core/render/generator_source.h"

namespace inrgan {

struct GeneratorSource::Impl {
  Generator generator{nullptr};  // an EMA generator of its own, in eval use only
  torch::Device device = torch::kCPU;
  Config config;
  std::string label;
  std::filesystem::path file;
  std::int64_t step = 0;
  int stage = 0;
};

// A source holding a deep copy of `generator` (which may keep training): a live snapshot.
GeneratorSourcePtr make_snapshot_source(Generator& generator, const Config& config,
                                        std::int64_t step, int stage,
                                        const std::string& label = "live");

}  // namespace inrgan
