// Loss curves over images shown: one line per loss term, vertical markers where a stage begins,
// optional EMA smoothing, autoscale, and decimation so that long runs stay cheap to draw.
#pragma once

#include <QPen>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <vector>

#include "core/session/events.h"
#include "ui/event_metatypes.h"

class QCheckBox;
class QChart;
class QDoubleSpinBox;
class QLineSeries;
class QTimer;
class QValueAxis;

namespace inrgan::ui {

class LossChartView;

class LossChart : public QWidget {
  Q_OBJECT

 public:
  explicit LossChart(QWidget* parent = nullptr);

  // Most points drawn per series; longer histories are reduced to this many.
  static constexpr int kMaxDisplayPoints = 1200;

  QStringList termNames() const;
  // Names in the order the legend lists them.
  QStringList legendOrder() const;
  // Points received (x = kimg, y = loss) for one term; non-finite values are not plotted.
  std::vector<QPointF> points(const QString& term) const;
  // Points currently in the drawn series (after smoothing and decimation).
  int displayedPointCount(const QString& term) const;
  bool isTermVisible(const QString& term) const;
  // x (kimg) of each stage change, and the stage that began there.
  const std::vector<std::pair<double, int>>& stageMarkers() const { return markers_; }
  int nonFiniteCount() const { return non_finite_; }

  bool smoothing() const;
  void setSmoothing(bool on);
  bool autoscale() const;
  void setAutoscale(bool on);
  void setTermVisible(const QString& term, bool visible);

  // Redraws now instead of at the next refresh tick (tests, screenshots).
  void flush();

 public Q_SLOTS:
  void onStep(const inrgan::StepEvent& event);
  void clear();

 private:
  struct Term {
    QString name;
    std::vector<QPointF> raw;
    QLineSeries* series = nullptr;
    QPen pen;
    bool visible = true;
  };
  Term& term(const QString& name);
  const Term* findTerm(const QString& name) const;
  QList<QPointF> displayPoints(const Term& term) const;
  void rebuildLegend();
  void scheduleRefresh();
  void refresh();
  void rescale();

  QChart* chart_ = nullptr;
  QValueAxis* axis_x_ = nullptr;
  QValueAxis* axis_y_ = nullptr;
  QCheckBox* smooth_box_ = nullptr;
  QDoubleSpinBox* smooth_weight_ = nullptr;
  QCheckBox* autoscale_box_ = nullptr;
  QTimer* refresh_timer_ = nullptr;
  LossChartView* view_ = nullptr;

  std::vector<Term> terms_;
  std::vector<std::pair<double, int>> markers_;
  int last_stage_ = -1;
  int non_finite_ = 0;
};

}  // namespace inrgan::ui
