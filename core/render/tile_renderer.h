// Evaluates a band of rows of a render, tile by tile, straight into 8-bit RGB: the one loop that
// the explorer, the export and the CLI share, so that every path gives the same pixels.
#pragma once

#include <cstdint>
#include <functional>

#include "core/geometry/view.h"
#include "core/model/generator.h"

namespace inrgan {

// Rows [row0, row0 + rows) of the width x height render of `view` -> out (rows * width * 3 bytes,
// RGB). Tiles are the pixel ranges between multiples of tile_pixels (by row-major index of the
// whole render), so a band starting mid-tile ends its first tile where a whole render would.
// before_tile() is asked before each tile (and may stop the band by returning false);
// after_tile() is told after each. Returns false when stopped. Pixel (i, j) samples its centre,
// x0 + (i + 0.5) (x1 - x0) / width (METHOD §2). A pixel's bytes do not depend on the tile size or
// on the band (FoldedGenerator::evaluate_pixels).
bool render_rows(const FoldedGenerator& folded, const View& view, int width, int height, int row0,
                 int rows, std::int64_t tile_pixels, std::uint8_t* out,
                 const std::function<bool()>& before_tile = {},
                 const std::function<void()>& after_tile = {});

// Pixels per tile: one evaluation chunk (evaluation_chunk_pixels), so that no tile evaluates
// pixels it does not keep. Also the granularity of cancellation.
std::int64_t default_tile_pixels(const GeneratorConfig& config);

// Multiply-adds x 2 of one pixel through the network (Fourier features, every layer, every ToRGB):
// with a timing, the FLOP/s that rendering reaches, to compare with the machine's GEMM peak.
double render_flops_per_pixel(const GeneratorConfig& config);

// Tiles render_rows() evaluates for the rows [row0, row0 + rows) of `width` pixels.
std::int64_t tile_count(int width, int rows, std::int64_t tile_pixels, int row0 = 0);

}  // namespace inrgan
