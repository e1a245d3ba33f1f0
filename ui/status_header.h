// One line of live numbers above the plots: state, stage k/K, resolution, step, throughput, ETA and
// peak memory.
#pragma once

#include <QMap>
#include <QString>
#include <QWidget>

#include "core/session/events.h"
#include "ui/event_metatypes.h"

class QLabel;

namespace inrgan::ui {

class StatusHeader : public QWidget {
  Q_OBJECT

 public:
  explicit StatusHeader(QWidget* parent = nullptr);

  // The shown value of a field: "state", "stage", "resolution", "step", "images/s", "sec/kimg",
  // "ETA", "peak memory".
  QString value(const QString& field) const;

 public Q_SLOTS:
  void onStep(const inrgan::StepEvent& event);
  void onStageStarted(const inrgan::StageEvent& event);
  void onState(inrgan::SessionState state, const QString& message);
  void clear();

 private:
  void set(const QString& field, const QString& text);

  QMap<QString, QLabel*> values_;
};

}  // namespace inrgan::ui
