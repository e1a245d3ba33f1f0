#include "core/data/image_decode.h"

// The implementations live in libstb (pkg-config stb), so no STB_IMAGE_IMPLEMENTATION here.
#include <stb_image.h>
#include <stb_image_write.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <memory>
#include <stdexcept>
#include <system_error>

#include "core/data/file_checks.h"

namespace inrgan {
namespace {

// Beyond this, one decoded image would take gigabytes; such a file is almost surely not a photo
// meant for training at these sizes.
constexpr long long kMaxPixels = 1LL << 28;

void set_error(std::string* error, std::string message) {
  if (error) *error = std::move(message);
}

std::string stb_reason() {
  const char* reason = stbi_failure_reason();
  return reason && *reason ? reason : "unknown reason";
}

// Straight (non-premultiplied) channels -> RGB over black. `scale` is the channel maximum (255 or
// 65535); values are composited in double and rounded once, so that 16-bit input loses no more
// than the final rounding to 8 bits.
template <typename T>
RgbImage to_rgb(const T* src, int width, int height, int channels, double scale) {
  RgbImage out;
  out.width = width;
  out.height = height;
  out.pixels.resize(static_cast<std::size_t>(width) * height * 3);
  const std::size_t n = static_cast<std::size_t>(width) * height;
  const double to8 = 255.0 / scale;
  auto put = [&](std::size_t i, double r, double g, double b) {
    out.pixels[3 * i + 0] = static_cast<std::uint8_t>(std::lround(r * to8));
    out.pixels[3 * i + 1] = static_cast<std::uint8_t>(std::lround(g * to8));
    out.pixels[3 * i + 2] = static_cast<std::uint8_t>(std::lround(b * to8));
  };
  for (std::size_t i = 0; i < n; ++i) {
    const T* p = src + i * channels;
    switch (channels) {
      case 1: put(i, p[0], p[0], p[0]); break;
      case 2: {
        const double v = p[0] * (p[1] / scale);
        put(i, v, v, v);
        break;
      }
      case 3: put(i, p[0], p[1], p[2]); break;
      default: {
        const double a = p[3] / scale;
        put(i, p[0] * a, p[1] * a, p[2] * a);
        break;
      }
    }
  }
  return out;
}

std::optional<RgbImage> decode_checked(const std::uint8_t* data, std::size_t size,
                                       detail::FileKind kind, std::string* error) {
  const int len = static_cast<int>(size);
  const std::string what = detail::kind_name(kind);
  const std::string corrupt = "truncated or corrupt " + what + ": ";
  int width = 0, height = 0, channels = 0;
  if (!stbi_info_from_memory(data, len, &width, &height, &channels)) {
    set_error(error, corrupt + stb_reason());
    return std::nullopt;
  }
  if (static_cast<long long>(width) * height > kMaxPixels) {
    set_error(error, "image too large (" + std::to_string(width) + " x " + std::to_string(height) +
                         " pixels)");
    return std::nullopt;
  }
  if (stbi_is_16_bit_from_memory(data, len)) {
    std::unique_ptr<stbi_us, void (*)(void*)> pixels(
        stbi_load_16_from_memory(data, len, &width, &height, &channels, 0), stbi_image_free);
    if (!pixels) {
      set_error(error, corrupt + stb_reason());
      return std::nullopt;
    }
    return to_rgb(pixels.get(), width, height, channels, 65535.0);
  }
  std::unique_ptr<stbi_uc, void (*)(void*)> pixels(
      stbi_load_from_memory(data, len, &width, &height, &channels, 0), stbi_image_free);
  if (!pixels) {
    set_error(error, corrupt + stb_reason());
    return std::nullopt;
  }
  return to_rgb(pixels.get(), width, height, channels, 255.0);
}

}  // namespace

std::optional<RgbImage> decode_image_memory(const std::uint8_t* data, std::size_t size,
                                            std::string* error) {
  if (size == 0 || data == nullptr) {
    set_error(error, "empty file");
    return std::nullopt;
  }
  if (size > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    set_error(error, "file too large to decode (" + std::to_string(size) + " bytes)");
    return std::nullopt;
  }
  const detail::FileKind kind = detail::sniff_kind(data, size);
  const std::string size_note = " (" + std::to_string(size) + " bytes)";
  std::string problem;
  if (kind == detail::FileKind::Png) problem = detail::png_structure_problem(data, size);
  if (kind == detail::FileKind::Jpeg) problem = detail::jpeg_structure_problem(data, size);
  if (!problem.empty()) {
    set_error(error, std::string("truncated or corrupt ") + detail::kind_name(kind) + size_note +
                         ": " + problem);
    return std::nullopt;
  }
  if (kind == detail::FileKind::Other) {
    // Only call it text when stb does not recognise it: PNM and HDR headers are text too.
    int w = 0, h = 0, c = 0;
    if (!stbi_info_from_memory(data, static_cast<int>(size), &w, &h, &c)) {
      const std::string text = detail::text_prefix(data, size);
      if (!text.empty()) {
        set_error(error, "not an image file (starts with text: \"" + text + "\")");
      } else {
        set_error(error, "not an image file, or a format that cannot be read" + size_note + ": " +
                             stb_reason());
      }
      return std::nullopt;
    }
  }
  return decode_checked(data, size, kind, error);
}

std::optional<RgbImage> decode_image(const std::filesystem::path& path, std::string* error) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    set_error(error, "file not found");
    return std::nullopt;
  }
  if (std::filesystem::is_directory(status)) {
    set_error(error, "is a folder, not a file");
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary | std::ios::ate);
  if (!in) {
    set_error(error, std::string("cannot open: ") + std::strerror(errno));
    return std::nullopt;
  }
  const std::streamoff size = in.tellg();
  std::vector<std::uint8_t> bytes(size > 0 ? static_cast<std::size_t>(size) : 0);
  in.seekg(0);
  if (size < 0 || !in.read(reinterpret_cast<char*>(bytes.data()), size)) {
    set_error(error, std::string("read error: ") + std::strerror(errno));
    return std::nullopt;
  }
  return decode_image_memory(bytes.data(), bytes.size(), error);
}

