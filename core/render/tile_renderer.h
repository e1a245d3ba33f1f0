// Evaluates a band of rows of a render, tile by tile, straight into 8-bit RGB: the one loop that
// the explorer, the export and the CLI share, so that every path gives the same pixels.
#pragma once

#include <cstdint>
#include <functional>

#include "core/geometry/view.h"
#include "core/model/generator.h"

namespace inrgan {

// Rows [row0, row0 + rows) of the width x height render of `view` -> out (rows * width * 3 bytes,
// RGB). At most tile_pixels pixels are evaluated at once. before_tile() is asked before each tile
// (and may stop the band by returning false); after_tile() is told after each. Returns false when
// stopped. Pixel (i, j) samples its centre, x0 + (i + 0.5) (x1 - x0) / width (METHOD §2).
bool render_rows(const FoldedGenerator& folded, const View& view, int width, int height, int row0,
                 int rows, std::int64_t tile_pixels, std::uint8_t* out,
                 const std::function<bool()>& before_tile = {},
                 const std::function<void()>& after_tile = {});

// Pixels per tile so that one activation of the widest layer stays in cache (about 2 MB): 6144
// for the cpu-small network, 1024 for cips256. Also the granularity of cancellation.
std::int64_t default_tile_pixels(const GeneratorConfig& config);

// Multiply-adds x 2 of one pixel through the network (Fourier features, every layer, every ToRGB):
// with a timing, the FLOP/s that rendering reaches, to compare with the machine's GEMM peak.
double render_flops_per_pixel(const GeneratorConfig& config);

// Tiles render_rows() evaluates for `rows` rows of `width` pixels.
std::int64_t tile_count(int width, int rows, std::int64_t tile_pixels);

}  // namespace inrgan
