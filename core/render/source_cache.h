// Checkpoints loaded for rendering, keyed by file, modification time and size, so that re-rendering
// the same checkpoint does not reload it and a checkpoint rewritten in place is loaded again.
// Not thread-safe: one per rendering thread.
#pragma once

#include <cstddef>
#include <filesystem>
#include <list>
#include <string>

#include "core/render/render_request.h"

namespace inrgan {

class SourceCache {
 public:
  explicit SourceCache(std::size_t capacity = 2, std::string device = "auto")
      : capacity_(capacity), device_(std::move(device)) {}
  // The request's generator, or its checkpoint (a run folder: the newest one) loaded or cached.
  // Throws std::runtime_error naming the path when it cannot be loaded.
  GeneratorSourcePtr get(const RenderSource& source);

 private:
  struct Entry {
    std::filesystem::path file;
    std::filesystem::file_time_type modified;
    std::uintmax_t size = 0;
    GeneratorSourcePtr generator;
  };
  std::size_t capacity_;
  std::string device_;
  std::list<Entry> entries_;  // most recent first
};

}  // namespace inrgan
