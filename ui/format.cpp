#include "ui/format.h"

#include <cmath>
#include <cstring>

namespace inrgan::ui {

QString formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds <= 0.0) return QStringLiteral("-");
  const auto total = static_cast<std::int64_t>(std::llround(seconds));
  const std::int64_t h = total / 3600, m = (total % 3600) / 60, s = total % 60;
  if (h > 0) return QStringLiteral("%1 h %2 min").arg(h).arg(m, 2, 10, QLatin1Char('0'));
  if (m > 0) return QStringLiteral("%1 min %2 s").arg(m).arg(s, 2, 10, QLatin1Char('0'));
  return QStringLiteral("%1 s").arg(s);
}

QString formatBytes(std::int64_t bytes) {
  if (bytes <= 0) return QStringLiteral("-");
  const double mb = static_cast<double>(bytes) / (1024.0 * 1024.0);
  if (mb >= 1024.0) return QStringLiteral("%1 GB").arg(mb / 1024.0, 0, 'f', 1);
  return QStringLiteral("%1 MB").arg(mb, 0, 'f', 0);
}

QString formatKimg(std::int64_t images) {
  const double k = static_cast<double>(images) / 1000.0;
  return QStringLiteral("%1 kimg").arg(k, 0, 'f', k >= 1000.0 ? 0 : 1);
}

QString stateText(SessionState state) {
  switch (state) {
    case SessionState::Idle: return QStringLiteral("idle");
    case SessionState::Preparing: return QStringLiteral("preparing");
    case SessionState::Running: return QStringLiteral("running");
    case SessionState::Paused: return QStringLiteral("paused");
    case SessionState::Stopping: return QStringLiteral("stopping");
    case SessionState::Finished: return QStringLiteral("finished");
    case SessionState::Failed: return QStringLiteral("failed");
  }
  return QStringLiteral("?");
}

bool isActive(SessionState state) {
  return state == SessionState::Preparing || state == SessionState::Running ||
         state == SessionState::Paused || state == SessionState::Stopping;
}

QImage toQImage(const RgbImage& image) {
  if (image.empty() ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * image.height * 3) {
    return {};
  }
  QImage out(image.width, image.height, QImage::Format_RGB888);
  const std::size_t row = static_cast<std::size_t>(image.width) * 3;
  for (int y = 0; y < image.height; ++y) {
    std::memcpy(out.scanLine(y), image.pixels.data() + row * y, row);
  }
  return out;
}

QColor paletteColor(int index) {
  // Tableau-like colours that stay readable on a dark background.
  static const QColor colors[] = {
      QColor(0x4e, 0x9a, 0xf1), QColor(0xf2, 0x8e, 0x2b), QColor(0x59, 0xc2, 0x5b),
      QColor(0xe1, 0x57, 0x59), QColor(0xb0, 0x7a, 0xe0), QColor(0xed, 0xc9, 0x48),
      QColor(0x76, 0xd7, 0xc4), QColor(0xff, 0x9d, 0xa7), QColor(0x9c, 0x75, 0x5f),
      QColor(0xba, 0xb0, 0xac)};
  constexpr int n = sizeof(colors) / sizeof(colors[0]);
  return colors[((index % n) + n) % n];
}

}  // namespace inrgan::ui
