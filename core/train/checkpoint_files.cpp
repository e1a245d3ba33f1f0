#include "core/train/checkpoint_files.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <string>

namespace inrgan {

namespace fs = std::filesystem;

fs::path checkpoint_dir(const fs::path& run_dir) { return run_dir / "checkpoints"; }

fs::path checkpoint_path(const fs::path& run_dir, std::int64_t step) {
  char name[64];
  std::snprintf(name, sizeof name, "ckpt-%09lld.pt", static_cast<long long>(step));
  return checkpoint_dir(run_dir) / name;
}

std::vector<fs::path> list_checkpoints(const fs::path& run_dir) {
  std::vector<fs::path> files;
  std::error_code ec;
  const auto dir = checkpoint_dir(run_dir);
  if (!fs::is_directory(dir, ec)) return files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    const auto name = entry.path().filename().string();
    if (name.rfind("ckpt-", 0) == 0 && entry.path().extension() == ".pt" && entry.is_regular_file())
      files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // zero-padded step numbers sort by name
  return files;
}

std::optional<fs::path> find_checkpoint(const fs::path& file_or_run_dir) {
  std::error_code ec;
  if (fs::is_regular_file(file_or_run_dir, ec)) return file_or_run_dir;
  auto files = list_checkpoints(file_or_run_dir);
  if (files.empty()) return std::nullopt;
  return files.back();
}

namespace {
void sync_path(const fs::path& path, bool directory) {
  const int fd = ::open(path.c_str(), directory ? O_RDONLY | O_DIRECTORY : O_RDONLY);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}
}  // namespace

void write_atomically(const fs::path& path,
                      const std::function<void(const fs::path&)>& write) {
  fs::create_directories(path.parent_path());
  fs::path temp = path;
  temp += ".tmp-" + std::to_string(::getpid());
  try {
    write(temp);
    sync_path(temp, false);
    fs::rename(temp, path);
    sync_path(path.parent_path(), true);
  } catch (...) {
    std::error_code ec;
    fs::remove(temp, ec);
    throw;
  }
}

void rotate_checkpoints(const fs::path& run_dir, int keep) {
  auto files = list_checkpoints(run_dir);
  const int excess = static_cast<int>(files.size()) - std::max(keep, 1);
  for (int i = 0; i < excess; ++i) {
    std::error_code ec;
    fs::remove(files[i], ec);
  }
}

}  // namespace inrgan
