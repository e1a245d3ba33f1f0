#include <gtest/gtest.h>
#include <torch/torch.h>

#include "core/geometry/coords.h"
#include "core/geometry/view.h"

using namespace inrgan;
namespace F = torch::nn::functional;

// METHOD §2: with pixel centres, 2x2 average pooling of the 2r grid gives the r grid.
TEST(Geometry, PixelCentreGridsNestAcrossResolutions) {
  for (int r : {4, 16, 32}) {
    auto fine = view_coords(View{}, 2 * r, 2 * r, torch::kFloat64);  // [4r^2, 2]
    auto coarse = view_coords(View{}, r, r, torch::kFloat64);
    auto fine_img = pixels_to_image(fine.unsqueeze(0), 2 * r, 2 * r);  // [1, 2, 2r, 2r]
    auto pooled = image_to_pixels(F::avg_pool2d(fine_img, F::AvgPool2dFuncOptions(2)))[0];
    EXPECT_TRUE(torch::allclose(pooled, coarse, 0, 1e-12)) << "r = " << r;
  }
}

TEST(Geometry, NonSquareViewsNestToo) {
  const View view{-1.5, -0.25, 2.0, 0.75};
  auto fine = view_coords(view, 24, 8, torch::kFloat64);
  auto coarse = view_coords(view, 12, 4, torch::kFloat64);
  auto pooled = image_to_pixels(
      F::avg_pool2d(pixels_to_image(fine.unsqueeze(0), 8, 24), F::AvgPool2dFuncOptions(2)))[0];
  EXPECT_TRUE(torch::allclose(pooled, coarse, 0, 1e-12));
}

TEST(Geometry, PixelCentresFollowTheFormula) {
  const View view{-1, -1, 1, 1};
  auto c = view_coords(view, 4, 2, torch::kFloat64);
  ASSERT_EQ(c.size(0), 8);
  // pixel (i=1, j=0): x = -1 + 1.5 * 0.5 = -0.25, y = -1 + 0.5 * 1 = -0.5; index j*W+i = 1
  EXPECT_DOUBLE_EQ(c[1][0].item<double>(), -0.25);
  EXPECT_DOUBLE_EQ(c[1][1].item<double>(), -0.5);
  // pixel (i=3, j=1): x = 0.75, y = 0.5; index 7
  EXPECT_DOUBLE_EQ(c[7][0].item<double>(), 0.75);
  EXPECT_DOUBLE_EQ(c[7][1].item<double>(), 0.5);
}

// METHOD §5: the window (u, v) of the r grid is exactly those pixels of the full r x r render.
TEST(Geometry, WindowCoversExactlyItsPixelsOfTheFullGrid) {
  const int r = 64, p = 16;
  auto full = view_coords(View{}, r, r, torch::kFloat64).view({r, r, 2});
  for (auto [u, v] : {std::pair{0, 0}, std::pair{48, 48}, std::pair{5, 37}}) {
    PatchWindow w{u, v, p, r};
    auto coords = window_coords({w}, torch::kFloat64)[0].view({p, p, 2});
    auto expected = full.slice(0, v, v + p).slice(1, u, u + p);
    EXPECT_TRUE(torch::allclose(coords, expected, 0, 1e-12)) << u << "," << v;
    const View view = window_view(w);
    EXPECT_DOUBLE_EQ(view.x0, -1.0 + 2.0 * u / r);
    EXPECT_DOUBLE_EQ(view.y1, -1.0 + 2.0 * (v + p) / r);
  }
}

// The teacher renders the same window at half resolution: its pixels are the 2x2 block centres.
TEST(Geometry, TeacherWindowIsTheCoarseGridOfTheSameRegion) {
  const int r = 64, p = 16;
  PatchWindow w{7, 22, p, r};  // odd offset: not a window of the r/2 grid, still nests
  auto student = view_coords(window_view(w), p, p, torch::kFloat64);
  auto teacher = view_coords(window_view(w), p / 2, p / 2, torch::kFloat64);
  auto pooled = image_to_pixels(F::avg_pool2d(pixels_to_image(student.unsqueeze(0), p, p),
                                              F::AvgPool2dFuncOptions(2)))[0];
  EXPECT_TRUE(torch::allclose(pooled, teacher, 0, 1e-12));
}

TEST(Geometry, ParseViewAcceptsFourNumbersAndRejectsTheRest) {
  EXPECT_EQ(parse_view("-2,-1.5,2,1.5"), (View{-2, -1.5, 2, 1.5}));
  EXPECT_THROW(parse_view("1,2,3"), std::invalid_argument);
  EXPECT_THROW(parse_view("0,0,1,x"), std::invalid_argument);
  EXPECT_THROW(parse_view("1,0,0,1"), std::invalid_argument);  // x1 < x0
  EXPECT_THROW(parse_view("0,0,1,1,2"), std::invalid_argument);
}

// The message of parse_pixel_size for `text`, or "" when it parses.
static std::string pixel_size_error(const std::string& text) {
  try {
    parse_pixel_size(text, "--size", 65536);
    return {};
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
}

TEST(Geometry, ParsePixelSizeReadsWidthByHeightAndSaysWhatIsWrong) {
  const auto wide = parse_pixel_size("4096x1024", "--size", 65536);
  EXPECT_EQ(wide.width, 4096);
  EXPECT_EQ(wide.height, 1024);
  EXPECT_EQ(parse_pixel_size("7X65536", "--size", 65536).height, 65536);
  // Syntax: the option and the text are named, with the expected form.
  EXPECT_EQ(pixel_size_error("abc"), "--size \"abc\" must be WIDTHxHEIGHT, e.g. 4096x1024");
  EXPECT_NE(pixel_size_error("64x64x3").find("WIDTHxHEIGHT"), std::string::npos);
  EXPECT_NE(pixel_size_error("64*64").find("WIDTHxHEIGHT"), std::string::npos);
  // Range: a zero, negative or too large side says which range holds (not "bad syntax").
  EXPECT_EQ(pixel_size_error("0x10"), "--size \"0x10\": each side must be 1..65536 pixels");
  EXPECT_NE(pixel_size_error("-5x10").find("1..65536"), std::string::npos);
  EXPECT_NE(pixel_size_error("65537x1").find("1..65536"), std::string::npos);
  EXPECT_NE(pixel_size_error("99999999999x1").find("1..65536"), std::string::npos);  // no int overflow
}
