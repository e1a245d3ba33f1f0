// Decoding image files into 8-bit RGB. No torch.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/data/rgb_image.h"

namespace inrgan {

// Decodes PNG, JPEG (and the other formats stb_image reads). 16-bit is rounded to 8-bit; gray and
// palette become RGB; alpha is composited over black (sky photos have a black background).
// On failure returns nullopt and sets *error to a reason a user understands.
std::optional<RgbImage> decode_image(const std::filesystem::path& path, std::string* error);
std::optional<RgbImage> decode_image_memory(const std::uint8_t* data, std::size_t size,
                                            std::string* error);

// Area (box-filter) resize; used for downscaling real images to each stage's resolution.
RgbImage resize_area(const RgbImage& image, int width, int height);

// Writes an 8-bit RGB PNG atomically (temp file + rename). Returns false and sets *error on failure.
bool write_png(const std::filesystem::path& path, const RgbImage& image, std::string* error);

}  // namespace inrgan
