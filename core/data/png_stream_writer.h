// Writes a PNG a band of rows at a time (libpng), so that an image never has to be held whole:
// exports of 16384 x 16384 and beyond. The file appears under its name only when finish()
// succeeds (temporary file, flush, fsync, rename); an abandoned writer leaves nothing behind.
#pragma once

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string>

namespace inrgan {

class PngStreamWriter {
 public:
  // Throws std::runtime_error naming the file when it cannot be created.
  PngStreamWriter(const std::filesystem::path& path, int width, int height, int compression = 3);
  ~PngStreamWriter();  // removes the temporary file unless finish() succeeded
  PngStreamWriter(const PngStreamWriter&) = delete;
  PngStreamWriter& operator=(const PngStreamWriter&) = delete;

  // `count` rows of width * 3 bytes (RGB), top to bottom. Throws on a write error (disk full).
  void write_rows(const std::uint8_t* rows, int count);
  // After all `height` rows: completes the file and moves it into place.
  void finish();
  int rows_written() const { return rows_written_; }

 private:
  void abandon();
  [[noreturn]] void fail(const std::string& what);

  std::filesystem::path path_, temporary_;
  int width_ = 0, height_ = 0, rows_written_ = 0;
  std::FILE* file_ = nullptr;
  void* png_ = nullptr;   // png_structp (libpng stays out of this header)
  void* info_ = nullptr;  // png_infop
  std::string error_;     // libpng's message, set by its error callback
  bool finished_ = false;
};

}  // namespace inrgan
