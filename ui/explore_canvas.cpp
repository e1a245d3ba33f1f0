#include "ui/explore_canvas.h"

#include <QGuiApplication>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLWidget>
#include <QPainter>
#include <QResizeEvent>
#include <QSurfaceFormat>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>
#include <string>

#include "core/geometry/navigation.h"
#include "ui/format.h"
#include "ui/gl/canvas_gl.h"

namespace inrgan::ui {

namespace {

// Empty when this process can make the OpenGL 3.3 context CanvasGl needs, otherwise why not.
// Asked once: the answer does not change while the process runs.
QString openGlProblem() {
  static const QString problem = [] {
    QOpenGLContext context;
    context.setFormat(QSurfaceFormat::defaultFormat());
    if (!context.create())
      return QObject::tr("no OpenGL on the \"%1\" display").arg(QGuiApplication::platformName());
    const QSurfaceFormat format = context.format();
    if (format.version() < qMakePair(3, 3))
      return QObject::tr("OpenGL %1.%2 only, 3.3 is needed")
          .arg(format.majorVersion())
          .arg(format.minorVersion());
    return QString();
  }();
  return problem;
}

// Same colours as CanvasGl's default style, so both ways of drawing look alike.
const QColor kBackground = QColor::fromRgbF(0.08f, 0.09f, 0.10f);
const QColor kFrame = QColor::fromRgbF(1.0f, 0.78f, 0.25f, 0.9f);

// The smallest view of a canvas of `size` containing `rect`, centred on it: one pixel covers the
// larger of the rectangle's two spans per pixel; zoom 1 is 2 / min(W, H) units per pixel.
inrgan::View fitted(const inrgan::View& rect, const QSize& size) {
  const double unit = std::max(rect.width() / size.width(), rect.height() / size.height());
  const double zoom = 2.0 / std::min(size.width(), size.height()) / unit;
  return inrgan::canvas_view(size.width(), size.height(), zoom, 0.5 * (rect.x0 + rect.x1),
                             0.5 * (rect.y0 + rect.y1));
}

// Wheel notches of 120 units; four notches double the zoom.
double wheelFactor(const QWheelEvent& event) {
  const QPoint delta = event.angleDelta();
  const int units = delta.y() != 0 ? delta.y() : delta.x();
  return std::exp2(units / 120.0 / 4.0);
}

}  // namespace

// The OpenGL half of the canvas: a child covering it that draws the view with CanvasGl. Input goes
// through it to ExploreCanvas, which owns the view and the image.
class CanvasSurface : public QOpenGLWidget {
 public:
  explicit CanvasSurface(ExploreCanvas* owner) : QOpenGLWidget(owner), owner_(owner) {
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setFocusPolicy(Qt::NoFocus);
  }
  ~CanvasSurface() override { releaseGl(); }

 protected:
  void initializeGL() override {
    // GL objects die with their context; a widget moved to another window gets a new one.
    connect(context(), &QOpenGLContext::aboutToBeDestroyed, this, [this] { releaseGl(); });
    std::string error;
    if (!gl_.initialize(&error)) {
      // Not from inside initializeGL: the canvas deletes this widget in response.
      QMetaObject::invokeMethod(
          owner_, [owner = owner_, why = QString::fromStdString(error)] { owner->surfaceFailed(why); },
          Qt::QueuedConnection);
      return;
    }
    uploaded_serial_ = 0;
  }

  void paintGL() override {
    if (!gl_.initialized()) return;
    if (uploaded_serial_ != owner_->imageSerial()) {
      if (owner_->hasImage()) {
        gl_.set_image(owner_->image(), owner_->imageView());
      } else {
        gl_.clear_image();
      }
      uploaded_serial_ = owner_->imageSerial();
    }
    const QSize framebuffer = owner_->devicePixelSize();
    gl_.draw(owner_->view(), framebuffer.width(), framebuffer.height());
    if (owner_->hasOverlay()) {
      QPainter painter(this);
      owner_->paintOverlay(painter);
    }
  }

 private:
  void releaseGl() {
    if (!gl_.initialized() || !context()) return;
    makeCurrent();
    gl_.release();
    doneCurrent();
  }

