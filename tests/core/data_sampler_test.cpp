// PatchSampler: windows, pixel-exact crops of the stage-resized image, reproducibility, flips.
#include <gtest/gtest.h>

#include <set>

#include "core/data/image_decode.h"
#include "core/data/patch_sampler.h"
#include "data_test_files.h"

namespace inrgan {
namespace {

// Noise images, so that a crop at the wrong place or a mirrored crop cannot match by accident.
std::shared_ptr<ResizedImageCache> noise_cache(const test::TempFolder& dir, bool center_crop,
                                               int width = 48, int height = 48) {
  for (int i = 0; i < 4; ++i) {
    test::write_bytes(dir / ("n" + std::to_string(i) + ".png"),
                      test::rgb_png(test::random_image(width, height, 100 + i)));
  }
  return std::make_shared<ResizedImageCache>(scan_image_folder(dir.path()), 1 << 24, center_crop);
}

DataConfig plain() {
  DataConfig config;
  config.flip = false;
  config.dihedral = false;
  config.crop = "center";
  return config;
}

// Bytes [P, P, 3] of a batch item, back from [-1, 1].
torch::Tensor item_bytes(const RealBatch& batch, int b) {
  return ((batch.images[b] + 1.0) * 127.5)
      .round()
      .to(torch::kUInt8)
      .permute({1, 2, 0})
      .contiguous();
}

torch::Tensor crop_bytes(const RgbImage& image, int x, int y, int size) {
  const torch::Tensor hwc = torch::from_blob(const_cast<std::uint8_t*>(image.pixels.data()),
                                             {image.height, image.width, 3}, torch::kUInt8);
  return hwc.slice(0, y, y + size).slice(1, x, x + size).contiguous();
}

TEST(PatchSampler, PatchesAreExactCropsInsideTheGrid) {
  test::TempFolder dir("sampler");
  auto cache = noise_cache(dir, true);
  PatchSampler sampler(cache, plain());
  std::mt19937_64 rng(7);
  const int r = 32, p = 8;
  const RealBatch batch = sampler.sample(16, r, p, rng);
  ASSERT_EQ(batch.images.sizes(), (std::vector<std::int64_t>{16, 3, p, p}));
  EXPECT_GE(batch.images.min().item<float>(), -1.0f);
  EXPECT_LE(batch.images.max().item<float>(), 1.0f);
  for (int b = 0; b < 16; ++b) {
    const PatchWindow& w = batch.windows[b];
    EXPECT_EQ(w.size, p);
    EXPECT_EQ(w.grid, r);
    EXPECT_GE(w.u, 0);
    EXPECT_GE(w.v, 0);
    EXPECT_LE(w.u, r - p);
    EXPECT_LE(w.v, r - p);
    const auto image = cache->get(batch.image_indices[b], r);
    EXPECT_TRUE(torch::equal(item_bytes(batch, b), crop_bytes(*image, w.u, w.v, p)))
        << "item " << b;
  }
}

TEST(PatchSampler, SameSeedGivesTheSameBatch) {
  test::TempFolder dir("sampler-seed");
  DataConfig config = plain();
  config.flip = true;
  config.dihedral = true;
  PatchSampler sampler(noise_cache(dir, false, 60, 40), config);
  std::mt19937_64 rng_a(42), rng_b(42), rng_c(43);
  const RealBatch a = sampler.sample(8, 32, 16, rng_a);
  const RealBatch b = sampler.sample(8, 32, 16, rng_b);
  const RealBatch c = sampler.sample(8, 32, 16, rng_c);
  EXPECT_TRUE(torch::equal(a.images, b.images));
  EXPECT_EQ(a.windows, b.windows);
  EXPECT_EQ(a.image_indices, b.image_indices);
  EXPECT_FALSE(torch::equal(a.images, c.images));
}

TEST(PatchSampler, FlipFlagFlipsSomePatches) {
  test::TempFolder dir("sampler-flip");
  auto cache = noise_cache(dir, true);
  DataConfig config = plain();
  config.flip = true;
  PatchSampler sampler(cache, config);
  std::mt19937_64 rng(3);
  const RealBatch batch = sampler.sample(32, 32, 8, rng);
  int straight = 0, mirrored = 0;
  for (int b = 0; b < 32; ++b) {
    const PatchWindow& w = batch.windows[b];
    const auto crop = crop_bytes(*cache->get(batch.image_indices[b], 32), w.u, w.v, 8);
    const auto got = item_bytes(batch, b);
    if (torch::equal(got, crop))
      ++straight;
    else if (torch::equal(got, crop.flip({1})))
      ++mirrored;  // columns reversed
    else
      ADD_FAILURE() << "item " << b << " is neither the crop nor its mirror image";
  }
  EXPECT_GT(straight, 0);
  EXPECT_GT(mirrored, 0);
}

TEST(PatchSampler, DihedralUsesAllEightSymmetries) {
  test::TempFolder dir("sampler-dihedral");
  auto cache = noise_cache(dir, true);
  DataConfig config = plain();
  config.dihedral = true;
  PatchSampler sampler(cache, config);
  std::mt19937_64 rng(5);
  const RealBatch batch = sampler.sample(64, 16, 8, rng);
  std::set<int> seen;
  for (int b = 0; b < 64; ++b) {
    const PatchWindow& w = batch.windows[b];
    const auto crop = crop_bytes(*cache->get(batch.image_indices[b], 16), w.u, w.v, 8);
    const auto got = item_bytes(batch, b);
    int found = -1;
    for (int t = 0; t < 8 && found < 0; ++t) {
      torch::Tensor candidate = (t & 4) ? crop.transpose(0, 1) : crop;
      if (t & 1) candidate = candidate.flip({1});
      if (t & 2) candidate = candidate.flip({0});
      if (torch::equal(got, candidate)) found = t;
    }
    ASSERT_GE(found, 0) << "item " << b << " is no rotation or mirror image of its crop";
    seen.insert(found);
  }
  EXPECT_EQ(seen.size(), 8u);
}

TEST(PatchSampler, WholeImageWhenPatchEqualsResolution) {
  test::TempFolder dir("sampler-whole");
  auto cache = noise_cache(dir, true);
  PatchSampler sampler(cache, plain());
  std::mt19937_64 rng(9);
  const RealBatch batch = sampler.sample(4, 16, 16, rng);
  for (int b = 0; b < 4; ++b) {
    EXPECT_EQ(batch.windows[b], (PatchWindow{0, 0, 16, 16}));
    const auto image = cache->get(batch.image_indices[b], 16);
    EXPECT_TRUE(torch::equal(batch.images[b], image_to_tensor(*image)));
  }
}

TEST(PatchSampler, RandomCropStaysInsideWideImages) {
  test::TempFolder dir("sampler-wide");
  auto cache = noise_cache(dir, false, 72, 24);  // at r = 16: 48 x 16, square offset in [0, 32]
  PatchSampler sampler(cache, plain());
  std::mt19937_64 rng(11);
  const RealBatch batch = sampler.sample(16, 16, 8, rng);
  for (int b = 0; b < 16; ++b) {
    const PatchWindow& w = batch.windows[b];
    const auto image = cache->get(batch.image_indices[b], 16);
    ASSERT_EQ(image->width, 48);
    bool found = false;
    for (int x0 = 0; x0 <= 32 && !found; ++x0) {
      found = torch::equal(item_bytes(batch, b), crop_bytes(*image, x0 + w.u, w.v, 8));
    }
    EXPECT_TRUE(found) << "item " << b;
  }
}

TEST(PatchSampler, RejectsPatchLargerThanResolution) {
  test::TempFolder dir("sampler-bad");
  PatchSampler sampler(noise_cache(dir, true), plain());
  std::mt19937_64 rng(1);
  EXPECT_THROW(sampler.sample(2, 16, 32, rng), std::invalid_argument);
}

TEST(ImageTensor, RoundTripIsExactAndClamps) {
  const RgbImage image = test::random_image(5, 3, 12);
  const torch::Tensor t = image_to_tensor(image);
  ASSERT_EQ(t.sizes(), (std::vector<std::int64_t>{3, 3, 5}));
  EXPECT_NEAR(t[0][0][0].item<float>(), image.pixels[0] / 127.5 - 1.0, 1e-6);
  EXPECT_TRUE(test::same_image(tensor_to_image(t), image));
  const RgbImage clamped = tensor_to_image(torch::full({3, 1, 2}, 7.0f));
  EXPECT_EQ(clamped.pixels, (std::vector<std::uint8_t>(6, 255)));
  EXPECT_THROW(tensor_to_image(torch::zeros({4, 2, 2})), std::invalid_argument);
}

}  // namespace
}  // namespace inrgan
