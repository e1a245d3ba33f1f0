// Checkpoint files of a run folder: atomic writes, rotation, finding the newest. Torch-free.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

namespace inrgan {

// <run>/checkpoints/ckpt-<step, 9 digits>.pt
std::filesystem::path checkpoint_dir(const std::filesystem::path& run_dir);
std::filesystem::path checkpoint_path(const std::filesystem::path& run_dir, std::int64_t step);

// Checkpoints of a run, oldest first.
std::vector<std::filesystem::path> list_checkpoints(const std::filesystem::path& run_dir);
// A checkpoint file as given, or the newest one of a run folder; nullopt when there is none.
std::optional<std::filesystem::path> find_checkpoint(const std::filesystem::path& file_or_run_dir);

// Writes through `write(temp_path)` into a temp file beside `path`, flushes it to disk, then
// renames it over `path`, so that a crash leaves either the old file or the new one, never half.
void write_atomically(const std::filesystem::path& path,
                      const std::function<void(const std::filesystem::path&)>& write);

// Deletes all but the newest `keep` checkpoints of a run.
void rotate_checkpoints(const std::filesystem::path& run_dir, int keep);

}  // namespace inrgan
