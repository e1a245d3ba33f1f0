#include "ui/stage_timeline.h"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <numeric>

#include "ui/format.h"

namespace inrgan::ui {

namespace {
constexpr int kSegmentHeight = 40;
constexpr int kBarHeight = 16;
constexpr int kGap = 6;
constexpr double kMinSegmentWidth = 96.0;
}  // namespace

StageTimeline::StageTimeline(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setToolTip(tr("Training stages: width proportional to each stage's budget of images"));
}

QSize StageTimeline::sizeHint() const { return {720, kSegmentHeight + kGap + kBarHeight + 4}; }
QSize StageTimeline::minimumSizeHint() const {
  return {240, kSegmentHeight + kGap + kBarHeight + 4};
}

void StageTimeline::setSchedule(std::vector<Stage> stages) {
  stages_ = std::move(stages);
  current_ = 0;
  eta_seconds_ = stage_eta_seconds_ = 0.0;
  finished_ = false;
  update();
}

void StageTimeline::ensureStages(int count) {
  // Events may describe more stages than the planned schedule (a resumed run with another config).
  while (static_cast<int>(stages_.size()) < count) {
    Stage next;
    if (!stages_.empty()) {
      next.patch = stages_.back().patch;
      next.resolution = stages_.back().resolution * 2;
    }
    stages_.push_back(next);
  }
}

void StageTimeline::onStageStarted(const inrgan::StageEvent& event) {
  ensureStages(std::max(event.num_stages, event.stage + 1));
  Stage& s = stages_[static_cast<std::size_t>(event.stage)];
  s.resolution = event.resolution;
  s.patch = event.patch;
  if (event.budget_images > 0) s.budget_images = event.budget_images;
  current_ = event.stage;
  finished_ = false;
  update();
}

void StageTimeline::onStep(const inrgan::StepEvent& event) {
  ensureStages(std::max(event.num_stages, event.stage + 1));
  Stage& s = stages_[static_cast<std::size_t>(event.stage)];
  s.resolution = event.resolution;
  s.patch = event.patch;
  if (event.stage_budget_images > 0) s.budget_images = event.stage_budget_images;
  s.budget_seconds = event.stage_budget_seconds;
  s.shown_images = event.stage_images_shown;
  s.seconds = event.stage_seconds;
  current_ = event.stage;
  eta_seconds_ = event.eta_seconds;
  stage_eta_seconds_ = event.stage_eta_seconds;
  update();
}

void StageTimeline::setFinished(bool finished) {
  finished_ = finished;
  update();
}

double StageTimeline::stageProgress(int stage) const {
  if (stage < 0 || stage >= static_cast<int>(stages_.size())) return 0.0;
  if (finished_ || stage < current_) return 1.0;
  if (stage > current_) return 0.0;
  const Stage& s = stages_[static_cast<std::size_t>(stage)];
  double p = 0.0;
  if (s.budget_images > 0) p = static_cast<double>(s.shown_images) / s.budget_images;
  // With a time budget too, the first budget to run out ends the stage.
  if (s.budget_seconds > 0.0) p = std::max(p, s.seconds / s.budget_seconds);
  return std::clamp(p, 0.0, 1.0);
}

double StageTimeline::overallProgress() const {
  if (stages_.empty()) return 0.0;
  double total = 0.0, done = 0.0;
  for (std::size_t k = 0; k < stages_.size(); ++k) {
    const double w = stages_[k].budget_images > 0 ? static_cast<double>(stages_[k].budget_images) : 1.0;
    total += w;
    done += w * stageProgress(static_cast<int>(k));
  }
  return total > 0.0 ? done / total : 0.0;
}

QString StageTimeline::summaryText() const {
  QString text = tr("%1% overall").arg(overallProgress() * 100.0, 0, 'f', 1);
  if (finished_) return text + tr(" · done");
  if (eta_seconds_ > 0.0) {
    text += tr(" · ETA %1").arg(formatDuration(eta_seconds_));
    if (stage_eta_seconds_ > 0.0 && stages_.size() > 1)
      text += tr(" (stage %1: %2)").arg(current_).arg(formatDuration(stage_eta_seconds_));
  }
  return text;
}

std::vector<QRectF> StageTimeline::segmentRects(const QRectF& area) const {
  const std::size_t n = stages_.size();
  std::vector<QRectF> rects;
  if (n == 0) return rects;
  std::vector<double> weights(n);
  for (std::size_t k = 0; k < n; ++k)
    weights[k] = stages_[k].budget_images > 0 ? static_cast<double>(stages_[k].budget_images) : 0.0;
  double sum = std::accumulate(weights.begin(), weights.end(), 0.0);
  if (sum <= 0.0) {  // no budgets known: equal widths
    std::fill(weights.begin(), weights.end(), 1.0);
    sum = static_cast<double>(n);
  }
  const double usable = area.width() - kGap * static_cast<double>(n - 1);
  // Proportional widths, but every label stays readable when there is room for it.
  const double floor_width = std::min(kMinSegmentWidth, usable / static_cast<double>(n));
  const double spare = usable - floor_width * static_cast<double>(n);
  double x = area.left();
  for (std::size_t k = 0; k < n; ++k) {
    const double w = floor_width + spare * weights[k] / sum;
    rects.emplace_back(x, area.top(), w, area.height());
    x += w + kGap;
  }
  return rects;
}

void StageTimeline::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QPalette& pal = palette();
  const QColor base = pal.color(QPalette::Base);
  const QColor text = pal.color(QPalette::WindowText);
  const QColor accent = pal.color(QPalette::Highlight);
  const QColor done_fill = accent.darker(140);

