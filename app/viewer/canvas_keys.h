// What the keyboard and the wheel do to the canvas view of inrgan-view, as plain functions of the
// view and the canvas size in pixels (core/geometry/navigation.h does the geometry).
//   0 or Home: zoom 1 (the whole training domain)   1..9: zoom 2^(k-1) about the centre
//   + / -: zoom x2 / /2 about the centre            arrows: pan by 10% of the canvas
#pragma once

#include <optional>

#include "core/geometry/view.h"

namespace inrgan::viewer {

enum class CanvasKey { kHome, kLeft, kRight, kUp, kDown };

// Zoom factor of a wheel turn: 2^(1/4) ~ 1.19 per notch, so four notches double the zoom.
double wheel_zoom_factor(double notches);

// The view after typing `character` over the canvas; nullopt when it means nothing there.
std::optional<View> view_after_character(unsigned int character, const View& view, int width,
                                         int height);
View view_after_key(CanvasKey key, const View& view, int width, int height);

// The view that shows all of `wanted` on a W x H canvas, centred, with square pixels.
View fit_view(const View& wanted, int width, int height);

}  // namespace inrgan::viewer
