// Small real image folders written by tests: structured RGB pictures (a bright disc on a dark
// gradient), so that training has something to learn and tests need no fixtures.
#pragma once

#include <filesystem>
#include <random>
#include <string>

#include "core/build_info.h"
#include "core/data/image_decode.h"

namespace inrgan::test_support {

inline std::filesystem::path fresh_temp_dir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("inrgan-test-" + name + "-" +
                                                       std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline RgbImage disc_image(int size, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> pos(0.25, 0.75), rad(0.1, 0.25), col(0.3, 1.0);
  const double cx = pos(rng) * size, cy = pos(rng) * size, r = rad(rng) * size;
  const double cr = col(rng), cg = col(rng), cb = col(rng);
  RgbImage image{size, size, std::vector<std::uint8_t>(static_cast<std::size_t>(size) * size * 3)};
  for (int y = 0; y < size; ++y)
    for (int x = 0; x < size; ++x) {
      const double d = std::hypot(x + 0.5 - cx, y + 0.5 - cy) / r;
      const double glow = d < 1 ? 1.0 : std::exp(-3 * (d - 1));
      const double base = 0.1 * y / size;
      auto* p = &image.pixels[(static_cast<std::size_t>(y) * size + x) * 3];
      p[0] = static_cast<std::uint8_t>(255 * std::min(1.0, base + glow * cr));
      p[1] = static_cast<std::uint8_t>(255 * std::min(1.0, base + glow * cg));
      p[2] = static_cast<std::uint8_t>(255 * std::min(1.0, base + glow * cb));
    }
  return image;
}

// Writes `count` disc images of `size` px into `dir`.
inline void write_disc_folder(const std::filesystem::path& dir, int count, int size) {
  std::filesystem::create_directories(dir);
  for (int i = 0; i < count; ++i) {
    std::string error;
    write_png(dir / ("disc" + std::to_string(i) + ".png"), disc_image(size, 100 + i), &error);
  }
}

// Copies the first `count` real photos of the default data set; returns false when it is missing.
inline bool copy_real_photos(const std::filesystem::path& dir, int count) {
  const std::filesystem::path source = INRGAN_DEFAULT_DATA_DIR;
  if (!std::filesystem::is_directory(source)) return false;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(source))
    if (entry.path().extension() == ".png") files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  if (static_cast<int>(files.size()) < count) return false;
  std::filesystem::create_directories(dir);
  for (int i = 0; i < count; ++i)
    std::filesystem::copy_file(files[i], dir / files[i].filename());
  return true;
}

}  // namespace inrgan::test_support
