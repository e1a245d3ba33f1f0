// What an earlier session of a run folder already showed, so that a resumed run's plots continue
// instead of starting empty: the loss history from stats.jsonl and the newest sample grid.
#pragma once

#include <QImage>
#include <QString>

#include <vector>

#include "core/session/events.h"

namespace inrgan::ui {

// One StepEvent per stats.jsonl line (step, stage, resolution, images shown, losses, speed, ETA,
// memory); lines that do not parse are skipped. Empty when the file is missing.
std::vector<inrgan::StepEvent> readStatsHistory(const QString& run_dir);

// samples/latest.png of the run folder, or a null image.
QImage readLatestSample(const QString& run_dir);

}  // namespace inrgan::ui
