// Export: tiles stream into the PNG (bounded memory), the pixels equal direct renders, strips,
// cancellation, and bad requests rejected before work starts.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <string>

#include "core/data/image_decode.h"
#include "core/data/png_stream_writer.h"
#include "core/render/export_png.h"
#include "core/render/render_image.h"
#include "core/util/runtime.h"
#include "render_support.h"
#include "test_images.h"

namespace inrgan {
namespace {

using test_support::fresh_temp_dir;
using test_support::random_source;

// Resets the kernel's peak-RSS mark of this process (Linux >= 4.0), so that peak_rss_bytes()
// afterwards measures only what follows.
bool reset_peak_rss() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  return static_cast<bool>(clear);
}

RgbImage crop(const RgbImage& image, int x, int y, int w, int h) {
  RgbImage out{w, h, {}};
  for (int row = 0; row < h; ++row) {
    const auto* start = &image.pixels[((static_cast<std::size_t>(y) + row) * image.width + x) * 3];
    out.pixels.insert(out.pixels.end(), start, start + static_cast<std::size_t>(w) * 3);
  }
  return out;
}

// The view covering pixels [x, x + w) x [y, y + h) of a width x height render of `view`.
View crop_view(const View& view, int width, int height, int x, int y, int w, int h) {
  const double sx = view.width() / width, sy = view.height() / height;
  return {view.x0 + x * sx, view.y0 + y * sy, view.x0 + (x + w) * sx, view.y0 + (y + h) * sy};
}

// A crop's own render is a different request: its pixels fall into other GEMM chunks and its view
// corners are computed anew, so the floats differ in the last bits (measured: up to 2.4e-6, on
// about half of the values, with OpenBLAS's AVX2 kernels) and a value that lies within that of a
// rounding boundary may land one level away. Anything misplaced (a pixel off, a wrong view)
// differs by far more on this structured image.
void expect_equal_up_to_rounding(const RgbImage& a, const RgbImage& b, const std::string& what) {
  ASSERT_EQ(a.pixels.size(), b.pixels.size()) << what;
  int worst = 0;
  std::size_t differing = 0;
  for (std::size_t i = 0; i < a.pixels.size(); ++i) {
    const int d = std::abs(int{a.pixels[i]} - int{b.pixels[i]});
    worst = std::max(worst, d);
    differing += d != 0;
  }
  EXPECT_LE(worst, 1) << what;
  EXPECT_LE(differing, a.pixels.size() / 1000) << what << ": " << differing << " values differ";
}

// Crops at a few places (corners, middle, across band borders) of an exported PNG equal direct
// renders of their views.
void expect_crops_equal_direct_renders(const ExportSpec& spec, const GeneratorSourcePtr& source) {
  std::string error;
  const auto written = decode_image(spec.out, &error);
  ASSERT_TRUE(written) << error;
  ASSERT_EQ(written->width, spec.width);
  ASSERT_EQ(written->height, spec.height);
  const int w = spec.width, h = spec.height;
  const int crops[][4] = {{0, 0, 64, 48}, {w / 2 + 3, h / 3, 150, 100}, {w - 97, h - 33, 97, 33}};
  for (const auto& c : crops) {
    const auto direct = render_image(source, spec.frames[0], spec.psi,
                                     crop_view(spec.view, w, h, c[0], c[1], c[2], c[3]), c[2], c[3]);
    expect_equal_up_to_rounding(crop(*written, c[0], c[1], c[2], c[3]), direct,
                                "crop at " + std::to_string(c[0]) + "," + std::to_string(c[1]));
  }
}

TEST(Export, LargeNonSquareExportStreamsWithBoundedMemory) {
  const auto dir = fresh_temp_dir("export-large");
  const auto source = random_source("tiny");  // a small network: the test is about the image
  ExportSpec spec;
  spec.source.generator = source;
  spec.frames = {Latent{4}};
  spec.psi = 0.9;
  spec.view = {-2.0, -1.0, 2.0, 1.0};  // outpainting on both sides
  spec.width = 8192;
  spec.height = 4096;
  spec.out = dir / "wide.png";
  // Warm up the allocator and BLAS buffers with a small export, so that what is measured next is
  // the export's own working set.
  ExportSpec warm = spec;
  warm.width = 256, warm.height = 128, warm.out = dir / "warm.png";
  ASSERT_TRUE(export_png(warm).ok);

  ASSERT_TRUE(reset_peak_rss()) << "cannot reset the peak RSS mark (/proc/self/clear_refs)";
  const long long before = current_rss_bytes();
  std::int64_t bands = 0;
  const auto outcome = export_png(spec, [&](const ExportProgress& p) {
    ++bands;
    EXPECT_EQ(p.rows_total, 4096);
  });
  const long long growth = peak_rss_bytes() - before;
  ASSERT_TRUE(outcome.ok) << outcome.error;
  EXPECT_GT(bands, 100);  // it went band by band
  // Holding the image would take 384 MiB as floats, 96 MiB as bytes; streaming holds one band
  // and one tile of activations (generous bound: 64 MiB).
  std::printf("export 8192x4096 (tiny network): %.2f s, %.2f MP/s, peak RSS growth %.1f MiB\n",
              outcome.seconds, outcome.megapixels_per_second, growth / 1048576.0);
  EXPECT_LT(growth, 64LL << 20) << "peak RSS grew by " << growth / 1048576 << " MiB";
  expect_crops_equal_direct_renders(spec, source);
}

TEST(Export, PixelsEqualDirectRendersOfCrops) {
  const auto dir = fresh_temp_dir("export-crops");
  const auto source = random_source();
  ExportSpec spec;
  spec.source.generator = source;
  spec.frames = {Latent{9}};
  spec.psi = 0.7;
  spec.view = {-1.25, -0.5, 1.75, 0.25};
  spec.width = 1200;
  spec.height = 300;
  spec.out = dir / "crops.png";
  const auto outcome = export_png(spec);
  ASSERT_TRUE(outcome.ok) << outcome.error;
  expect_crops_equal_direct_renders(spec, source);
  // The same request rendered in one piece gives the same bytes as the bands (not just close):
  // bands cut tiles mid-row, and a pixel's value must not depend on that.
  std::string error;
  const auto written = decode_image(spec.out, &error);
  ASSERT_TRUE(written) << error;
  EXPECT_EQ(written->pixels,
            render_image(source, spec.frames[0], spec.psi, spec.view, spec.width, spec.height).pixels);
  // Nothing but the PNG is left in the folder.
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) files.push_back(entry.path());
  EXPECT_EQ(files, (std::vector<std::filesystem::path>{spec.out}));
}

