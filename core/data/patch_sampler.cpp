#include "core/data/patch_sampler.h"

#include <cstring>
#include <stdexcept>
#include <string>

namespace inrgan {
namespace {

// One of the 8 symmetries of the square, as three bits: 1 mirrors x, 2 mirrors y, 4 swaps the axes
// (applied first). Horizontal flip alone is transform 1.
struct Dihedral {
  int bits = 0;
  // The source pixel, inside the patch, that output pixel (x, y) shows.
  void source(int x, int y, int patch, int& sx, int& sy) const {
    if (bits & 4) std::swap(x, y);
    sx = (bits & 1) ? patch - 1 - x : x;
    sy = (bits & 2) ? patch - 1 - y : y;
  }
};

// Copies the patch x patch square at (left, top) of `image`, transformed, into `dst` (HWC bytes).
void copy_patch(const RgbImage& image, int left, int top, int patch, Dihedral transform,
                std::uint8_t* dst) {
  for (int y = 0; y < patch; ++y) {
    for (int x = 0; x < patch; ++x) {
      int sx = 0, sy = 0;
      transform.source(x, y, patch, sx, sy);
      const std::uint8_t* src =
          image.pixels.data() + (static_cast<std::size_t>(top + sy) * image.width + left + sx) * 3;
      std::memcpy(dst + (static_cast<std::size_t>(y) * patch + x) * 3, src, 3);
    }
  }
}

int uniform(std::mt19937_64& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

}  // namespace

PatchSampler::PatchSampler(std::shared_ptr<ResizedImageCache> cache, DataConfig config)
    : cache_(std::move(cache)), config_(std::move(config)) {
  if (!cache_ || cache_->size() == 0)
    throw std::invalid_argument("PatchSampler needs a non-empty image cache");
}

RealBatch PatchSampler::sample(int batch, int resolution, int patch, std::mt19937_64& rng) {
  if (batch <= 0 || patch <= 0 || patch > resolution) {
    throw std::invalid_argument("PatchSampler::sample: batch " + std::to_string(batch) +
                                ", patch " + std::to_string(patch) + ", resolution " +
                                std::to_string(resolution) +
                                " (need batch > 0 and 0 < patch <= resolution)");
  }
  RealBatch out;
  out.windows.reserve(batch);
  out.image_indices.reserve(batch);
  torch::Tensor bytes = torch::empty({batch, patch, patch, 3}, torch::kUInt8);
  std::uint8_t* dst = bytes.data_ptr<std::uint8_t>();
  const std::size_t patch_bytes = static_cast<std::size_t>(patch) * patch * 3;

  // The order of draws from rng is part of the reproducibility contract: image, square offset,
  // window (u, v), transform.
  for (int b = 0; b < batch; ++b) {
    const auto index =
        static_cast<std::size_t>(uniform(rng, 0, static_cast<int>(cache_->size()) - 1));
    const auto image = cache_->get(index, resolution);
    // The cache gives r x r (centre crop) or short side r (random crop): pick the square here.
    int square_x = 0, square_y = 0;
    if (image->width > resolution) square_x = uniform(rng, 0, image->width - resolution);
    if (image->height > resolution) square_y = uniform(rng, 0, image->height - resolution);
    const int u = uniform(rng, 0, resolution - patch);
    const int v = uniform(rng, 0, resolution - patch);
    Dihedral transform;
    if (config_.dihedral) {
      transform.bits = uniform(rng, 0, 7);  // includes the mirror images, so no separate flip draw
    } else if (config_.flip) {
      transform.bits = uniform(rng, 0, 1);
    }
    copy_patch(*image, square_x + u, square_y + v, patch, transform, dst + b * patch_bytes);
    out.windows.push_back({u, v, patch, resolution});
    out.image_indices.push_back(index);
  }
  out.images = bytes.permute({0, 3, 1, 2}).to(torch::kFloat32).div_(127.5).sub_(1.0).contiguous();
  return out;
}

torch::Tensor image_to_tensor(const RgbImage& image) {
  if (image.empty()) throw std::invalid_argument("image_to_tensor: empty image");
  // from_blob does not copy; the conversion to float below does, before `image` can go away.
  const torch::Tensor hwc = torch::from_blob(const_cast<std::uint8_t*>(image.pixels.data()),
                                             {image.height, image.width, 3}, torch::kUInt8);
  return hwc.permute({2, 0, 1}).to(torch::kFloat32).div_(127.5).sub_(1.0).contiguous();
}

RgbImage tensor_to_image(const torch::Tensor& chw) {
  torch::Tensor t = chw.detach().to(torch::kCPU, torch::kFloat32);
  if (t.dim() == 4 && t.size(0) == 1) t = t.squeeze(0);
  if (t.dim() != 3 || (t.size(0) != 3 && t.size(0) != 1)) {
    throw std::invalid_argument("tensor_to_image: expected [3, H, W] (or [1, H, W]), got " +
                                std::to_string(t.dim()) + " dimensions");
  }
  // NaN would turn into an arbitrary byte; show it as mid grey (0) instead.
  t = ((t.nan_to_num(0.0).clamp(-1.0, 1.0) + 1.0) * 127.5).round().to(torch::kUInt8);
  if (t.size(0) == 1) t = t.expand({3, t.size(1), t.size(2)});
  t = t.permute({1, 2, 0}).contiguous();
  RgbImage image;
  image.height = static_cast<int>(t.size(0));
  image.width = static_cast<int>(t.size(1));
  image.pixels.assign(t.data_ptr<std::uint8_t>(), t.data_ptr<std::uint8_t>() + t.numel());
  return image;
}

}  // namespace inrgan
