#include "ui/loss_chart.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QPainter>
#include <QTimer>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

#include "ui/format.h"

namespace inrgan::ui {

namespace {
// Order (and colour) of the known terms; unknown names follow in order of arrival.
const QStringList kKnownTerms = {"g_adv", "g_rec", "d_real", "d_fake", "d_total", "r1", "g_total"};
// Raw history per term is halved (pairs averaged) beyond this, to bound memory on endless runs.
constexpr std::size_t kMaxRawPoints = 1u << 21;
}  // namespace

// A chart view that draws the stage-change markers over the plot.
class LossChartView : public QChartView {
 public:
  LossChartView(QChart* chart, const LossChart* owner, QWidget* parent)
      : QChartView(chart, parent), owner_(owner) {}

  std::function<void()> on_user_zoom;

 protected:
  void mouseReleaseEvent(QMouseEvent* event) override {
    // Left drag zooms in, right click zooms out (QChartView's rubber band).
    const bool zoom = event->button() == Qt::RightButton ||
                      (event->button() == Qt::LeftButton &&
                       (event->position().toPoint() - press_).manhattanLength() > 4);
    QChartView::mouseReleaseEvent(event);
    if (zoom && on_user_zoom) on_user_zoom();
  }
  void mousePressEvent(QMouseEvent* event) override {
    press_ = event->position().toPoint();
    QChartView::mousePressEvent(event);
  }

  void drawForeground(QPainter* painter, const QRectF& rect) override {
    QChartView::drawForeground(painter, rect);
    auto axes = chart()->axes(Qt::Horizontal);
    if (axes.isEmpty()) return;
    const auto* axis = static_cast<const QValueAxis*>(axes.front());
    const double lo = axis->min(), hi = axis->max();
    if (hi <= lo) return;
    const QRectF plot = chart()->mapRectToScene(chart()->plotArea());
    painter->save();
    QPen pen(palette().color(QPalette::WindowText));
    pen.setStyle(Qt::DashLine);
    painter->setPen(pen);
    for (const auto& [x, stage] : owner_->stageMarkers()) {
      if (x < lo || x > hi) continue;
      const double px = plot.left() + (x - lo) / (hi - lo) * plot.width();
      painter->drawLine(QPointF(px, plot.top()), QPointF(px, plot.bottom()));
      painter->drawText(QPointF(px + 4, plot.top() + 14), QObject::tr("stage %1").arg(stage));
    }
    painter->restore();
  }

