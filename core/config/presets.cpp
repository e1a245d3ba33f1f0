// Where the shipped presets live: an override, the install tree, then the source tree (so that a
// build folder works without installing).
#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "core/build_info.h"
#include "core/config/config.h"

namespace inrgan {

namespace {

std::filesystem::path executable_dir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : exe.parent_path();
}

std::vector<std::filesystem::path> preset_dirs() {
  std::vector<std::filesystem::path> dirs;
  if (const char* env = std::getenv("INRGAN_PRESETS_DIR"); env && *env) dirs.emplace_back(env);
  if (auto exe = executable_dir(); !exe.empty())
    dirs.push_back(exe.parent_path() / "share" / "inrgan-studio" / "presets");
  dirs.push_back(std::filesystem::path(INRGAN_SOURCE_DIR) / "resources" / "presets");
  dirs.push_back(std::filesystem::path(INRGAN_INSTALL_DATADIR) / "presets");
  return dirs;
}

}  // namespace

std::vector<std::string> preset_names() {
  for (const auto& dir : preset_dirs()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
      if (entry.path().extension() == ".toml") names.push_back(entry.path().stem().string());
    std::sort(names.begin(), names.end());
    if (!names.empty()) return names;
  }
  return {};
}

std::filesystem::path preset_path(const std::string& name) {
  std::string searched;
  for (const auto& dir : preset_dirs()) {
    auto candidate = dir / (name + ".toml");
    std::error_code ec;
    if (std::filesystem::is_regular_file(candidate, ec)) return candidate;
    searched += (searched.empty() ? "" : ", ") + dir.string();
  }
  std::string known;
  for (const auto& n : preset_names()) known += (known.empty() ? "" : ", ") + n;
  throw ConfigError("no preset named \"" + name + "\" (known: " + (known.empty() ? "none" : known) +
                    "; searched " + searched + ")");
}

}  // namespace inrgan
