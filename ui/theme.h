// The studio's look: Fusion with a dark palette (samples of night-sky photos read better on dark).
#pragma once

class QApplication;

namespace inrgan::ui {

void applyDarkTheme(QApplication& app);

}  // namespace inrgan::ui
