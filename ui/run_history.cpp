#include "ui/run_history.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace inrgan::ui {

std::vector<inrgan::StepEvent> readStatsHistory(const QString& run_dir) {
  std::vector<inrgan::StepEvent> events;
  QFile file(QDir(run_dir).filePath(QStringLiteral("stats.jsonl")));
  if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) return events;
  while (!file.atEnd()) {
    const QByteArray line = file.readLine().trimmed();
    if (line.isEmpty()) continue;
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject()) continue;  // a torn last line
    const QJsonObject o = doc.object();
    inrgan::StepEvent e;
    e.step = static_cast<std::int64_t>(o.value("step").toDouble());
    e.stage = o.value("stage").toInt();
    e.resolution = o.value("resolution").toInt();
    e.images_shown = static_cast<std::int64_t>(std::llround(o.value("kimg").toDouble() * 1000.0));
    e.stage_images_shown =
        static_cast<std::int64_t>(std::llround(o.value("stage_kimg").toDouble() * 1000.0));
    e.images_per_second = o.value("images_per_second").toDouble();
    e.eta_seconds = o.value("eta_seconds").toDouble();
    e.peak_memory_bytes =
        static_cast<std::int64_t>(o.value("peak_memory_mb").toDouble() * 1024.0 * 1024.0);
    const QJsonObject losses = o.value("loss").toObject();
    for (auto it = losses.begin(); it != losses.end(); ++it)
      e.losses.emplace_back(it.key().toStdString(), it.value().toDouble(NAN));
    events.push_back(std::move(e));
  }
  return events;
}

QImage readLatestSample(const QString& run_dir) {
  return QImage(QDir(run_dir).filePath(QStringLiteral("samples/latest.png")));
}

}  // namespace inrgan::ui
