#include "ui/log_panel.h"

#include <QFontDatabase>
#include <QTime>

#include "ui/format.h"

namespace inrgan::ui {

LogPanel::LogPanel(QWidget* parent) : QPlainTextEdit(parent) {
  setReadOnly(true);
  setMaximumBlockCount(20000);  // a run that skips many files must not grow this without bound
  setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  setLineWrapMode(QPlainTextEdit::WidgetWidth);
  setPlaceholderText(tr("Log: skipped files, checkpoints, warnings and errors"));
}

void LogPanel::append(inrgan::LogLevel level, const QString& message) {
  QString color;
  QString tag;
  switch (level) {
    case LogLevel::Info: tag = QStringLiteral("info"); break;
    case LogLevel::Warning:
      tag = QStringLiteral("warn");
      color = QStringLiteral("#edc948");
      ++warnings_;
      break;
    case LogLevel::Error:
      tag = QStringLiteral("error");
      color = QStringLiteral("#e15759");
      ++errors_;
      last_error_ = message;
      break;
  }
  QString line = QStringLiteral("%1 %2  %3")
                     .arg(QTime::currentTime().toString(QStringLiteral("hh:mm:ss")), tag.leftJustified(5),
                          message.toHtmlEscaped());
  line.replace(QLatin1Char('\n'), QStringLiteral("<br>"));
  if (!color.isEmpty()) line = QStringLiteral("<span style=\"color:%1\">%2</span>").arg(color, line);
  appendHtml(QStringLiteral("<pre style=\"margin:0\">%1</pre>").arg(line));
  if (level != LogLevel::Info) Q_EMIT countsChanged(warnings_, errors_);
}

void LogPanel::onLog(const inrgan::LogEvent& event) {
  append(event.level, QString::fromStdString(event.message));
}

void LogPanel::onCheckpoint(const inrgan::CheckpointEvent& event) {
  append(LogLevel::Info, tr("checkpoint at step %1: %2")
                             .arg(event.step)
                             .arg(QString::fromStdString(event.file.string())));
}

void LogPanel::onState(inrgan::SessionState state, const QString& message) {
  // A failure's message is logged once, by whoever shows the error (MainWindow::showError).
  if (state == SessionState::Failed) return;
  append(LogLevel::Info, tr("session %1%2")
                             .arg(stateText(state))
                             .arg(message.isEmpty() ? QString() : QStringLiteral(": ") + message));
}

}  // namespace inrgan::ui
