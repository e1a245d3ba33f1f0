// The files a run leaves (ARCHITECTURE "Files a run leaves"): resolved config, stats.jsonl,
// sample grids, skipped-file list; checkpoints are in core/train/checkpoint_files.h.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/config/config.h"
#include "core/data/image_folder.h"
#include "core/session/events.h"

namespace inrgan {

class RunFolder {
 public:
  explicit RunFolder(std::filesystem::path root);

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path config_file() const { return root_ / "config.toml"; }
  std::filesystem::path stats_file() const { return root_ / "stats.jsonl"; }
  std::filesystem::path samples_dir() const { return root_ / "samples"; }

  void write_config(const Config& config) const;
  void write_skipped(const std::vector<SkippedFile>& skipped) const;
  // Drops the lines of steps after `step` (written after the checkpoint a resume starts from).
  void truncate_stats_after(std::int64_t step);
  // Appends one JSON line for a reporting tick.
  void append_stats(const StepEvent& event);
  // samples/stage<k>-<images shown, 9 digits>.png and samples/latest.png
  std::filesystem::path write_sample_grid(const SampleEvent& event) const;

 private:
  std::filesystem::path root_;
  std::ofstream stats_;
};

}  // namespace inrgan