  ExploreCanvas* owner_;
  inrgan::gl::CanvasGl gl_;
  std::uint64_t uploaded_serial_ = 0;
};

ExploreCanvas::ExploreCanvas(QWidget* parent) : QWidget(parent) {
  setFocusPolicy(Qt::StrongFocus);
  setCursor(Qt::OpenHandCursor);
  gl_problem_ = openGlProblem();
  if (gl_problem_.isEmpty()) surface_ = new CanvasSurface(this);
}

ExploreCanvas::~ExploreCanvas() = default;

QSize ExploreCanvas::devicePixelSize() const {
  const double ratio = devicePixelRatioF();
  return {std::max(1, static_cast<int>(std::lround(width() * ratio))),
          std::max(1, static_cast<int>(std::lround(height() * ratio)))};
}

double ExploreCanvas::zoom() const {
  const QSize size = devicePixelSize();
  return inrgan::canvas_zoom(view_, size.width(), size.height());
}

void ExploreCanvas::setPlaceholder(const QString& text) {
  placeholder_ = text;
  repaintAll();
}

void ExploreCanvas::showImage(const inrgan::RgbImage& image, const inrgan::View& image_view) {
  image_ = image;
  image_view_ = image_view;
  ++image_serial_;
  repaintAll();
}

void ExploreCanvas::clearImage() {
  image_ = {};
  ++image_serial_;
  repaintAll();
}

void ExploreCanvas::resetView() { fitView(inrgan::View::training_domain()); }

void ExploreCanvas::setZoom(double zoom) {
  const QSize size = devicePixelSize();
  navigate(inrgan::zoom_to(view_, size.width(), size.height(), zoom));
}

void ExploreCanvas::fitView(const inrgan::View& rect) {
  fit_ = rect;
  if (!device_size_.isEmpty()) setView(fitted(rect, device_size_));
}

void ExploreCanvas::navigate(const inrgan::View& view) {
  fit_.reset();
  setView(view);
}

void ExploreCanvas::setView(const inrgan::View& view) {
  if (view == view_) return;
  view_ = view;
  repaintAll();
  Q_EMIT viewChanged(view_, device_size_);
}

void ExploreCanvas::zoomAboutCentre(double factor) {
  const QSize size = devicePixelSize();
  navigate(inrgan::zoom_about(view_, size.width(), size.height(), 0.5 * size.width(),
                             0.5 * size.height(), factor));
}

void ExploreCanvas::panByFraction(double fx, double fy) {
  const QSize size = devicePixelSize();
  // The view moves by the fraction; the content moves the other way.
  navigate(inrgan::pan_by_pixels(view_, size.width(), size.height(), -fx * size.width(),
                                 -fy * size.height()));
}

void ExploreCanvas::repaintAll() {
  update();
  if (surface_) surface_->update();
}

void ExploreCanvas::surfaceFailed(const QString& why) {
  gl_problem_ = why;
  delete surface_;
  surface_ = nullptr;
  update();
}

void ExploreCanvas::resizeEvent(QResizeEvent* event) {
  QWidget::resizeEvent(event);
  if (surface_) surface_->setGeometry(rect());
  const QSize size = devicePixelSize();
  if (size == device_size_) return;
  const QSize old = device_size_;
  device_size_ = size;
  // A fitted view stays fitted (the first sizes of a window are provisional); a navigated one
  // keeps its centre and scale.
  view_ = fit_ || old.isEmpty()
              ? fitted(fit_.value_or(inrgan::View::training_domain()), size)
              : inrgan::resize_canvas(view_, old.width(), old.height(), size.width(), size.height());
  repaintAll();
  Q_EMIT viewChanged(view_, device_size_);
}

void ExploreCanvas::wheelEvent(QWheelEvent* event) {
  const QSize size = devicePixelSize();
  const QPointF at = event->position() * devicePixelRatioF();
  navigate(inrgan::zoom_about(view_, size.width(), size.height(), at.x(), at.y(), wheelFactor(*event)));
  event->accept();
}

void ExploreCanvas::mousePressEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton) {
    QWidget::mousePressEvent(event);
    return;
  }
  drag_from_ = event->position().toPoint();
  setCursor(Qt::ClosedHandCursor);
  event->accept();
}

