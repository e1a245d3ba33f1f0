// scan_image_folder on a folder "as it is" (junk, hidden files, broken and tiny images), and the
// ResizedImageCache's budget, LRU order and crops.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <thread>

#include "core/data/image_decode.h"
#include "core/data/image_folder.h"
#include "data_test_files.h"

namespace inrgan {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> names(const ImageFolderScan& scan, const fs::path& root) {
  std::vector<std::string> out;
  for (const auto& image : scan.images)
    out.push_back(image.path.lexically_relative(root).generic_string());
  return out;
}

std::string reason_for(const ImageFolderScan& scan, const std::string& filename) {
  for (const auto& s : scan.skipped) {
    if (s.path.filename() == filename) return s.reason;
  }
  return "<not skipped>";
}

// A folder as users have them: two good images among junk.
void fill_messy_folder(const test::TempFolder& dir) {
  test::write_bytes(dir / "b.png", test::rgb_png(test::random_image(16, 12, 1)));
  test::write_bytes(dir / "sub" / "a.PNG", test::rgb_png(test::random_image(10, 10, 2)));
  test::write_bytes(dir / ".hidden.png", test::rgb_png(test::random_image(10, 10, 3)));
  test::write_bytes(dir / ".thumbnails" / "c.png", test::rgb_png(test::random_image(10, 10, 4)));
  test::write_bytes(dir / "__MACOSX" / "._b.png", {0x00, 0x05, 0x16, 0x07});
  test::write_text(dir / "notes.txt", "not an image, not even by name");
  test::write_text(dir / "fake.png", "<!DOCTYPE html><html>404</html>");
  test::write_bytes(dir / "empty.jpg", {});
  test::write_bytes(dir / "tiny.png", test::rgb_png(test::random_image(4, 20, 5)));
  const auto png = test::rgb_png(test::random_image(20, 20, 6));
  test::write_bytes(dir / "cut.png", std::vector<std::uint8_t>(png.begin(), png.begin() + 200));
}

TEST(ScanImageFolder, KeepsGoodImagesAndExplainsSkippedOnes) {
  test::TempFolder dir("scan");
  fill_messy_folder(dir);
  std::vector<std::pair<int, int>> calls;
  const auto scan = scan_image_folder(dir.path(), 8, [&](int done, int total) {
    calls.push_back({done, total});
  });

  EXPECT_EQ(names(scan, dir.path()), (std::vector<std::string>{"b.png", "sub/a.PNG"}));
  EXPECT_EQ(scan.images[0].width, 16);
  EXPECT_EQ(scan.images[0].height, 12);
  ASSERT_EQ(scan.skipped.size(), 4u);  // hidden files, __MACOSX and notes.txt are not even listed
  EXPECT_NE(reason_for(scan, "fake.png").find("starts with text"), std::string::npos);
  EXPECT_EQ(reason_for(scan, "empty.jpg"), "empty file");
  EXPECT_NE(reason_for(scan, "tiny.png").find("too small (4 x 20"), std::string::npos);
  EXPECT_NE(reason_for(scan, "cut.png").find("truncated or corrupt PNG"), std::string::npos);

  ASSERT_FALSE(calls.empty());
  EXPECT_EQ(calls.back(), (std::pair<int, int>{6, 6}));
  EXPECT_TRUE(std::is_sorted(calls.begin(), calls.end()));
  EXPECT_EQ(scan.fingerprint.size(), 16u);
}

TEST(ScanImageFolder, FingerprintFollowsTheUsableFiles) {
  test::TempFolder dir("fingerprint");
  fill_messy_folder(dir);
  const std::string first = scan_image_folder(dir.path()).fingerprint;
  EXPECT_EQ(scan_image_folder(dir.path()).fingerprint, first);
  test::write_text(dir / "more-junk.jpg", "still not an image");  // skipped files do not count
  EXPECT_EQ(scan_image_folder(dir.path()).fingerprint, first);
  test::write_bytes(dir / "b.png", test::rgb_png(test::random_image(16, 14, 1)));
  EXPECT_NE(scan_image_folder(dir.path()).fingerprint, first);
}

TEST(ScanImageFolder, ErrorsNameTheFolder) {
  test::TempFolder dir("scan-errors");
  const auto missing = dir / "nowhere";
  try {
    scan_image_folder(missing);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(missing.string()), std::string::npos) << e.what();
  }
  test::write_bytes(dir / "photo.png", test::rgb_png(test::random_image(9, 9, 1)));
  EXPECT_THROW(scan_image_folder(dir / "photo.png"), std::runtime_error);

