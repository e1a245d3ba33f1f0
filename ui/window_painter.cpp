#include "ui/window_painter.h"

#include "ui/format.h"

namespace inrgan::ui {

QRectF windowRect(const QRectF& target, const PatchWindow& window, int fallback_grid) {
  const int grid = window.grid > 0 ? window.grid : fallback_grid;
  if (grid <= 0) return {};
  const double sx = target.width() / grid, sy = target.height() / grid;
  return {target.left() + window.u * sx, target.top() + window.v * sy, window.size * sx,
          window.size * sy};
}

void drawWindows(QPainter& painter, const QRectF& target, const std::vector<PatchWindow>& windows,
                 int fallback_grid, WindowStyle style) {
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing, false);
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const QRectF r = windowRect(target, windows[i], fallback_grid);
    if (r.isEmpty()) continue;
    const QColor c = paletteColor(static_cast<int>(i));
    QPen pen(c, style == WindowStyle::Filled ? 2.0 : 1.5);
    if (style == WindowStyle::Dashed) pen.setStyle(Qt::DashLine);
    painter.setPen(pen);
    QColor fill = c;
    fill.setAlpha(style == WindowStyle::Filled ? 40 : 0);
    painter.setBrush(fill);
    // Inset by half the pen so that a window at the grid's edge stays fully visible.
    painter.drawRect(r.adjusted(1, 1, -1, -1));
  }
  painter.restore();
}

}  // namespace inrgan::ui
