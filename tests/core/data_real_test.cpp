// The real deep-sky photos (scripts/fetch_data.sh puts them in data/deep-sky): the whole folder
// scans, and real patches come out of it. Skipped when the data has not been fetched.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "core/build_info.h"
#include "core/data/patch_sampler.h"
#include "core/util/runtime.h"

namespace inrgan {
namespace {

const std::filesystem::path kDataDir = INRGAN_DEFAULT_DATA_DIR;

TEST(RealDeepSky, FolderScansWithAtLeast500Images) {
  if (!std::filesystem::is_directory(kDataDir)) {
    FAIL() << kDataDir << " is missing; run scripts/fetch_data.sh to fetch the photos";
  }
  const auto start = std::chrono::steady_clock::now();
  const ImageFolderScan scan = scan_image_folder(kDataDir);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("scanned %zu images (%zu skipped) in %.2f s, peak RSS %.0f MB\n", scan.images.size(),
              scan.skipped.size(), seconds, peak_rss_bytes() / 1e6);
  for (const auto& s : scan.skipped)
    std::printf("  skipped %s: %s\n", s.path.c_str(), s.reason.c_str());
  EXPECT_GE(scan.images.size(), 500u);
  for (const auto& image : scan.images) {
    EXPECT_GE(std::min(image.width, image.height), 64) << image.path;
  }

  // A stage-1 batch (64 px images, 32 px patches) from the real photos.
  auto cache = std::make_shared<ResizedImageCache>(scan, 64 << 20, false);
  PatchSampler sampler(cache, DataConfig{});
  std::mt19937_64 rng(1);
  const auto batch_start = std::chrono::steady_clock::now();
  const RealBatch batch = sampler.sample(8, 64, 32, rng);
  std::printf(
      "first batch of 8 (decode + resize to 64) in %.3f s\n",
      std::chrono::duration<double>(std::chrono::steady_clock::now() - batch_start).count());
  EXPECT_EQ(batch.images.sizes(), (std::vector<std::int64_t>{8, 3, 32, 32}));
  EXPECT_LE(cache->bytes_held(), 64 << 20);
}

}  // namespace
}  // namespace inrgan
