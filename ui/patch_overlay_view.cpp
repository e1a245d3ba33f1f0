#include "ui/patch_overlay_view.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

#include "ui/format.h"
#include "ui/window_painter.h"

namespace inrgan::ui {

namespace {
constexpr int kCaptionHeight = 22;
}

PatchOverlayView::PatchOverlayView(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
  setToolTip(tr("A real training image at the current stage's resolution, with the windows "
                "cropped from it as real patches"));
}

void PatchOverlayView::onOverlay(const inrgan::PatchOverlayEvent& event) {
  image_ = toQImage(event.image);
  windows_ = event.windows;
  stage_ = event.stage;
  resolution_ = event.resolution > 0 ? event.resolution : image_.width();
  update();
}

void PatchOverlayView::clear() {
  image_ = {};
  windows_.clear();
  resolution_ = 0;
  update();
}

QString PatchOverlayView::caption() const {
  if (image_.isNull()) return {};
  const int patch = windows_.empty() ? 0 : windows_.front().size;
  QString text = tr("real image at %1 px (stage %2)").arg(resolution_).arg(stage_);
  if (patch > 0)
    text += (windowCount() == 1 ? tr(" · 1 crop of %1 px") : tr(" · %1 crops of %2 px").arg(windowCount()))
                .arg(patch);
  return text;
}

void PatchOverlayView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().color(QPalette::Base));
  const QRect area = rect().adjusted(2, 2, -2, -kCaptionHeight);
  if (image_.isNull()) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
               tr("Real patches and where they were cropped appear here"));
    return;
  }
  const double fit = std::min(static_cast<double>(area.width()) / image_.width(),
                              static_cast<double>(area.height()) / image_.height());
  const double scale = fit >= 1.0 ? std::floor(fit) : fit;
  const QSizeF size(image_.width() * scale, image_.height() * scale);
  const QRectF target(area.left() + (area.width() - size.width()) / 2.0,
                      area.top() + (area.height() - size.height()) / 2.0, size.width(), size.height());
  p.setRenderHint(QPainter::SmoothPixmapTransform, scale < 1.0);
  p.drawImage(target, image_);
  drawWindows(p, target, windows_, resolution_, WindowStyle::Filled);
  p.setPen(palette().color(QPalette::WindowText));
  p.drawText(QRect(0, height() - kCaptionHeight, width(), kCaptionHeight), Qt::AlignCenter,
             caption());
}

}  // namespace inrgan::ui