TEST(Export, InterpolationStripPlacesFramesSideBySide) {
  const auto dir = fresh_temp_dir("export-strip");
  const auto source = random_source();
  ExportSpec spec;
  spec.source.generator = source;
  spec.frames = interpolation_frames(1, 2, 3);
  spec.view = View::training_domain();
  spec.width = 40;
  spec.height = 30;
  spec.out = dir / "strip.png";
  const auto outcome = export_png(spec);
  ASSERT_TRUE(outcome.ok) << outcome.error;
  std::string error;
  const auto strip = decode_image(spec.out, &error);
  ASSERT_TRUE(strip) << error;
  ASSERT_EQ(strip->width, 120);
  ASSERT_EQ(strip->height, 30);
  for (int f = 0; f < 3; ++f) {
    const auto direct = render_image(source, spec.frames[f], 1.0, spec.view, 40, 30);
    EXPECT_EQ(crop(*strip, 40 * f, 0, 40, 30).pixels, direct.pixels) << "frame " << f;
  }
  EXPECT_EQ(crop(*strip, 0, 0, 40, 30).pixels,
            render_image(source, {1}, 1.0, spec.view, 40, 30).pixels);
  EXPECT_EQ(crop(*strip, 80, 0, 40, 30).pixels,
            render_image(source, {2}, 1.0, spec.view, 40, 30).pixels);
}

