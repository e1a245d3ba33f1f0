// The newest fixed-seed sample grid, scaled by a whole factor with nearest-neighbour sampling
// (tiny 32 px samples should look pixelated, not blurred), with a caption: stage and kimg.
#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

#include "core/session/events.h"
#include "ui/event_metatypes.h"

namespace inrgan::ui {

class SampleGridView : public QWidget {
  Q_OBJECT

 public:
  explicit SampleGridView(QWidget* parent = nullptr);

  const QImage& image() const { return image_; }
  QString caption() const { return caption_; }
  // Magnification used to draw the grid into the current widget size (< 1 when shrunk).
  double displayScale() const;

  QSize sizeHint() const override { return {420, 440}; }
  QSize minimumSizeHint() const override { return {160, 180}; }

 public Q_SLOTS:
  void onSample(const inrgan::SampleEvent& event);
  // An image from elsewhere (a resumed run's last grid on disk).
  void showImage(const QImage& image, const QString& caption);
  void clear();

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QRect imageArea() const;

  QImage image_;
  QString caption_;
};

}  // namespace inrgan::ui
