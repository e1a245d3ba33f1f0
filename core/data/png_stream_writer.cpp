#include "core/data/png_stream_writer.h"

#include <png.h>
#include <unistd.h>

#include <cerrno>
#include <csetjmp>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace inrgan {

namespace {
void on_png_error(png_structp png, png_const_charp message) {
  *static_cast<std::string*>(png_get_error_ptr(png)) = message;
  png_longjmp(png, 1);  // back to the setjmp of the call that failed
}
void on_png_warning(png_structp, png_const_charp) {}
}  // namespace

// libpng reports errors by longjmp: every method that calls it sets the jump point first and turns
// a jump into an exception, with no C++ object alive in between.
#define INRGAN_PNG_TRY(png) \
  if (setjmp(png_jmpbuf(static_cast<png_structp>(png)))) fail(error_)

PngStreamWriter::PngStreamWriter(const std::filesystem::path& path, int width, int height,
                                 int compression)
    : path_(path), width_(width), height_(height) {
  if (width <= 0 || height <= 0)
    throw std::invalid_argument(path.string() + ": empty image size");
  temporary_ = path;
  temporary_ += ".partial-" + std::to_string(::getpid());
  file_ = std::fopen(temporary_.c_str(), "wb");
  if (!file_)
    throw std::runtime_error("cannot create " + temporary_.string() + ": " + std::strerror(errno));
  png_ = png_create_write_struct(PNG_LIBPNG_VER_STRING, &error_, on_png_error, on_png_warning);
  if (png_) info_ = png_create_info_struct(static_cast<png_structp>(png_));
  if (!png_ || !info_) fail("out of memory");
  auto png = static_cast<png_structp>(png_);
  auto info = static_cast<png_infop>(info_);
  INRGAN_PNG_TRY(png_);
  png_init_io(png, file_);
  png_set_compression_level(png, compression);
  png_set_IHDR(png, info, static_cast<png_uint_32>(width), static_cast<png_uint_32>(height), 8,
               PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
               PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
}

PngStreamWriter::~PngStreamWriter() {
  if (!finished_) abandon();
}

void PngStreamWriter::abandon() {
  if (png_ || info_) {
    auto png = static_cast<png_structp>(png_);
    auto info = static_cast<png_infop>(info_);
    png_destroy_write_struct(&png, &info);
    png_ = info_ = nullptr;
  }
  if (file_) {
    std::fclose(file_);
    file_ = nullptr;
  }
  std::error_code ignored;
  std::filesystem::remove(temporary_, ignored);
}

void PngStreamWriter::fail(const std::string& what) {
  const std::string message = "cannot write " + path_.string() + ": " + what;
  abandon();
  throw std::runtime_error(message);
}

void PngStreamWriter::write_rows(const std::uint8_t* rows, int count) {
  if (!png_) throw std::logic_error("PngStreamWriter: already finished or failed");
  if (count < 0 || rows_written_ + count > height_)
    throw std::logic_error("PngStreamWriter: more rows than the image has");
  auto png = static_cast<png_structp>(png_);
  const std::size_t stride = static_cast<std::size_t>(width_) * 3;
  INRGAN_PNG_TRY(png_);
  for (int i = 0; i < count; ++i)
    png_write_row(png, const_cast<png_bytep>(rows + stride * static_cast<std::size_t>(i)));
  rows_written_ += count;
}

void PngStreamWriter::finish() {
  if (!png_) throw std::logic_error("PngStreamWriter: already finished or failed");
  if (rows_written_ != height_)
    fail(std::to_string(rows_written_) + " of " + std::to_string(height_) + " rows written");
  auto png = static_cast<png_structp>(png_);
  auto info = static_cast<png_infop>(info_);
  INRGAN_PNG_TRY(png_);
  png_write_end(png, info);
  png_destroy_write_struct(&png, &info);
  png_ = info_ = nullptr;
  // Disk full shows up here at the latest: the file only moves into place when it is complete.
  if (std::fflush(file_) != 0 || ::fsync(fileno(file_)) != 0) fail(std::strerror(errno));
  const int closed = std::fclose(file_);
  file_ = nullptr;
  if (closed != 0) fail(std::strerror(errno));
  std::error_code error;
  std::filesystem::rename(temporary_, path_, error);
  if (error) fail(error.message());
  finished_ = true;
}

}  // namespace inrgan