namespace {

// For each output index along one axis, the input indices it covers and their coverage weights,
// normalised to sum to 1. Output pixel o covers [o * scale, (o + 1) * scale) of the input axis.
struct Tap {
  int index;
  float weight;
};

std::vector<std::vector<Tap>> area_taps(int in_size, int out_size) {
  std::vector<std::vector<Tap>> taps(out_size);
  const double scale = static_cast<double>(in_size) / out_size;
  for (int o = 0; o < out_size; ++o) {
    const double lo = o * scale;
    const double hi = (o + 1) * scale;
    const int first = static_cast<int>(std::floor(lo));
    const int last = std::min(in_size - 1, static_cast<int>(std::ceil(hi)) - 1);
    double total = 0.0;
    for (int i = first; i <= last; ++i) {
      const double cover = std::min<double>(hi, i + 1) - std::max<double>(lo, i);
      if (cover <= 1e-12) continue;
      taps[o].push_back({i, static_cast<float>(cover)});
      total += cover;
    }
    for (Tap& t : taps[o]) t.weight = static_cast<float>(t.weight / total);
  }
  return taps;
}

}  // namespace

RgbImage resize_area(const RgbImage& image, int width, int height) {
  if (image.empty() || width <= 0 || height <= 0) {
    throw std::invalid_argument("resize_area: empty image or target size " + std::to_string(width) +
                                " x " + std::to_string(height));
  }
  if (image.width == width && image.height == height) return image;
  const auto xtaps = area_taps(image.width, width);
  const auto ytaps = area_taps(image.height, height);

  // Separable: rows first (into float, so nothing is rounded twice), then columns.
  std::vector<float> rows(static_cast<std::size_t>(image.height) * width * 3);
  for (int y = 0; y < image.height; ++y) {
    const std::uint8_t* src = image.pixels.data() + static_cast<std::size_t>(y) * image.width * 3;
    float* dst = rows.data() + static_cast<std::size_t>(y) * width * 3;
    for (int x = 0; x < width; ++x) {
      float r = 0, g = 0, b = 0;
      for (const Tap& t : xtaps[x]) {
        const std::uint8_t* p = src + 3 * t.index;
        r += t.weight * p[0];
        g += t.weight * p[1];
        b += t.weight * p[2];
      }
      dst[3 * x] = r;
      dst[3 * x + 1] = g;
      dst[3 * x + 2] = b;
    }
  }
  RgbImage out;
  out.width = width;
  out.height = height;
  out.pixels.resize(static_cast<std::size_t>(width) * height * 3);
  std::vector<float> acc(static_cast<std::size_t>(width) * 3);
  for (int y = 0; y < height; ++y) {
    std::fill(acc.begin(), acc.end(), 0.0f);
    for (const Tap& t : ytaps[y]) {
      const float* src = rows.data() + static_cast<std::size_t>(t.index) * width * 3;
      for (int i = 0; i < width * 3; ++i) acc[i] += t.weight * src[i];
    }
    std::uint8_t* dst = out.pixels.data() + static_cast<std::size_t>(y) * width * 3;
    for (int i = 0; i < width * 3; ++i) {
      dst[i] = static_cast<std::uint8_t>(std::clamp(std::lround(acc[i]), 0L, 255L));
    }
  }
  return out;
}

bool write_png(const std::filesystem::path& path, const RgbImage& image, std::string* error) {
  if (image.empty() ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * 3) {
    set_error(error, "cannot write " + path.string() + ": the image is empty or malformed");
    return false;
  }
  // A temp name in the same folder, unique per process and call, so that concurrent writers never
  // share it and the final rename stays on one file system (atomic). The leading dot keeps a temp
  // file left by a crash out of folder scans (hidden files are ignored).
  static std::atomic<unsigned> counter{0};
  const auto folder = path.parent_path().empty() ? std::filesystem::path(".") : path.parent_path();
  std::string temp_name(1, '.');  // appended piecewise: GCC 12 warns falsely on "." + string
  temp_name += path.filename().string();
  temp_name += ".tmp-" + std::to_string(::getpid()) + "-" + std::to_string(counter.fetch_add(1));
  const auto temp = folder / temp_name;
  errno = 0;
  if (!stbi_write_png(temp.c_str(), image.width, image.height, 3, image.pixels.data(),
                      image.width * 3)) {
    const int err = errno;
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    set_error(error, "cannot write " + path.string() + ": " +
                         (err ? std::strerror(err) : "the PNG encoder failed"));
    return false;
  }
  std::error_code ec;
  std::filesystem::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    std::filesystem::remove(temp, ignored);
    set_error(error, "cannot write " + path.string() + ": " + ec.message());
    return false;
  }
  return true;
}

}  // namespace inrgan
