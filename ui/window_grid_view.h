// A schematic of the current stage's r_k x r_k grid with the windows the generator rendered in the
// latest step (filled) and the windows the real crops came from (dashed): where patches are sampled.
#pragma once

#include <QWidget>

#include <vector>

#include "core/session/events.h"
#include "ui/event_metatypes.h"

namespace inrgan::ui {

class WindowGridView : public QWidget {
  Q_OBJECT

 public:
  explicit WindowGridView(QWidget* parent = nullptr);

  int resolution() const { return resolution_; }
  int patch() const { return patch_; }
  const std::vector<PatchWindow>& fakeWindows() const { return fake_; }
  const std::vector<PatchWindow>& realWindows() const { return real_; }
  QString caption() const;

  QSize sizeHint() const override { return {300, 340}; }
  QSize minimumSizeHint() const override { return {140, 160}; }

 public Q_SLOTS:
  void onStep(const inrgan::StepEvent& event);
  void clear();

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  int stage_ = 0;
  int resolution_ = 0;
  int patch_ = 0;
  std::vector<PatchWindow> fake_;
  std::vector<PatchWindow> real_;
};

}  // namespace inrgan::ui
