// Coordinate tensors for views and patch windows (METHOD §2). Pixel (i, j) samples its centre.
#pragma once

#include <torch/torch.h>

#include <vector>

#include "core/geometry/view.h"

namespace inrgan {

// [H * W, 2] coordinates (x, y) of the pixel centres of a W x H render of `view`, row-major
// (index = j * W + i).
torch::Tensor view_coords(const View& view, int width, int height,
                          const torch::TensorOptions& options = torch::kFloat32);

// [B, P * P, 2]: one P x P window of the r x r grid per entry.
torch::Tensor window_coords(const std::vector<PatchWindow>& windows,
                            const torch::TensorOptions& options = torch::kFloat32);

// [B, N, C] pixels (row-major, H x W) -> [B, C, H, W] image layout, and back.
torch::Tensor pixels_to_image(const torch::Tensor& pixels, int height, int width);
torch::Tensor image_to_pixels(const torch::Tensor& image);

}  // namespace inrgan
