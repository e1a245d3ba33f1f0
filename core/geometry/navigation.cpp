#include "core/geometry/navigation.h"

#include <algorithm>
#include <cmath>

namespace inrgan {

namespace {
// Image-space units per canvas pixel at zoom 1.
double units_per_pixel_at_fit(int width, int height) {
  return 2.0 / static_cast<double>(std::max(1, std::min(width, height)));
}
double clamp_zoom(double zoom) { return std::clamp(zoom, kMinZoom, kMaxZoom); }
}  // namespace

View canvas_view(int width, int height, double zoom, double cx, double cy) {
  const double unit = units_per_pixel_at_fit(width, height) / clamp_zoom(zoom);
  const double half_w = 0.5 * unit * std::max(1, width);
  const double half_h = 0.5 * unit * std::max(1, height);
  return {cx - half_w, cy - half_h, cx + half_w, cy + half_h};
}

double canvas_zoom(const View& view, int width, int height) {
  const double unit = view.width() / static_cast<double>(std::max(1, width));
  return units_per_pixel_at_fit(width, height) / unit;
}

double effective_resolution(const View& view, int width, int /*height*/) {
  return 2.0 * static_cast<double>(std::max(1, width)) / view.width();
}

void canvas_to_image(const View& view, int width, int height, double px, double py, double& x,
                     double& y) {
  x = view.x0 + px / std::max(1, width) * view.width();
  y = view.y0 + py / std::max(1, height) * view.height();
}

View zoom_about(const View& view, int width, int height, double px, double py, double factor) {
  const double old_zoom = canvas_zoom(view, width, height);
  const double new_zoom = clamp_zoom(old_zoom * factor);
  const double scale = old_zoom / new_zoom;  // of the view's extent
  double x = 0, y = 0;
  canvas_to_image(view, width, height, px, py, x, y);
  // The point under the cursor keeps its position relative to the view's corners.
  return {x - (x - view.x0) * scale, y - (y - view.y0) * scale, x + (view.x1 - x) * scale,
          y + (view.y1 - y) * scale};
}

View zoom_to(const View& view, int width, int height, double zoom) {
  const double cx = 0.5 * (view.x0 + view.x1), cy = 0.5 * (view.y0 + view.y1);
  return canvas_view(width, height, zoom, cx, cy);
}

View pan_by_pixels(const View& view, int width, int height, double dx, double dy) {
  const double ux = view.width() / std::max(1, width) * dx;
  const double uy = view.height() / std::max(1, height) * dy;
  return {view.x0 - ux, view.y0 - uy, view.x1 - ux, view.y1 - uy};
}

View resize_canvas(const View& view, int old_width, int old_height, int new_width, int new_height) {
  const double cx = 0.5 * (view.x0 + view.x1), cy = 0.5 * (view.y0 + view.y1);
  const double unit = view.width() / static_cast<double>(std::max(1, old_width));
  (void)old_height;  // the unit per pixel is what is kept; a view is square-pixelled
  const double half_w = 0.5 * unit * std::max(1, new_width);
  const double half_h = 0.5 * unit * std::max(1, new_height);
  return {cx - half_w, cy - half_h, cx + half_w, cy + half_h};
}

}  // namespace inrgan