 private:
  const LossChart* owner_;
  QPoint press_;
};

LossChart::LossChart(QWidget* parent) : QWidget(parent) {
  chart_ = new QChart;
  const bool dark = palette().color(QPalette::Window).lightness() < 128;
  chart_->setTheme(dark ? QChart::ChartThemeDark : QChart::ChartThemeLight);
  chart_->setBackgroundRoundness(0);
  chart_->setMargins(QMargins(4, 4, 4, 4));
  chart_->legend()->setAlignment(Qt::AlignRight);
  axis_x_ = new QValueAxis;
  axis_x_->setTitleText(tr("images shown (kimg)"));
  axis_x_->setLabelFormat("%.1f");
  axis_x_->setRange(0.0, 1.0);
  axis_y_ = new QValueAxis;
  axis_y_->setTitleText(tr("loss"));
  axis_y_->setRange(0.0, 1.0);
  axis_y_->setTickCount(6);
  chart_->addAxis(axis_x_, Qt::AlignBottom);
  chart_->addAxis(axis_y_, Qt::AlignLeft);

  view_ = new LossChartView(chart_, this, this);
  view_->setRenderHint(QPainter::Antialiasing);
  view_->setRubberBand(QChartView::RectangleRubberBand);
  view_->setToolTip(tr("Drag to zoom (turns autoscale off); click a legend entry to hide a term"));

  smooth_box_ = new QCheckBox(tr("Smooth (EMA)"));
  smooth_box_->setChecked(true);
  smooth_weight_ = new QDoubleSpinBox;
  smooth_weight_->setRange(0.0, 0.999);
  smooth_weight_->setSingleStep(0.05);
  smooth_weight_->setDecimals(3);
  smooth_weight_->setValue(0.9);
  smooth_weight_->setToolTip(tr("EMA weight of the previous value (0 = raw)"));
  autoscale_box_ = new QCheckBox(tr("Autoscale"));
  autoscale_box_->setChecked(true);

  auto* tools = new QHBoxLayout;
  tools->addWidget(smooth_box_);
  tools->addWidget(smooth_weight_);
  tools->addSpacing(12);
  tools->addWidget(autoscale_box_);
  tools->addStretch(1);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(tools);
  layout->addWidget(view_, 1);

  refresh_timer_ = new QTimer(this);
  refresh_timer_->setSingleShot(true);
  refresh_timer_->setInterval(250);  // at most 4 redraws a second, however fast steps arrive
  connect(refresh_timer_, &QTimer::timeout, this, &LossChart::refresh);
  connect(smooth_box_, &QCheckBox::toggled, this, [this] { refresh(); });
  connect(smooth_weight_, &QDoubleSpinBox::valueChanged, this, [this] { refresh(); });
  connect(autoscale_box_, &QCheckBox::toggled, this, [this](bool on) {
    if (on) rescale();
  });
  // Zooming by hand means the user wants that range to stay.
  view_->on_user_zoom = [this] { setAutoscale(false); };
}

QStringList LossChart::termNames() const {
  QStringList names;
  for (const Term& t : terms_) names << t.name;
  return names;
}

QStringList LossChart::legendOrder() const {
  QStringList names;
  for (const QAbstractSeries* series : chart_->series()) names << series->name();
  return names;
}

const LossChart::Term* LossChart::findTerm(const QString& name) const {
  for (const Term& t : terms_)
    if (t.name == name) return &t;
  return nullptr;
}

std::vector<QPointF> LossChart::points(const QString& name) const {
  const Term* t = findTerm(name);
  return t ? t->raw : std::vector<QPointF>{};
}

int LossChart::displayedPointCount(const QString& name) const {
  const Term* t = findTerm(name);
  return t ? static_cast<int>(t->series->count()) : 0;
}

bool LossChart::isTermVisible(const QString& name) const {
  const Term* t = findTerm(name);
  return t && t->visible;
}

bool LossChart::smoothing() const { return smooth_box_->isChecked(); }
void LossChart::setSmoothing(bool on) { smooth_box_->setChecked(on); }
bool LossChart::autoscale() const { return autoscale_box_->isChecked(); }
void LossChart::setAutoscale(bool on) { autoscale_box_->setChecked(on); }

void LossChart::setTermVisible(const QString& name, bool visible) {
  for (Term& t : terms_) {
    if (t.name != name) continue;
    t.visible = visible;
    t.series->setVisible(visible);
    // Keep the legend entry so the term can be shown again; dim it instead.
    for (QLegendMarker* marker : chart_->legend()->markers(t.series)) {
      marker->setVisible(true);
      QColor c = palette().color(QPalette::WindowText);
      c.setAlphaF(visible ? 1.0 : 0.4);
      marker->setLabelBrush(c);
    }
  }
  if (autoscale()) rescale();
}

LossChart::Term& LossChart::term(const QString& name) {
  for (Term& t : terms_)
    if (t.name == name) return t;
  Term t;
  t.name = name;
  t.series = new QLineSeries(this);
  t.series->setName(name);
  const auto rank = [](const QString& n) {
    const auto i = kKnownTerms.indexOf(n);
    return i >= 0 ? static_cast<int>(i) : 1000;
  };
  const int known = rank(name);
  t.pen = QPen(paletteColor(known < 1000 ? known : kKnownTerms.size() + static_cast<int>(terms_.size())));
  t.pen.setWidthF(1.5);
  // Keep the legend in the canonical order regardless of arrival order.
  auto pos = std::find_if(terms_.begin(), terms_.end(),
                          [&](const Term& other) { return known < rank(other.name); });
  const auto inserted = terms_.insert(pos, std::move(t));
  const auto index = static_cast<std::size_t>(inserted - terms_.begin());
  rebuildLegend();
  // Totals duplicate their parts; show them only when the parts are missing.
  if (name == "g_total" || (name == "d_total" && findTerm("d_real"))) setTermVisible(name, false);
  if (name == "d_real" && findTerm("d_total")) setTermVisible(QStringLiteral("d_total"), false);
  return terms_[index];
}

void LossChart::rebuildLegend() {
  // The legend lists series in the order they were added: add them all again, in order.
  for (Term& t : terms_)
    if (chart_->series().contains(t.series)) chart_->removeSeries(t.series);
  for (Term& t : terms_) {
    chart_->addSeries(t.series);
    t.series->attachAxis(axis_x_);
    t.series->attachAxis(axis_y_);
    t.series->setPen(t.pen);  // the theme recolours series as they are added
    const QString name = t.name;
    for (QLegendMarker* marker : chart_->legend()->markers(t.series)) {
      connect(marker, &QLegendMarker::clicked, this,
              [this, name] { setTermVisible(name, !isTermVisible(name)); });
    }
    setTermVisible(t.name, t.visible);
  }
}

void LossChart::onStep(const inrgan::StepEvent& event) {
  const double x = static_cast<double>(event.images_shown) / 1000.0;
  while (!markers_.empty() && markers_.back().first > x) markers_.pop_back();
  if (last_stage_ >= 0 && event.stage != last_stage_) markers_.emplace_back(x, event.stage);
  last_stage_ = event.stage;
  for (const auto& [name, value] : event.losses) {
    if (!std::isfinite(value)) {
      ++non_finite_;
      continue;
    }
    Term& t = term(QString::fromStdString(name));
    // A resumed run repeats the images after its checkpoint: the new points replace the old ones.
    while (!t.raw.empty() && t.raw.back().x() > x) t.raw.pop_back();
    t.raw.emplace_back(x, value);
    if (t.raw.size() > kMaxRawPoints) {
      std::vector<QPointF> half;
      half.reserve(t.raw.size() / 2 + 1);
      for (std::size_t i = 0; i + 1 < t.raw.size(); i += 2)
        half.emplace_back((t.raw[i] + t.raw[i + 1]) / 2.0);
      t.raw.swap(half);
    }
  }
  scheduleRefresh();
}

void LossChart::clear() {
  for (Term& t : terms_) {
    chart_->removeSeries(t.series);
    delete t.series;
  }
  terms_.clear();
  markers_.clear();
  last_stage_ = -1;
  non_finite_ = 0;
  axis_x_->setRange(0.0, 1.0);
  axis_y_->setRange(0.0, 1.0);
  view_->viewport()->update();
}

QList<QPointF> LossChart::displayPoints(const Term& t) const {
  const std::size_t n = t.raw.size();
  QList<QPointF> out;
  if (n == 0) return out;
  // Smoothing first (debiased EMA, as TensorBoard does), then decimation.
  std::vector<QPointF> values = t.raw;
  if (smoothing() && smooth_weight_->value() > 0.0) {
    const double w = smooth_weight_->value();
    double ema = 0.0, weight = 0.0;
    for (QPointF& p : values) {
      ema = w * ema + (1.0 - w) * p.y();
      weight = w * weight + (1.0 - w);
      p.setY(ema / weight);
    }
  }
  if (n <= static_cast<std::size_t>(kMaxDisplayPoints)) {
    out.reserve(static_cast<qsizetype>(n));
    for (const QPointF& p : values) out.append(p);
    return out;
  }
  // Smoothed curves keep one point per bucket; raw curves keep each bucket's min and max so that
  // the noise band stays visible.
  const bool envelope = !smoothing();
  const std::size_t buckets = envelope ? kMaxDisplayPoints / 2 : kMaxDisplayPoints;
  out.reserve(static_cast<qsizetype>(envelope ? 2 * buckets : buckets));
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t lo = b * n / buckets, hi = std::max(lo + 1, (b + 1) * n / buckets);
    if (!envelope) {
      out.append(values[hi - 1]);
      continue;
    }
    auto [mn, mx] = std::minmax_element(values.begin() + static_cast<std::ptrdiff_t>(lo),
                                        values.begin() + static_cast<std::ptrdiff_t>(hi),
                                        [](const QPointF& a, const QPointF& c) { return a.y() < c.y(); });
    if (mn->x() <= mx->x()) {
      out.append(*mn);
      out.append(*mx);
    } else {
      out.append(*mx);
      out.append(*mn);
    }
  }
  return out;
}

