#include "core/session/run_folder.h"

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "core/data/image_decode.h"
#include "core/train/checkpoint_files.h"

namespace inrgan {

namespace fs = std::filesystem;

RunFolder::RunFolder(fs::path root) : root_(std::move(root)) {
  std::error_code ec;
  fs::create_directories(root_, ec);
  if (ec || !fs::is_directory(root_))
    throw std::runtime_error(root_.string() + ": cannot create the run folder (" + ec.message() + ")");
  fs::create_directories(samples_dir(), ec);
}

void RunFolder::write_config(const Config& config) const {
  const std::string text = to_toml(config);
  write_atomically(config_file(), [&](const fs::path& temp) {
    std::ofstream out(temp, std::ios::binary);
    out << "# Resolved config of this run: every key, as training used it.\n" << text;
    if (!out) throw std::runtime_error(temp.string() + ": cannot write");
  });
}

void RunFolder::write_skipped(const std::vector<SkippedFile>& skipped) const {
  write_atomically(root_ / "skipped_files.txt", [&](const fs::path& temp) {
    std::ofstream out(temp);
    out << "# Files in the data folder that training could not use, and why.\n";
    for (const auto& s : skipped) out << s.path.string() << "\t" << s.reason << "\n";
  });
}

void RunFolder::truncate_stats_after(std::int64_t step) {
  std::ifstream in(stats_file());
  if (!in) return;
  std::string kept, line;
  bool dropped = false;
  while (std::getline(in, line)) {
    const auto parsed = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (parsed.is_object() && parsed.value("step", std::int64_t{0}) > step) {
      dropped = true;
      continue;
    }
    kept += line + "\n";
  }
  in.close();
  if (!dropped) return;
  stats_.close();
  write_atomically(stats_file(), [&](const fs::path& temp) {
    std::ofstream out(temp, std::ios::binary);
    out << kept;
    if (!out) throw std::runtime_error(temp.string() + ": cannot write");
  });
}

void RunFolder::append_stats(const StepEvent& e) {
  if (!stats_.is_open()) stats_.open(stats_file(), std::ios::app);
  nlohmann::json line;
  line["time"] = std::chrono::duration<double>(
                     std::chrono::system_clock::now().time_since_epoch())
                     .count();
  line["step"] = e.step;
  line["stage"] = e.stage;
  line["resolution"] = e.resolution;
  line["kimg"] = static_cast<double>(e.images_shown) / 1000.0;
  line["stage_kimg"] = static_cast<double>(e.stage_images_shown) / 1000.0;
  for (const auto& [name, value] : e.losses) line["loss"][name] = value;
  line["images_per_second"] = e.images_per_second;
  line["sec_per_kimg"] = e.images_per_second > 0 ? 1000.0 / e.images_per_second : 0.0;
  line["eta_seconds"] = e.eta_seconds;
  line["peak_memory_mb"] = static_cast<double>(e.peak_memory_bytes) / (1 << 20);
  stats_ << line.dump() << "\n";
  stats_.flush();
}

fs::path RunFolder::write_sample_grid(const SampleEvent& event) const {
  char name[64];
  std::snprintf(name, sizeof name, "stage%d-%09lld.png", event.stage,
                static_cast<long long>(event.images_shown));
  const fs::path file = samples_dir() / name;
  std::string error;
  if (!write_png(file, event.grid, &error) || !write_png(samples_dir() / "latest.png", event.grid, &error))
    throw std::runtime_error("cannot write the sample grid: " + error);
  return file;
}

}  // namespace inrgan
