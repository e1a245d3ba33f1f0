// Draws patch windows (METHOD §5: P x P windows of the r_k grid) as rectangles over a target area
// that shows the whole grid. Shared by the overlay on real images and the schematic of G's windows.
#pragma once

#include <QPainter>
#include <QRectF>

#include <vector>

#include "core/geometry/view.h"

namespace inrgan::ui {

enum class WindowStyle { Filled, Outline, Dashed };

// The rectangle, in target coordinates, covered by a window of a grid drawn into `target`.
QRectF windowRect(const QRectF& target, const PatchWindow& window, int fallback_grid);

// Each window gets its own colour (by index) so overlapping windows stay distinguishable.
void drawWindows(QPainter& painter, const QRectF& target, const std::vector<PatchWindow>& windows,
                 int fallback_grid, WindowStyle style);

}  // namespace inrgan::ui
