// The training schedule as a strip: one segment per stage (width proportional to its budget) with
// its progress, the current stage highlighted, and an overall bar with the ETA underneath.
#pragma once

#include <QWidget>

#include <cstdint>
#include <vector>

#include "core/session/events.h"
#include "ui/event_metatypes.h"

namespace inrgan::ui {

class StageTimeline : public QWidget {
  Q_OBJECT

 public:
  struct Stage {
    int resolution = 0;               // r_k
    int patch = 0;                    // P
    std::int64_t budget_images = 0;
    double budget_seconds = 0.0;      // 0 = no time budget
    std::int64_t shown_images = 0;
    double seconds = 0.0;
  };

  explicit StageTimeline(QWidget* parent = nullptr);

  // The planned stages, before any step has run (from the config). Clears all progress.
  void setSchedule(std::vector<Stage> stages);
  const std::vector<Stage>& stages() const { return stages_; }

  int currentStage() const { return current_; }
  // 0..1; stages before the current one count as done.
  double stageProgress(int stage) const;
  // 0..1, weighted by stage budgets (what the filled part of the strip shows).
  double overallProgress() const;
  double etaSeconds() const { return eta_seconds_; }
  QString summaryText() const;

  QSize sizeHint() const override;
  QSize minimumSizeHint() const override;

 public Q_SLOTS:
  void onStageStarted(const inrgan::StageEvent& event);
  void onStep(const inrgan::StepEvent& event);
  void setFinished(bool finished);

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  void ensureStages(int count);
  std::vector<QRectF> segmentRects(const QRectF& area) const;

  std::vector<Stage> stages_;
  int current_ = 0;
  double eta_seconds_ = 0.0;
  double stage_eta_seconds_ = 0.0;
  bool finished_ = false;
};

}  // namespace inrgan::ui
