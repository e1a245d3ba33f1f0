#include "core/data/file_checks.h"

#include <algorithm>
#include <array>
#include <cstring>

namespace inrgan::detail {
namespace {

std::uint32_t read_be32(const std::uint8_t* p) {
  return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
         std::uint32_t{p[3]};
}

// CRC-32 as PNG defines it. A local table, so that core/data needs no zlib for one checksum.
std::uint32_t crc32(const std::uint8_t* data, std::size_t size) {
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t n = 0; n < 256; ++n) {
      std::uint32_t c = n;
      for (int k = 0; k < 8; ++k) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[n] = c;
    }
    return t;
  }();
  std::uint32_t c = 0xFFFFFFFFu;
  for (std::size_t i = 0; i < size; ++i) c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
  return c ^ 0xFFFFFFFFu;
}

bool is_chunk_type(const std::uint8_t* p) {
  for (int i = 0; i < 4; ++i) {
    const bool letter = (p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= 'a' && p[i] <= 'z');
    if (!letter) return false;
  }
  return true;
}

}  // namespace

FileKind sniff_kind(const std::uint8_t* data, std::size_t size) {
  static const std::uint8_t png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
  if (size >= 8 && std::memcmp(data, png_sig, 8) == 0) return FileKind::Png;
  if (size >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF) return FileKind::Jpeg;
  if (size >= 4 && std::memcmp(data, "GIF8", 4) == 0) return FileKind::Gif;
  if (size >= 2 && data[0] == 'B' && data[1] == 'M') return FileKind::Bmp;
  return FileKind::Other;
}

const char* kind_name(FileKind kind) {
  switch (kind) {
    case FileKind::Png: return "PNG";
    case FileKind::Jpeg: return "JPEG";
    case FileKind::Gif: return "GIF";
    case FileKind::Bmp: return "BMP";
    case FileKind::Other: break;
  }
  return "image";
}

std::string text_prefix(const std::uint8_t* data, std::size_t size) {
  const std::size_t n = std::min<std::size_t>(size, 256);
  bool any_letter = false;
  for (std::size_t i = 0; i < n; ++i) {
    const std::uint8_t c = data[i];
    // Control characters other than tab / newline / carriage return mean binary data; bytes >= 0x80
    // are allowed so that UTF-8 text still counts as text.
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return {};
    if (c == 0x7F) return {};
    any_letter = any_letter || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
  if (!any_letter) return {};
  std::string quote;
  for (std::size_t i = 0; i < n && quote.size() < 40; ++i) {
    const char c = static_cast<char>(data[i]);
    if (c == '\n' || c == '\r') {
      if (!quote.empty()) break;
      continue;
    }
    quote += (data[i] < 0x80) ? c : '?';
  }
  return quote;
}

std::string png_structure_problem(const std::uint8_t* data, std::size_t size) {
  std::size_t pos = 8;
  std::string last = "signature";
  bool first = true;
  while (true) {
    if (pos == size) return "file ends after the " + last + " chunk; the IEND chunk is missing";
    if (size - pos < 12) {
      return "file ends inside the chunk header after " + last + " (" + std::to_string(size - pos) +
             " of 12 bytes present)";
    }
    const std::uint32_t length = read_be32(data + pos);
    const std::uint8_t* type = data + pos + 4;
    if (!is_chunk_type(type) || length > 0x7FFFFFFFu) {
      return "corrupt chunk header at byte " + std::to_string(pos) + " (after " + last + ")";
    }
    const std::string name(reinterpret_cast<const char*>(type), 4);
    if (first && name != "IHDR") return "first chunk is " + name + ", not IHDR";
    first = false;
    if (size - pos - 12 < length) {
      return "file ends inside the " + name + " chunk (" + std::to_string(size - pos - 12) +
             " of " + std::to_string(length) + " bytes present)";
    }
    // Critical chunks (upper-case first letter) must have a good CRC; libpng refuses them too.
    // Ancillary chunks with a bad CRC are ignored, as libpng does by default.
    const bool critical = (type[0] & 0x20) == 0;
    if (critical && crc32(type, 4 + std::size_t{length}) != read_be32(type + 4 + length)) {
      return "CRC mismatch in the " + name + " chunk at byte " + std::to_string(pos) +
             " (the data is damaged)";
    }
    if (name == "IEND") return {};
    last = name;
    pos += 12 + std::size_t{length};
  }
}

std::string jpeg_structure_problem(const std::uint8_t* data, std::size_t size) {
  // Walk the marker segments up to the first start-of-scan. Segment lengths are followed, so that
  // an end-of-image marker inside an EXIF thumbnail does not count.
  std::size_t pos = 2;
  while (true) {
    if (pos >= size) return "file ends before the image data";
    if (data[pos] != 0xFF) return "corrupt marker at byte " + std::to_string(pos);
    while (pos < size && data[pos] == 0xFF) ++pos;  // fill bytes
    if (pos >= size) return "file ends before the image data";
    const std::uint8_t marker = data[pos++];
    if (marker == 0xDA) break;  // start of scan
    if (marker == 0xD9) return "end-of-image marker before any image data";
    if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) continue;  // no payload
    if (size - pos < 2) return "file ends inside a header segment";
    const std::size_t length = (std::size_t{data[pos]} << 8) | data[pos + 1];
    if (length < 2 || size - pos < length) return "file ends inside a header segment";
    pos += length;
  }
  // Inside entropy-coded data a 0xFF byte is always followed by 0x00 or a restart marker, so the
  // pair FF D9 after the scan starts can only be the real end of the image.
  for (std::size_t i = pos; i + 1 < size; ++i) {
    if (data[i] == 0xFF && data[i + 1] == 0xD9) return {};
  }
  return "file ends before the end-of-image marker (cut short, e.g. an interrupted download)";
}

}  // namespace inrgan::detail
