#include "core/render/source_cache.h"

#include <stdexcept>
#include <system_error>

#include "core/train/checkpoint_files.h"

namespace inrgan {

GeneratorSourcePtr SourceCache::get(const RenderSource& source) {
  if (source.generator) return source.generator;
  if (source.checkpoint.empty()) throw std::runtime_error("no generator to render from");
  const auto file = find_checkpoint(source.checkpoint);
  if (!file)
    throw std::runtime_error(source.checkpoint.string() +
                             " is neither a checkpoint nor a run folder with one");
  std::error_code error;
  const auto modified = std::filesystem::last_write_time(*file, error);
  const auto size = std::filesystem::file_size(*file, error);
  if (error) throw std::runtime_error(file->string() + ": " + error.message());
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->file == *file && it->modified == modified && it->size == size) {
      entries_.splice(entries_.begin(), entries_, it);
      return entries_.front().generator;
    }
  }
  auto generator = open_checkpoint_source(*file, device_);
  entries_.push_front({*file, modified, size, generator});
  if (entries_.size() > capacity_) entries_.pop_back();
  return generator;
}

}  // namespace inrgan
