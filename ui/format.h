// Short human-readable texts for numbers the studio shows everywhere (durations, sizes, images).
#pragma once

#include <QColor>
#include <QImage>
#include <QString>

#include <cstdint>

#include "core/session/events.h"

namespace inrgan::ui {

// "45 s", "3 min 20 s", "1 h 02 min"; "-" for unknown (<= 0 or not finite).
QString formatDuration(double seconds);
// "412 MB", "1.3 GB"; "-" for 0.
QString formatBytes(std::int64_t bytes);
// Images shown as kimg: "0.4 kimg", "22.0 kimg", "1250 kimg".
QString formatKimg(std::int64_t images);
// Friendly name of a session state ("running", "failed", ...).
QString stateText(SessionState state);
// Whether a session in this state still owns a worker that can be paused or stopped.
bool isActive(SessionState state);

// Deep copy of an 8-bit RGB image (empty image for an empty or inconsistent one).
QImage toQImage(const RgbImage& image);

// A fixed palette of distinguishable colours for series and windows.
QColor paletteColor(int index);

}  // namespace inrgan::ui
