#include "ui/window_grid_view.h"

#include <QPainter>

#include <algorithm>

#include "ui/window_painter.h"

namespace inrgan::ui {

namespace {
constexpr int kCaptionHeight = 38;  // two lines
}

WindowGridView::WindowGridView(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setToolTip(tr("The r_k grid of the current stage: filled = windows the generator rendered in the "
                "last step, dashed = windows of the real crops"));
}

void WindowGridView::onStep(const inrgan::StepEvent& event) {
  stage_ = event.stage;
  resolution_ = event.resolution;
  patch_ = event.patch;
  fake_ = event.fake_windows;
  real_ = event.real_windows;
  update();
}

void WindowGridView::clear() {
  resolution_ = patch_ = 0;
  fake_.clear();
  real_.clear();
  update();
}

QString WindowGridView::caption() const {
  if (resolution_ <= 0) return {};
  if (patch_ >= resolution_)
    return tr("stage %1: G renders whole images at %2 px").arg(stage_).arg(resolution_);
  const int n = static_cast<int>(fake_.size());
  return tr("stage %1: %2 px grid, G renders %3 %4 of %5 px")
      .arg(stage_)
      .arg(resolution_)
      .arg(n)
      .arg(n == 1 ? tr("window") : tr("windows"))
      .arg(patch_);
}

void WindowGridView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  const QPalette& pal = palette();
  p.fillRect(rect(), pal.color(QPalette::Window));
  const QRect area = rect().adjusted(4, 4, -4, -kCaptionHeight);
  if (resolution_ <= 0) {
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
               tr("The windows the generator renders appear here once training runs"));
    return;
  }
  const double side = std::max(1, std::min(area.width(), area.height()));
  const QRectF grid(area.left() + (area.width() - side) / 2.0,
                    area.top() + (area.height() - side) / 2.0, side, side);
  p.fillRect(grid, pal.color(QPalette::Base));
  // Faint lines every P pixels: the tiling a full r_k render would use.
  if (patch_ > 0 && patch_ < resolution_) {
    QColor line = pal.color(QPalette::Mid);
    line.setAlpha(120);
    p.setPen(QPen(line, 1.0, Qt::DotLine));
    const double step = side * patch_ / resolution_;
    for (double t = step; t < side - 0.5; t += step) {
      p.drawLine(QPointF(grid.left() + t, grid.top()), QPointF(grid.left() + t, grid.bottom()));
      p.drawLine(QPointF(grid.left(), grid.top() + t), QPointF(grid.right(), grid.top() + t));
    }
  }
  p.setPen(pal.color(QPalette::Mid));
  p.setBrush(Qt::NoBrush);
  p.drawRect(grid);
  drawWindows(p, grid, real_, resolution_, WindowStyle::Dashed);
  drawWindows(p, grid, fake_, resolution_, WindowStyle::Filled);

  p.setPen(pal.color(QPalette::WindowText));
  const QRect caption_area(0, height() - kCaptionHeight, width(), kCaptionHeight);
  p.drawText(caption_area, Qt::AlignCenter | Qt::TextWordWrap,
             caption() + QStringLiteral("\n") + tr("filled: fake windows · dashed: real crops"));
}

}  // namespace inrgan::ui
