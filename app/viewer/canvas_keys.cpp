#include "app/viewer/canvas_keys.h"

#include <algorithm>
#include <cmath>

#include "core/geometry/navigation.h"

namespace inrgan::viewer {

namespace {
constexpr double kArrowPanFraction = 0.1;
}

double wheel_zoom_factor(double notches) { return std::exp2(notches / 4.0); }

std::optional<View> view_after_character(unsigned int character, const View& view, int width,
                                         int height) {
  if (character == '0') return canvas_view(width, height);
  if (character >= '1' && character <= '9')
    return zoom_to(view, width, height, std::exp2(static_cast<double>(character - '1')));
  const double cx = 0.5 * width, cy = 0.5 * height;
  // '=' is '+' without Shift on most layouts.
  if (character == '+' || character == '=') return zoom_about(view, width, height, cx, cy, 2.0);
  if (character == '-') return zoom_about(view, width, height, cx, cy, 0.5);
  return std::nullopt;
}

View view_after_key(CanvasKey key, const View& view, int width, int height) {
  // Arrows move the view, so the content moves the other way.
  const double dx = kArrowPanFraction * width, dy = kArrowPanFraction * height;
  switch (key) {
    case CanvasKey::kHome: return canvas_view(width, height);
    case CanvasKey::kLeft: return pan_by_pixels(view, width, height, dx, 0.0);
    case CanvasKey::kRight: return pan_by_pixels(view, width, height, -dx, 0.0);
    case CanvasKey::kUp: return pan_by_pixels(view, width, height, 0.0, dy);
    case CanvasKey::kDown: return pan_by_pixels(view, width, height, 0.0, -dy);
  }
  return view;
}

View fit_view(const View& wanted, int width, int height) {
  // Units per pixel so that both sides fit; canvas_view's zoom 1 has 2 / min(W, H) units per pixel.
  const double unit = std::max(wanted.width() / std::max(1, width),
                               wanted.height() / std::max(1, height));
  const double zoom = 2.0 / (std::max(1, std::min(width, height)) * unit);
  return canvas_view(width, height, zoom, 0.5 * (wanted.x0 + wanted.x1),
                     0.5 * (wanted.y0 + wanted.y1));
}

}  // namespace inrgan::viewer
