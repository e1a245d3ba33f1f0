// Real P x P crops of stage-resized images (METHOD §5), as a training batch.
#pragma once

#include <torch/torch.h>

#include <memory>
#include <random>
#include <vector>

#include "core/config/config.h"
#include "core/data/image_folder.h"
#include "core/geometry/view.h"

namespace inrgan {

struct RealBatch {
  torch::Tensor images;                    // [B, 3, P, P] float32 in [-1, 1]
  std::vector<PatchWindow> windows;        // crop window on the r x r square of each image
  std::vector<std::size_t> image_indices;  // which images
};

class PatchSampler {
 public:
  PatchSampler(std::shared_ptr<ResizedImageCache> cache, DataConfig config);
  // B random images, each resized to `resolution`, square-cropped (random or centre), then a
  // patch x patch crop at a uniform integer offset, random flip / dihedral as configured.
  // All randomness comes from `rng`, so that a run resumes exactly.
  RealBatch sample(int batch, int resolution, int patch, std::mt19937_64& rng);

 private:
  std::shared_ptr<ResizedImageCache> cache_;
  DataConfig config_;
};

// RgbImage <-> tensor [3, H, W] in [-1, 1].
torch::Tensor image_to_tensor(const RgbImage& image);
RgbImage tensor_to_image(const torch::Tensor& chw);  // clamps to [-1, 1]

}  // namespace inrgan
