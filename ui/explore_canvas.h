// The Explore view's canvas: which rectangle of image space is shown (the View), how wheel, drag
// and keys change it, and the latest rendered image. Navigation math is core/geometry/navigation.h;
// sizes are device pixels, so a request at the canvas size is pixel exact on HiDPI screens too.
//
// Drawing goes through CanvasGl inside a QOpenGLWidget child when the platform can make an OpenGL
// 3.3 context. When it cannot (no driver, a remote display, the offscreen platform of the tests)
// no QOpenGLWidget is created at all (Qt 6 crashes showing one without GL): the canvas paints the
// image with QPainter and says why. Navigation and signals never depend on GL.
#pragma once

#include <QMetaType>
#include <QPoint>
#include <QRectF>
#include <QSize>
#include <QString>
#include <QWidget>

#include <cstdint>
#include <optional>

#include "core/data/rgb_image.h"
#include "core/geometry/view.h"

Q_DECLARE_METATYPE(inrgan::View)

namespace inrgan::ui {

class CanvasSurface;

class ExploreCanvas : public QWidget {
  Q_OBJECT

 public:
  explicit ExploreCanvas(QWidget* parent = nullptr);
  ~ExploreCanvas() override;

  const inrgan::View& view() const { return view_; }
  // The canvas size in device pixels: what a render of view() should have.
  QSize devicePixelSize() const;
  double zoom() const;

  // The latest rendered image and the view it shows (it may lag behind view()).
  const inrgan::RgbImage& image() const { return image_; }
  const inrgan::View& imageView() const { return image_view_; }
  bool hasImage() const { return !image_.empty(); }
  // Counts showImage() calls, so that the GL surface uploads each image once.
  std::uint64_t imageSerial() const { return image_serial_; }

  // A hint painted over the canvas while there is no image ("Open a checkpoint…").
  void setPlaceholder(const QString& text);

  QSize sizeHint() const override { return {900, 700}; }
  QSize minimumSizeHint() const override { return {160, 120}; }

 public Q_SLOTS:
  void showImage(const inrgan::RgbImage& image, const inrgan::View& image_view);
  void clearImage();
  // The training domain fitted into the canvas (zoom 1, centred).
  void resetView();
  // Zoom `zoom` (clamped to the navigation range) about the canvas centre.
  void setZoom(double zoom);
  // The smallest view of the canvas's aspect that contains `rect` (centred on it). The canvas
  // stays fitted to it through resizes until the user zooms or pans.
  void fitView(const inrgan::View& rect);

 Q_SIGNALS:
  // The view or the canvas size changed; `device_pixels` is devicePixelSize().
  void viewChanged(const inrgan::View& view, const QSize& device_pixels);

 protected:
  void paintEvent(QPaintEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  void setView(const inrgan::View& view);
  // A view chosen by the user: it ends fitting.
  void navigate(const inrgan::View& view);
  void zoomAboutCentre(double factor);
  void panByFraction(double fx, double fy);
  void repaintAll();
  // The GL surface could not initialise: draw with QPainter from now on, and say why.
  void surfaceFailed(const QString& why);
  // Where a rectangle of image space lies on the widget (logical pixels).
  QRectF toWidget(const inrgan::View& rect) const;
  // Messages painted over the picture: the placeholder, and the GL problem.
  bool hasOverlay() const;
  void paintOverlay(QPainter& painter) const;
  friend class CanvasSurface;

  inrgan::View view_;
  QSize device_size_;  // the size view_ was made for; empty before the first resize
  std::optional<inrgan::View> fit_ = inrgan::View::training_domain();  // see fitView()
  std::optional<QPoint> drag_from_;
  inrgan::RgbImage image_;
  inrgan::View image_view_;
  std::uint64_t image_serial_ = 0;
  CanvasSurface* surface_ = nullptr;  // null when OpenGL 3.3 is unavailable
  QString gl_problem_;
  QString placeholder_;
};

}  // namespace inrgan::ui
