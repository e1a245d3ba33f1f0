// The session's log: skipped files with reasons, checkpoints written, state changes and errors,
// each line time-stamped and coloured by level.
#pragma once

#include <QPlainTextEdit>

#include "core/session/events.h"
#include "ui/event_metatypes.h"

namespace inrgan::ui {

class LogPanel : public QPlainTextEdit {
  Q_OBJECT

 public:
  explicit LogPanel(QWidget* parent = nullptr);

  int warningCount() const { return warnings_; }
  int errorCount() const { return errors_; }
  QString lastError() const { return last_error_; }

 public Q_SLOTS:
  void append(inrgan::LogLevel level, const QString& message);
  void onLog(const inrgan::LogEvent& event);
  void onCheckpoint(const inrgan::CheckpointEvent& event);
  void onState(inrgan::SessionState state, const QString& message);

 Q_SIGNALS:
  void countsChanged(int warnings, int errors);

 private:
  int warnings_ = 0;
  int errors_ = 0;
  QString last_error_;
};

}  // namespace inrgan::ui
