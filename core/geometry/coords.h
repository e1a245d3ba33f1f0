// Coordinate tensors for views and patch windows (METHOD §2). Pixel (i, j) samples its centre.
#pragma once

#include <torch/torch.h>

#include <cstdint>
#include <vector>

#include "core/geometry/view.h"

namespace inrgan {

// [H * W, 2] coordinates (x, y) of the pixel centres of a W x H render of `view`, row-major
// (index = j * W + i).
torch::Tensor view_coords(const View& view, int width, int height,
                          const torch::TensorOptions& options = torch::kFloat32);

// [last - first, 2]: the rows first..last-1 of view_coords(view, width, height), made without the
// rest. Indices past the last pixel continue the grid below the view (padding for whole GEMM
// chunks). Every path (whole view, tile, export band) computes a pixel's coordinate with this one
// formula, in double, then casts: the same pixel gets the same bits whichever piece holds it.
torch::Tensor pixel_range_coords(const View& view, int width, int height, std::int64_t first,
                                 std::int64_t last,
                                 const torch::TensorOptions& options = torch::kFloat32);

// [B, P * P, 2]: one P x P window of the r x r grid per entry.
torch::Tensor window_coords(const std::vector<PatchWindow>& windows,
                            const torch::TensorOptions& options = torch::kFloat32);

// [B, N, C] pixels (row-major, H x W) -> [B, C, H, W] image layout, and back.
torch::Tensor pixels_to_image(const torch::Tensor& pixels, int height, int width);
torch::Tensor image_to_pixels(const torch::Tensor& image);

}  // namespace inrgan