void ExploreCanvas::mouseMoveEvent(QMouseEvent* event) {
  if (!drag_from_ || !(event->buttons() & Qt::LeftButton)) {
    QWidget::mouseMoveEvent(event);
    return;
  }
  const QPoint at = event->position().toPoint();
  const QPointF delta = QPointF(at - *drag_from_) * devicePixelRatioF();
  drag_from_ = at;
  const QSize size = devicePixelSize();
  navigate(inrgan::pan_by_pixels(view_, size.width(), size.height(), delta.x(), delta.y()));
  event->accept();
}

void ExploreCanvas::mouseReleaseEvent(QMouseEvent* event) {
  if (event->button() != Qt::LeftButton || !drag_from_) {
    QWidget::mouseReleaseEvent(event);
    return;
  }
  drag_from_.reset();
  setCursor(Qt::OpenHandCursor);
  event->accept();
}

void ExploreCanvas::keyPressEvent(QKeyEvent* event) {
  const int key = event->key();
  if (key == Qt::Key_0 || key == Qt::Key_Home) {
    resetView();
  } else if (key >= Qt::Key_1 && key <= Qt::Key_9) {
    setZoom(std::exp2(key - Qt::Key_1));
  } else if (key == Qt::Key_Plus || key == Qt::Key_Equal) {
    zoomAboutCentre(2.0);
  } else if (key == Qt::Key_Minus) {
    zoomAboutCentre(0.5);
  } else if (key == Qt::Key_Left) {
    panByFraction(-0.1, 0.0);
  } else if (key == Qt::Key_Right) {
    panByFraction(0.1, 0.0);
  } else if (key == Qt::Key_Up) {
    panByFraction(0.0, -0.1);
  } else if (key == Qt::Key_Down) {
    panByFraction(0.0, 0.1);
  } else {
    QWidget::keyPressEvent(event);
    return;
  }
  event->accept();
}

QRectF ExploreCanvas::toWidget(const inrgan::View& rect) const {
  const double sx = width() / view_.width(), sy = height() / view_.height();
  return {(rect.x0 - view_.x0) * sx, (rect.y0 - view_.y0) * sy, rect.width() * sx, rect.height() * sy};
}

bool ExploreCanvas::hasOverlay() const {
  return (!hasImage() && !placeholder_.isEmpty()) || !gl_problem_.isEmpty();
}

void ExploreCanvas::paintEvent(QPaintEvent*) {
  if (surface_) return;  // the surface covers the canvas
  QPainter painter(this);
  painter.fillRect(rect(), kBackground);
  if (hasImage()) {
    const QImage image = toQImage(image_);
    painter.drawImage(toWidget(image_view_), image);
  }
  QPen frame(kFrame);
  frame.setWidthF(1.5);
  painter.setPen(frame);
  painter.setRenderHint(QPainter::Antialiasing);
  painter.drawRect(toWidget(inrgan::View::training_domain()));
  paintOverlay(painter);
}

void ExploreCanvas::paintOverlay(QPainter& painter) const {
  painter.setRenderHint(QPainter::Antialiasing);
  if (!hasImage() && !placeholder_.isEmpty()) {
    painter.setPen(QColor(0xb0, 0xb4, 0xbc));
    painter.drawText(rect().adjusted(24, 24, -24, -24), Qt::AlignCenter | Qt::TextWordWrap, placeholder_);
  }
  if (!gl_problem_.isEmpty()) {
    const QString text = tr("Drawing without OpenGL (%1)").arg(gl_problem_);
    const QRect box = painter.fontMetrics().boundingRect(text).adjusted(-8, -4, 8, 4);
    const QRect placed = box.translated(10 - box.left(), height() - 10 - box.bottom());
    painter.fillRect(placed, QColor(0, 0, 0, 170));
    painter.setPen(QColor(0xe8, 0xb0, 0x50));
    painter.drawText(placed, Qt::AlignCenter, text);
  }
}

}  // namespace inrgan::ui
