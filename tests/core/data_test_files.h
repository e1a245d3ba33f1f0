// Small image files made by the tests themselves: PNGs of every colour type written byte by byte
// (stb_image_write cannot write palette or 16-bit PNGs), and a temporary folder to put them in.
// The PNG writer uses stored (uncompressed) deflate blocks, so that no zlib is needed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "core/session/events.h"

namespace inrgan::test {

inline std::uint32_t png_crc(const std::uint8_t* data, std::size_t size,
                             std::uint32_t c = 0xFFFFFFFFu) {
  for (std::size_t i = 0; i < size; ++i) {
    c ^= data[i];
    for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
  }
  return c;
}

inline void put_be32(std::vector<std::uint8_t>& out, std::uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<std::uint8_t>(v >> s));
}

inline void put_chunk(std::vector<std::uint8_t>& out, const char* type,
                      const std::vector<std::uint8_t>& data) {
  put_be32(out, static_cast<std::uint32_t>(data.size()));
  const std::size_t start = out.size();
  out.insert(out.end(), type, type + 4);
  out.insert(out.end(), data.begin(), data.end());
  put_be32(out, png_crc(out.data() + start, out.size() - start) ^ 0xFFFFFFFFu);
}

// A zlib stream made of stored deflate blocks (each at most 65535 bytes), with its Adler-32.
inline std::vector<std::uint8_t> zlib_stored(const std::vector<std::uint8_t>& raw) {
  std::vector<std::uint8_t> out = {0x78, 0x01};
  std::size_t pos = 0;
  do {
    const std::size_t n = std::min<std::size_t>(65535, raw.size() - pos);
    out.push_back(pos + n == raw.size() ? 1 : 0);  // BFINAL, BTYPE = 00 (stored)
    out.push_back(static_cast<std::uint8_t>(n));
    out.push_back(static_cast<std::uint8_t>(n >> 8));
    out.push_back(static_cast<std::uint8_t>(~n));
    out.push_back(static_cast<std::uint8_t>(~n >> 8));
    out.insert(out.end(), raw.begin() + pos, raw.begin() + pos + n);
    pos += n;
  } while (pos < raw.size());
  std::uint32_t a = 1, b = 0;
  for (std::uint8_t byte : raw) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  put_be32(out, (b << 16) | a);
  return out;
}

// PNG colour types: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. `samples` holds the unfiltered
// pixel bytes row by row (16-bit samples big-endian, as PNG stores them).
inline std::vector<std::uint8_t> make_png(int width, int height, int bit_depth, int color_type,
                                          const std::vector<std::uint8_t>& samples,
                                          const std::vector<std::uint8_t>& palette = {},
                                          const std::vector<std::uint8_t>& palette_alpha = {}) {
  std::vector<std::uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  std::vector<std::uint8_t> ihdr;
  put_be32(ihdr, static_cast<std::uint32_t>(width));
  put_be32(ihdr, static_cast<std::uint32_t>(height));
  ihdr.insert(ihdr.end(), {static_cast<std::uint8_t>(bit_depth),
                           static_cast<std::uint8_t>(color_type), 0, 0, 0});
  put_chunk(png, "IHDR", ihdr);
  if (!palette.empty()) put_chunk(png, "PLTE", palette);
  if (!palette_alpha.empty()) put_chunk(png, "tRNS", palette_alpha);
  const std::size_t row_bytes = samples.size() / static_cast<std::size_t>(height);
  std::vector<std::uint8_t> raw;
  for (int y = 0; y < height; ++y) {
    raw.push_back(0);  // filter type 0: none
    raw.insert(raw.end(), samples.begin() + y * row_bytes, samples.begin() + (y + 1) * row_bytes);
  }
  put_chunk(png, "IDAT", zlib_stored(raw));
  put_chunk(png, "IEND", {});
  return png;
}

inline RgbImage random_image(int width, int height, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<int> byte(0, 255);
  RgbImage image{width, height,
                 std::vector<std::uint8_t>(static_cast<std::size_t>(width) * height * 3)};
  for (auto& p : image.pixels) p = static_cast<std::uint8_t>(byte(rng));
  return image;
}

// RgbImage has no operator==; tests compare through this (and gtest prints the sizes).
inline bool same_image(const RgbImage& a, const RgbImage& b) {
  return a.width == b.width && a.height == b.height && a.pixels == b.pixels;
}

inline std::vector<std::uint8_t> rgb_png(const RgbImage& image) {
  return make_png(image.width, image.height, 8, 2, image.pixels);
}

inline void write_bytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()),
             static_cast<std::streamsize>(bytes.size()));
}

inline void write_text(const std::filesystem::path& path, const std::string& text) {
  write_bytes(path, std::vector<std::uint8_t>(text.begin(), text.end()));
}

// A fresh folder under the system temp dir, removed with everything in it at the end of the test.
class TempFolder {
 public:
  explicit TempFolder(const std::string& tag) {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("inrgan-" + tag + "-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempFolder() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempFolder(const TempFolder&) = delete;
  TempFolder& operator=(const TempFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace inrgan::test
