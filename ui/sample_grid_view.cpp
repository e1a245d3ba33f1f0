#include "ui/sample_grid_view.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

#include "ui/format.h"

namespace inrgan::ui {

namespace {
constexpr int kCaptionHeight = 22;
}

SampleGridView::SampleGridView(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void SampleGridView::onSample(const inrgan::SampleEvent& event) {
  image_ = toQImage(event.grid);
  caption_ = tr("stage %1 · %2×%3 samples of %4 px · %5")
                 .arg(event.stage)
                 .arg(event.cols)
                 .arg(event.rows)
                 .arg(event.cell_size)
                 .arg(formatKimg(event.images_shown));
  setToolTip(event.file.empty() ? QString()
                                : tr("Saved as %1").arg(QString::fromStdString(event.file.string())));
  update();
}

void SampleGridView::showImage(const QImage& image, const QString& caption) {
  image_ = image.convertToFormat(QImage::Format_RGB888);
  caption_ = caption;
  setToolTip({});
  update();
}

void SampleGridView::clear() {
  image_ = {};
  caption_.clear();
  setToolTip({});
  update();
}

QRect SampleGridView::imageArea() const {
  return rect().adjusted(2, 2, -2, -kCaptionHeight);
}

double SampleGridView::displayScale() const {
  if (image_.isNull()) return 0.0;
  const QRect area = imageArea();
  const double fit = std::min(static_cast<double>(area.width()) / image_.width(),
                              static_cast<double>(area.height()) / image_.height());
  // Whole factors keep every sample pixel the same size on screen.
  return fit >= 1.0 ? std::floor(fit) : fit;
}

void SampleGridView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), palette().color(QPalette::Base));
  const QRect area = imageArea();
  if (image_.isNull()) {
    p.setPen(palette().color(QPalette::PlaceholderText));
    p.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
               tr("Sample grids from the EMA generator appear here at each sample tick"));
    return;
  }
  const double scale = displayScale();
  const QSizeF size(image_.width() * scale, image_.height() * scale);
  const QRectF target(area.left() + (area.width() - size.width()) / 2.0,
                      area.top() + (area.height() - size.height()) / 2.0, size.width(), size.height());
  // Nearest neighbour when magnifying; smooth only when the grid has to shrink.
  p.setRenderHint(QPainter::SmoothPixmapTransform, scale < 1.0);
  p.drawImage(target, image_);
  p.setPen(palette().color(QPalette::WindowText));
  p.drawText(QRect(0, height() - kCaptionHeight, width(), kCaptionHeight), Qt::AlignCenter,
             caption_);
}

}  // namespace inrgan::ui