void LossChart::scheduleRefresh() {
  if (!refresh_timer_->isActive()) refresh_timer_->start();
}

void LossChart::flush() {
  refresh_timer_->stop();
  refresh();
}

void LossChart::refresh() {
  for (Term& t : terms_) t.series->replace(displayPoints(t));
  if (autoscale()) rescale();
  view_->viewport()->update();
}

void LossChart::rescale() {
  double x_max = 0.0, x_min = std::numeric_limits<double>::max();
  double y_min = std::numeric_limits<double>::max(), y_max = std::numeric_limits<double>::lowest();
  for (const Term& t : terms_) {
    if (!t.visible) continue;
    for (const QPointF& p : t.series->points()) {
      x_min = std::min(x_min, p.x());
      x_max = std::max(x_max, p.x());
      y_min = std::min(y_min, p.y());
      y_max = std::max(y_max, p.y());
    }
  }
  if (y_min > y_max) return;  // nothing visible
  if (x_max <= x_min) x_max = x_min + 0.1;
  const double pad = std::max(1e-6, 0.05 * (y_max - y_min));
  axis_x_->setRange(std::min(x_min, 0.0), x_max);
  axis_x_->applyNiceNumbers();
  axis_x_->setLabelFormat(axis_x_->max() < 1.0 ? "%.2f" : axis_x_->max() < 10.0 ? "%.1f" : "%.0f");
  // Losses that are never negative keep 0 as the floor instead of a padded -1 tick.
  axis_y_->setRange(y_min >= 0.0 ? std::max(0.0, y_min - pad) : y_min - pad, y_max + pad);
  axis_y_->setTickCount(6);
  axis_y_->setLabelFormat(y_max - y_min < 0.1 ? "%.3f" : "%.2f");
  view_->viewport()->update();
}

}  // namespace inrgan::ui
