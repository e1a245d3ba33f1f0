// Canvas navigation shared by the studio's Explore view and inrgan-view: which part of image space
// a canvas of W x H pixels shows, and how wheel, drag and keys change it. Plain values, no torch.
//
// Zoom 1 shows the training domain [-1, 1]^2 fitted into the canvas (centred, aspect kept); zoom z
// shows 1/z of that span, so one pixel covers 2 / (z * min(W, H)) units of image space.
#pragma once

#include "core/geometry/view.h"

namespace inrgan {

constexpr double kMinZoom = 1.0 / 16.0;
constexpr double kMaxZoom = 1024.0;

// The view of a W x H canvas at `zoom`, centred on (cx, cy).
View canvas_view(int width, int height, double zoom = 1.0, double cx = 0.0, double cy = 0.0);
// The zoom of a view shown on a W x H canvas (see above).
double canvas_zoom(const View& view, int width, int height);
// Side in pixels the whole training domain would have at this zoom: the effective resolution.
double effective_resolution(const View& view, int width, int height);

// Zooms by `factor` about the canvas point (px, py) (pixels from the top-left), which stays over
// the same image point. The result is clamped to [kMinZoom, kMaxZoom].
View zoom_about(const View& view, int width, int height, double px, double py, double factor);
// Sets the zoom to `zoom` (clamped) keeping the centre.
View zoom_to(const View& view, int width, int height, double zoom);
// Moves the view so that the content follows a drag of (dx, dy) pixels.
View pan_by_pixels(const View& view, int width, int height, double dx, double dy);
// The same centre and zoom on a canvas whose size changed.
View resize_canvas(const View& view, int old_width, int old_height, int new_width, int new_height);
// The image-space point under canvas pixel (px, py).
void canvas_to_image(const View& view, int width, int height, double px, double py, double& x,
                     double& y);

}  // namespace inrgan