TEST(Export, CancelLeavesNoFile) {
  const auto dir = fresh_temp_dir("export-cancel");
  ExportSpec spec;
  spec.source.generator = random_source("tiny");
  spec.width = 2048;
  spec.height = 2048;
  spec.out = dir / "cancelled.png";
  std::atomic<bool> cancel{false};
  std::int64_t last_rows = 0;
  const auto outcome = export_png(
      spec,
      [&](const ExportProgress& p) {
        last_rows = p.rows_done;
        cancel = true;
      },
      &cancel);
  EXPECT_FALSE(outcome.ok);
  EXPECT_TRUE(outcome.cancelled);
  EXPECT_LT(last_rows, 2048);
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(Export, BadRequestsAreRejectedBeforeWork) {
  const auto dir = fresh_temp_dir("export-bad");
  ExportSpec good;
  good.source.generator = random_source("tiny");
  good.width = good.height = 16;
  good.out = dir / "ok.png";
  EXPECT_EQ(validate_export(good), "");
  auto message = [&](auto change) {
    ExportSpec spec = good;
    change(spec);
    const auto outcome = export_png(spec);
    EXPECT_FALSE(outcome.ok);
    EXPECT_EQ(outcome.error, validate_export(spec));
    return outcome.error;
  };
  EXPECT_NE(message([](ExportSpec& s) { s.width = 0; }).find("0x16"), std::string::npos);
  EXPECT_NE(message([](ExportSpec& s) { s.height = kMaxExportSide + 1; }).find("65536"),
            std::string::npos);
  EXPECT_NE(message([&](ExportSpec& s) { s.out = dir / "a.jpg"; }).find("a.jpg"), std::string::npos);
  EXPECT_NE(message([&](ExportSpec& s) { s.out = dir / "missing" / "a.png"; }).find("does not exist"),
            std::string::npos);
  EXPECT_NE(message([](ExportSpec& s) { s.view = {1, 0, -1, 1}; }).find("x0 < x1"), std::string::npos);
  EXPECT_NE(message([](ExportSpec& s) { s.source = {}; }).find("no generator"), std::string::npos);
  EXPECT_NE(message([](ExportSpec& s) { s.source = {"/nonexistent/ckpt.pt", nullptr}; })
                .find("/nonexistent/ckpt.pt"),
            std::string::npos);
  EXPECT_TRUE(std::filesystem::is_empty(dir));
}

TEST(Export, SeedListsAndNames) {
  EXPECT_EQ(parse_seed_list("7"), (std::vector<std::uint64_t>{7}));
  EXPECT_EQ(parse_seed_list("0-3"), (std::vector<std::uint64_t>{0, 1, 2, 3}));
  EXPECT_EQ(parse_seed_list("3, 5,8-9"), (std::vector<std::uint64_t>{3, 5, 8, 9}));
  EXPECT_THROW(parse_seed_list("5-2"), std::invalid_argument);
  EXPECT_THROW(parse_seed_list("a"), std::invalid_argument);
  EXPECT_THROW(parse_seed_list("1,,2"), std::invalid_argument);
  try {
    parse_seed_list("2,-3");
    ADD_FAILURE() << "a negative seed was accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_STREQ(e.what(), "seed list \"2,-3\": \"-3\" is negative (seeds are whole numbers >= 0)");
  }
  EXPECT_THROW(parse_seed_list("0-9999999"), std::invalid_argument);
  EXPECT_EQ(output_for_seed("out/img-{seed}.png", 12), std::filesystem::path("out/img-12.png"));
  EXPECT_EQ(output_for_seed("out/img.png", 12), std::filesystem::path("out/img-seed12.png"));
  const auto frames = interpolation_frames(4, 9, 5);
  ASSERT_EQ(frames.size(), 5u);
  EXPECT_EQ(frames.front().mix, 0.0);
  EXPECT_EQ(frames[2].mix, 0.5);
  EXPECT_EQ(frames.back().mix, 1.0);
  EXPECT_THROW(interpolation_frames(1, 2, 1), std::invalid_argument);
}

TEST(Export, PngWriterLeavesNothingWhenAbandonedAndRejectsShortImages) {
  const auto dir = fresh_temp_dir("png-writer");
  const std::vector<std::uint8_t> row(10 * 3, 200);
  {
    PngStreamWriter writer(dir / "a.png", 10, 4);
    writer.write_rows(row.data(), 1);
  }  // abandoned
  EXPECT_TRUE(std::filesystem::is_empty(dir));
  {
    PngStreamWriter writer(dir / "b.png", 10, 4);
    writer.write_rows(row.data(), 3);
    EXPECT_THROW(writer.finish(), std::runtime_error);
  }
  EXPECT_TRUE(std::filesystem::is_empty(dir));
  EXPECT_THROW(PngStreamWriter(dir / "missing" / "c.png", 10, 4), std::runtime_error);
  PngStreamWriter writer(dir / "d.png", 10, 4);
  for (int i = 0; i < 4; ++i) writer.write_rows(row.data(), 1);
  writer.finish();
  std::string error;
  const auto image = decode_image(dir / "d.png", &error);
  ASSERT_TRUE(image) << error;
  EXPECT_EQ(image->pixels, std::vector<std::uint8_t>(10 * 4 * 3, 200));
}

}  // namespace
}  // namespace inrgan
