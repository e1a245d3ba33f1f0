// One render of a request's view, in one call, without progressive levels: the reference that the
// progressive renderer and the export must match, and what small CLI renders use.
#pragma once

#include <cstdint>

#include "core/data/rgb_image.h"
#include "core/geometry/view.h"
#include "core/render/render_request.h"

namespace inrgan {

RgbImage render_image(const GeneratorSourcePtr& source, const Latent& latent, double psi,
                      const View& view, int width, int height,
                      std::int64_t tile_pixels = 0);  // 0: default_tile_pixels

}  // namespace inrgan