  const auto junk = dir / "junk";
  test::write_text(junk / "a.png", "hello");
  test::write_bytes(junk / "b.jpg", {});
  test::write_text(junk / "c.txt", "ignored");
  try {
    scan_image_folder(junk);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("no usable image in " + junk.string()), std::string::npos) << what;
    EXPECT_NE(what.find("all 2 image files were skipped"), std::string::npos) << what;
    EXPECT_NE(what.find("a.png: not an image file"), std::string::npos) << what;
    EXPECT_NE(what.find("b.jpg: empty file"), std::string::npos) << what;
  }
}

// Three 8x8 images: 192 bytes each at resolution 8.
std::shared_ptr<ResizedImageCache> small_cache(const test::TempFolder& dir, std::int64_t budget) {
  for (int i = 0; i < 3; ++i) {
    test::write_bytes(dir / ("img" + std::to_string(i) + ".png"),
                      test::rgb_png(test::random_image(8, 8, 10 + i)));
  }
  return std::make_shared<ResizedImageCache>(scan_image_folder(dir.path()), budget, true);
}

TEST(ResizedImageCache, StaysWithinBudgetAndEvictsLeastRecentlyUsed) {
  test::TempFolder dir("cache");
  auto cache = small_cache(dir, 400);  // room for two
  const auto a = cache->get(0, 8);
  const auto b = cache->get(1, 8);
  EXPECT_EQ(cache->get(0, 8), a);  // hit: same object; now 1 is the least recently used
  EXPECT_EQ(cache->bytes_held(), 384);
  cache->get(2, 8);
  EXPECT_EQ(cache->bytes_held(), 384);
  EXPECT_EQ(cache->get(0, 8), a);  // kept
  EXPECT_NE(cache->get(1, 8), b);  // was evicted, decoded again
  EXPECT_TRUE(test::same_image(*cache->get(1, 8), *b));
  EXPECT_LE(cache->bytes_held(), 400);
}

TEST(ResizedImageCache, KeepsTheNewestItemEvenOverBudget) {
  test::TempFolder dir("cache-tiny");
  auto cache = small_cache(dir, 10);
  cache->get(0, 8);
  const auto b = cache->get(1, 8);
  EXPECT_EQ(cache->bytes_held(), 192);
  EXPECT_EQ(cache->get(1, 8), b);
}

TEST(ResizedImageCache, ConcurrentGetsAgreeAndKeepTheBudget) {
  test::TempFolder dir("cache-threads");
  auto cache = small_cache(dir, 400);
  std::vector<RgbImage> expected;
  for (int i = 0; i < 3; ++i) expected.push_back(*cache->get(i, 8));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < 200; ++k) {
        const int i = (k * 7 + t) % 3;
        if (!test::same_image(*cache->get(i, 8), expected[i])) ++mismatches;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches, 0);
  EXPECT_LE(cache->bytes_held(), 400);
}

TEST(ResizedImageCache, ReturnsSquaresAndCentreCrops) {
  test::TempFolder dir("cache-crop");
  const RgbImage square = test::random_image(16, 16, 20);
  const RgbImage wide = test::random_image(24, 16, 21);
  test::write_bytes(dir / "a_square.png", test::rgb_png(square));
  test::write_bytes(dir / "b_wide.png", test::rgb_png(wide));
  ResizedImageCache centre(scan_image_folder(dir.path()), 1 << 20, true);
  EXPECT_TRUE(test::same_image(*centre.get(0, 8), resize_area(square, 8, 8)));
  // Centre crop of 24 x 16: columns 4..19.
  RgbImage middle{16, 16, {}};
  for (int y = 0; y < 16; ++y) {
    const auto row = wide.pixels.begin() + (y * 24 + 4) * 3;
    middle.pixels.insert(middle.pixels.end(), row, row + 16 * 3);
  }
  EXPECT_TRUE(test::same_image(*centre.get(1, 8), resize_area(middle, 8, 8)));

  ResizedImageCache random(scan_image_folder(dir.path()), 1 << 20, false);
  const auto kept_aspect = random.get(1, 8);  // the sampler picks the square
  EXPECT_EQ(kept_aspect->width, 12);
  EXPECT_EQ(kept_aspect->height, 8);
}

TEST(ResizedImageCache, VanishedFileIsAClearError) {
  test::TempFolder dir("cache-vanished");
  auto cache = small_cache(dir, 1 << 20);
  fs::remove(dir / "img1.png");
  try {
    cache->get(1, 8);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("img1.png"), std::string::npos) << e.what();
  }
  EXPECT_NO_THROW(cache->get(0, 8));
}

}  // namespace
}  // namespace inrgan
