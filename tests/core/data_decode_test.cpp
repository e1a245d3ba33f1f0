// decode_image, resize_area and write_png on small files written by the test: every PNG colour
// type, JPEG, and the broken files real folders contain.
#include <gtest/gtest.h>
#include <stb/stb_image_write.h>  // implementation in libstb, linked through inrgan_data

#include <cmath>
#include <numeric>

#include "core/data/image_decode.h"
#include "data_test_files.h"

namespace inrgan {
namespace {

using test::make_png;

std::optional<RgbImage> decode(const std::vector<std::uint8_t>& bytes, std::string* error) {
  return decode_image_memory(bytes.data(), bytes.size(), error);
}

std::array<int, 3> pixel(const RgbImage& image, int x, int y) {
  const auto* p = image.pixels.data() + (static_cast<std::size_t>(y) * image.width + x) * 3;
  return {p[0], p[1], p[2]};
}

std::vector<std::uint8_t> jpeg_bytes(const RgbImage& image) {
  std::vector<std::uint8_t> out;
  stbi_write_jpg_to_func(
      [](void* context, void* data, int size) {
        auto* bytes = static_cast<std::vector<std::uint8_t>*>(context);
        bytes->insert(bytes->end(), static_cast<std::uint8_t*>(data),
                      static_cast<std::uint8_t*>(data) + size);
      },
      &out, image.width, image.height, 3, image.pixels.data(), 95);
  return out;
}

TEST(ImageDecode, RgbPngIsExact) {
  const RgbImage image = test::random_image(7, 5, 1);
  std::string error;
  const auto decoded = decode(test::rgb_png(image), &error);
  ASSERT_TRUE(decoded) << error;
  EXPECT_EQ(decoded->width, 7);
  EXPECT_EQ(decoded->height, 5);
  EXPECT_EQ(decoded->pixels, image.pixels);
}

TEST(ImageDecode, GrayPngBecomesRgb) {
  const auto decoded = decode(make_png(3, 1, 8, 0, {0, 77, 255}), nullptr);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(pixel(*decoded, 0, 0), (std::array<int, 3>{0, 0, 0}));
  EXPECT_EQ(pixel(*decoded, 1, 0), (std::array<int, 3>{77, 77, 77}));
  EXPECT_EQ(pixel(*decoded, 2, 0), (std::array<int, 3>{255, 255, 255}));
}

TEST(ImageDecode, PalettePngLooksUpColours) {
  const std::vector<std::uint8_t> palette = {10, 20, 30, 200, 100, 50, 0, 255, 0};
  const auto decoded = decode(make_png(4, 1, 8, 3, {2, 0, 1, 2}, palette), nullptr);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(pixel(*decoded, 0, 0), (std::array<int, 3>{0, 255, 0}));
  EXPECT_EQ(pixel(*decoded, 1, 0), (std::array<int, 3>{10, 20, 30}));
  EXPECT_EQ(pixel(*decoded, 2, 0), (std::array<int, 3>{200, 100, 50}));
}

TEST(ImageDecode, PaletteTransparencyIsCompositedOverBlack) {
  // Entry 0 fully transparent, entry 1 half transparent (alpha 128).
  const auto decoded =
      decode(make_png(2, 1, 8, 3, {0, 1}, {200, 100, 50, 200, 100, 50}, {0, 128}), nullptr);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(pixel(*decoded, 0, 0), (std::array<int, 3>{0, 0, 0}));
  EXPECT_EQ(pixel(*decoded, 1, 0), (std::array<int, 3>{100, 50, 25}));  // 200 * 128 / 255 = 100.4
}

TEST(ImageDecode, RgbaIsCompositedOverBlack) {
  const auto decoded =
      decode(make_png(3, 1, 8, 6, {200, 100, 50, 128, 9, 9, 9, 255, 255, 255, 255, 0}), nullptr);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(pixel(*decoded, 0, 0), (std::array<int, 3>{100, 50, 25}));
  EXPECT_EQ(pixel(*decoded, 1, 0), (std::array<int, 3>{9, 9, 9}));
  EXPECT_EQ(pixel(*decoded, 2, 0), (std::array<int, 3>{0, 0, 0}));
}

TEST(ImageDecode, GrayAlphaIsCompositedOverBlack) {
  const auto decoded = decode(make_png(2, 1, 8, 4, {200, 64, 90, 255}), nullptr);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(pixel(*decoded, 0, 0), (std::array<int, 3>{50, 50, 50}));  // 200 * 64 / 255 = 50.2
  EXPECT_EQ(pixel(*decoded, 1, 0), (std::array<int, 3>{90, 90, 90}));
}

TEST(ImageDecode, SixteenBitIsRoundedTo8Bit) {
  // Samples 0, 1000, 32896 (= 128 * 257), 65535 -> round(v * 255 / 65535) = 0, 4, 128, 255.
  const std::vector<std::uint8_t> samples = {0x00, 0x00, 0x03, 0xE8, 0x80, 0x80,   // pixel 0: R G B
                                             0xFF, 0xFF, 0x00, 0x00, 0x00, 0x00};  // pixel 1
  const auto decoded = decode(make_png(2, 1, 16, 2, samples), nullptr);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(pixel(*decoded, 0, 0), (std::array<int, 3>{0, 4, 128}));
  EXPECT_EQ(pixel(*decoded, 1, 0), (std::array<int, 3>{255, 0, 0}));
}

TEST(ImageDecode, SixteenBitGrayAlphaIsComposited) {
  // Gray 65535 at alpha 32768 (about one half) -> 127.5 -> 128.
  const auto decoded = decode(make_png(1, 1, 16, 4, {0xFF, 0xFF, 0x80, 0x00}), nullptr);
  ASSERT_TRUE(decoded);
  EXPECT_EQ(pixel(*decoded, 0, 0), (std::array<int, 3>{128, 128, 128}));
}

TEST(ImageDecode, JpegIsCloseToTheOriginal) {
  // Flat 8x8-aligned colour blocks: JPEG keeps them within a few levels.
  RgbImage image{16, 16, std::vector<std::uint8_t>(16 * 16 * 3)};
  for (int y = 0; y < 16; ++y) {
    for (int x = 0; x < 16; ++x) {
      const std::uint8_t c[3] = {static_cast<std::uint8_t>(x < 8 ? 200 : 30), 120,
                                 static_cast<std::uint8_t>(y < 8 ? 40 : 220)};
      std::copy(c, c + 3, image.pixels.begin() + (y * 16 + x) * 3);
    }
  }
  test::TempFolder dir("jpeg");
  test::write_bytes(dir / "photo.jpg", jpeg_bytes(image));
  std::string error;
  const auto decoded = decode_image(dir / "photo.jpg", &error);
  ASSERT_TRUE(decoded) << error;
  ASSERT_EQ(decoded->pixels.size(), image.pixels.size());
  for (std::size_t i = 0; i < image.pixels.size(); ++i) {
    ASSERT_NEAR(decoded->pixels[i], image.pixels[i], 12) << "byte " << i;
  }
}

TEST(ImageDecode, TruncatedPngIsRejectedWithReason) {
  const auto png = test::rgb_png(test::random_image(32, 32, 2));
  std::string error;
  const std::vector<std::uint8_t> half(png.begin(), png.begin() + png.size() / 2);
  EXPECT_FALSE(decode(half, &error));
  EXPECT_NE(error.find("truncated or corrupt PNG"), std::string::npos) << error;
  EXPECT_NE(error.find("IDAT"), std::string::npos) << error;

  // Cut exactly before IEND: all image data is there, and stb_image fails without a reason.
  const std::vector<std::uint8_t> no_iend(png.begin(), png.end() - 12);
  EXPECT_FALSE(decode(no_iend, &error));
  EXPECT_NE(error.find("IEND"), std::string::npos) << error;
}

TEST(ImageDecode, DamagedPngDataIsRejected) {
  auto png = test::rgb_png(test::random_image(8, 8, 3));
  png[png.size() / 2] ^= 0x55;  // inside IDAT
  std::string error;
  EXPECT_FALSE(decode(png, &error));
  EXPECT_NE(error.find("CRC"), std::string::npos) << error;
}

TEST(ImageDecode, TruncatedJpegIsRejected) {
  const auto jpeg = jpeg_bytes(test::random_image(32, 32, 4));
  std::string error;
  EXPECT_FALSE(
      decode(std::vector<std::uint8_t>(jpeg.begin(), jpeg.begin() + jpeg.size() * 2 / 3), &error));
  EXPECT_NE(error.find("truncated or corrupt JPEG"), std::string::npos) << error;
}

TEST(ImageDecode, TextFileIsNotAnImage) {
  test::TempFolder dir("text");
  test::write_text(dir / "readme.png", "These photos were taken in 2019.\nEnjoy!\n");
  std::string error;
  EXPECT_FALSE(decode_image(dir / "readme.png", &error));
  EXPECT_NE(error.find("not an image file (starts with text"), std::string::npos) << error;
  EXPECT_NE(error.find("These photos"), std::string::npos) << error;
}

TEST(ImageDecode, EmptyMissingAndJunkFilesGiveReasons) {
  test::TempFolder dir("junk");
  test::write_bytes(dir / "empty.jpg", {});
  test::write_bytes(dir / "junk.gif", {0x00, 0x01, 0x02, 0x03, 0xFE, 0x11});
  std::string error;
  EXPECT_FALSE(decode_image(dir / "empty.jpg", &error));
  EXPECT_EQ(error, "empty file");
  EXPECT_FALSE(decode_image(dir / "missing.png", &error));
  EXPECT_EQ(error, "file not found");
  EXPECT_FALSE(decode_image(dir / "junk.gif", &error));
  EXPECT_NE(error.find("not an image file"), std::string::npos) << error;
  EXPECT_FALSE(decode_image(dir.path(), &error));
  EXPECT_NE(error.find("folder"), std::string::npos) << error;
}

TEST(ResizeArea, HalvingIsExact2x2Average) {
  const RgbImage image = test::random_image(6, 4, 5);
  const RgbImage half = resize_area(image, 3, 2);
  for (int y = 0; y < 2; ++y) {
    for (int x = 0; x < 3; ++x) {
      for (int c = 0; c < 3; ++c) {
        int sum = 0;
        for (int dy = 0; dy < 2; ++dy) {
          for (int dx = 0; dx < 2; ++dx)
            sum += image.pixels[((2 * y + dy) * 6 + 2 * x + dx) * 3 + c];
        }
        EXPECT_EQ(half.pixels[(y * 3 + x) * 3 + c], std::lround(sum / 4.0))
            << x << "," << y << "," << c;
      }
    }
  }
}

TEST(ResizeArea, ConstantStaysConstantAtNonIntegerRatio) {
  RgbImage image{10, 7, {}};
  for (int i = 0; i < 70; ++i) image.pixels.insert(image.pixels.end(), {17, 130, 251});
  for (auto [w, h] : {std::pair{3, 5}, std::pair{4, 4}, std::pair{13, 9}}) {
    const RgbImage out = resize_area(image, w, h);
    for (int i = 0; i < w * h; ++i) {
      ASSERT_EQ(pixel(out, i % w, i / w), (std::array<int, 3>{17, 130, 251})) << w << "x" << h;
    }
  }
}

TEST(ResizeArea, TotalMassIsPreserved) {
  const RgbImage image = test::random_image(9, 7, 6);
  const RgbImage out = resize_area(image, 4, 3);  // 2.25 x 2.33: pixels split between outputs
  const double in_sum = std::accumulate(image.pixels.begin(), image.pixels.end(), 0.0);
  const double out_sum = std::accumulate(out.pixels.begin(), out.pixels.end(), 0.0);
  const double scale = (9.0 * 7.0) / (4.0 * 3.0);  // input pixels per output pixel
  // Only the final rounding (at most 0.5 per output value) may change the mass.
  EXPECT_NEAR(out_sum * scale, in_sum, 0.5 * out.pixels.size() * scale);
  EXPECT_NEAR(out_sum / out.pixels.size(), in_sum / image.pixels.size(), 0.5);
}

TEST(ResizeArea, DoublingRepeatsPixels) {
  const RgbImage image = test::random_image(3, 2, 7);
  const RgbImage out = resize_area(image, 6, 4);
  for (int y = 0; y < 4; ++y) {
    for (int x = 0; x < 6; ++x) EXPECT_EQ(pixel(out, x, y), pixel(image, x / 2, y / 2));
  }
}

TEST(WritePng, RoundTripsAndLeavesNoTempFile) {
  test::TempFolder dir("write");
  const RgbImage image = test::random_image(13, 11, 8);
  std::string error;
  ASSERT_TRUE(write_png(dir / "out.png", image, &error)) << error;
  ASSERT_TRUE(write_png(dir / "out.png", test::random_image(13, 11, 9), &error))
      << error;  // replaces
  ASSERT_TRUE(write_png(dir / "out.png", image, &error)) << error;
  const auto decoded = decode_image(dir / "out.png", &error);
  ASSERT_TRUE(decoded) << error;
  EXPECT_EQ(decoded->pixels, image.pixels);
  int files = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir.path()))
    ++files;
  EXPECT_EQ(files, 1);
}

TEST(WritePng, MissingFolderIsAnError) {
  test::TempFolder dir("write-missing");
  std::string error;
  EXPECT_FALSE(write_png(dir / "no-such-folder" / "out.png", test::random_image(2, 2, 1), &error));
  EXPECT_NE(error.find("no-such-folder"), std::string::npos) << error;
}

}  // namespace
}  // namespace inrgan
