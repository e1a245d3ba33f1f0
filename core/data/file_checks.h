// Structural checks on image file bytes, done before decoding. stb_image never checks PNG CRCs (a
// damaged IDAT can decode to garbage pixels) and its failure strings are terse ("outofdata",
// "expected marker", or none at all for a PNG without IEND). These checks turn "folders as they
// are" into reasons a user understands. Internal to core/data.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace inrgan::detail {

enum class FileKind { Png, Jpeg, Gif, Bmp, Other };

FileKind sniff_kind(const std::uint8_t* data, std::size_t size);
const char* kind_name(FileKind kind);

// When the first bytes are plain text (a README renamed .png, an HTML error page saved as .jpg),
// returns a short quote of them, e.g. "<!DOCTYPE html>"; empty otherwise.
std::string text_prefix(const std::uint8_t* data, std::size_t size);

// Walks the PNG chunk list up to IEND. Returns "" when the structure is complete, else why not,
// e.g. "file ends inside the IDAT chunk (812 of 4096 bytes present)".
std::string png_structure_problem(const std::uint8_t* data, std::size_t size);

// Checks that a JPEG has an end-of-image marker after its first scan. Returns "" or why not.
std::string jpeg_structure_problem(const std::uint8_t* data, std::size_t size);

}  // namespace inrgan::detail
