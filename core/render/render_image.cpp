#include "core/render/render_image.h"

#include <stdexcept>

#include "core/render/latent.h"
#include "core/render/tile_renderer.h"

namespace inrgan {

RgbImage render_image(const GeneratorSourcePtr& source, const Latent& latent, double psi,
                      const View& view, int width, int height, std::int64_t tile_pixels) {
  if (!source) throw std::invalid_argument("render_image: no generator");
  if (width <= 0 || height <= 0) throw std::invalid_argument("render_image: empty size");
  FoldCache cache(1);
  const auto folded = cache.get(source, latent, psi);
  RgbImage image;
  image.width = width;
  image.height = height;
  image.pixels.resize(static_cast<std::size_t>(width) * height * 3);
  render_rows(*folded, view, width, height, 0, height,
              tile_pixels > 0 ? tile_pixels : default_tile_pixels(source->config().generator),
              image.pixels.data());
  return image;
}

}  // namespace inrgan
