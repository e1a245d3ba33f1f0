// One real image of the current stage (resized to r_k) with the P x P windows that were cropped
// from it, so the user sees what the discriminator is shown.
#pragma once

#include <QImage>
#include <QWidget>

#include <vector>

#include "core/session/events.h"
#include "ui/event_metatypes.h"

namespace inrgan::ui {

class PatchOverlayView : public QWidget {
  Q_OBJECT

 public:
  explicit PatchOverlayView(QWidget* parent = nullptr);

  const QImage& image() const { return image_; }
  const std::vector<PatchWindow>& windows() const { return windows_; }
  int windowCount() const { return static_cast<int>(windows_.size()); }
  int resolution() const { return resolution_; }
  QString caption() const;

  QSize sizeHint() const override { return {360, 380}; }
  QSize minimumSizeHint() const override { return {140, 160}; }

 public Q_SLOTS:
  void onOverlay(const inrgan::PatchOverlayEvent& event);
  void clear();

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QImage image_;
  std::vector<PatchWindow> windows_;
  int stage_ = 0;
  int resolution_ = 0;
};

}  // namespace inrgan::ui