  const QRectF strip(1, 1, width() - 2, kSegmentHeight);
  if (stages_.empty()) {
    p.setPen(pal.color(QPalette::PlaceholderText));
    p.drawText(strip, Qt::AlignCenter, tr("No run: choose a preset and press Start"));
  }
  const std::vector<QRectF> rects = segmentRects(strip);
  QFont small = font();
  small.setPointSizeF(font().pointSizeF() * 0.85);
  for (std::size_t k = 0; k < rects.size(); ++k) {
    const Stage& s = stages_[k];
    const int stage = static_cast<int>(k);
    const bool current = stage == current_ && !finished_;
    const QRectF r = rects[k];
    QPainterPath path;
    path.addRoundedRect(r, 4, 4);
    p.fillPath(path, current ? base.lighter(130) : base);
    const double progress = stageProgress(stage);
    if (progress > 0.0) {
      p.save();
      p.setClipPath(path);
      p.fillRect(QRectF(r.left(), r.top(), r.width() * progress, r.height()),
                 current ? accent : done_fill);
      p.restore();
    }
    p.setPen(QPen(current ? accent.lighter(150) : pal.color(QPalette::Mid), current ? 2.0 : 1.0));
    p.drawPath(path);

    p.setPen(text);
    QFont bold = font();
    bold.setBold(current);
    p.setFont(bold);
    const QString title = s.resolution > 0
                              ? tr("stage %1 · %2 px").arg(stage).arg(s.resolution)
                              : tr("stage %1").arg(stage);
    p.drawText(r.adjusted(4, 2, -4, -r.height() / 2), Qt::AlignCenter, title);
    p.setFont(small);
    QString detail;
    if (s.budget_images > 0) {
      detail = stage == current_ && !finished_
                   ? QStringLiteral("%1 / %2").arg(formatKimg(s.shown_images), formatKimg(s.budget_images))
                   : formatKimg(s.budget_images);
    }
    if (s.budget_seconds > 0.0) {
      detail += (detail.isEmpty() ? QString() : QStringLiteral(" · ")) +
                tr("≤ %1").arg(formatDuration(s.budget_seconds));
    }
    p.drawText(r.adjusted(4, r.height() / 2, -4, -2), Qt::AlignCenter, detail);
  }

  // Overall bar, like a QProgressBar, with the ETA.
  const QRectF bar(1, kSegmentHeight + kGap + 1, width() - 2, kBarHeight);
  QPainterPath bar_path;
  bar_path.addRoundedRect(bar, 3, 3);
  p.fillPath(bar_path, base);
  p.save();
  p.setClipPath(bar_path);
  p.fillRect(QRectF(bar.left(), bar.top(), bar.width() * overallProgress(), bar.height()), done_fill);
  p.restore();
  p.setPen(pal.color(QPalette::Mid));
  p.drawPath(bar_path);
  p.setFont(small);
  p.setPen(text);
  p.drawText(bar, Qt::AlignCenter, summaryText());
}

}  // namespace inrgan::ui
