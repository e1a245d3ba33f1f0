// The Explore tab's side panel: which generator (a checkpoint or the live training snapshot), which
// latent (seed, psi, interpolation towards seed B), and read-outs of the view and the render in
// progress. Only widgets: ExplorePanel decides what a change means.
#pragma once

#include <QSize>
#include <QString>
#include <QWidget>

#include "core/geometry/view.h"
#include "core/render/render_request.h"

class QButtonGroup;
class QCheckBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QSlider;
class QSpinBox;

namespace inrgan::ui {

class ExploreControls : public QWidget {
  Q_OBJECT

 public:
  enum class Source { Checkpoint, Live };

  explicit ExploreControls(QWidget* parent = nullptr);

  Source source() const;
  void setSource(Source source);
  bool followTraining() const;
  inrgan::Latent latent() const;
  double psi() const;

  // What the source is: "ckpt-000000020.pt · step 20 · trained at 16 px".
  void setSourceText(const QString& text);
  // Live controls are usable while a session runs or once a snapshot has arrived.
  void setLiveAvailable(bool available, bool training);
  void showView(const inrgan::View& view, const QSize& device_pixels);
  // "level 2/4 · 84 ms"; `fraction` of the request's work is done.
  void showRenderStatus(const QString& text, double fraction);
  // An error (empty: none) shown in the panel until the next success.
  void showError(const QString& message);
  void setExportEnabled(bool enabled);

  QSpinBox* seedBox() const { return seed_; }
  QSpinBox* seedBBox() const { return seed_b_; }
  QSlider* psiSlider() const { return psi_; }
  QSlider* mixSlider() const { return mix_; }
  QCheckBox* interpolateBox() const { return interpolate_; }
  QPushButton* exportButton() const { return export_; }
  QLabel* zoomLabel() const { return zoom_; }
  QLabel* resolutionLabel() const { return resolution_; }
  QLabel* renderLabel() const { return render_; }
  QLabel* errorLabel() const { return error_; }

  // "64×", "1.5×", "0.25×".
  static QString zoomText(double zoom);

 Q_SIGNALS:
  void sourceChanged(inrgan::ui::ExploreControls::Source source);
  void openCheckpointClicked();
  void followTrainingToggled(bool follow);
  void snapshotClicked();
  // Seed, seed B, psi or the mix changed.
  void latentChanged();
  void resetViewClicked();
  void exportClicked();

 private:
  QRadioButton* checkpoint_radio_ = nullptr;
  QRadioButton* live_radio_ = nullptr;
  QButtonGroup* source_group_ = nullptr;
  QPushButton* open_ = nullptr;
  QLabel* source_text_ = nullptr;
  QCheckBox* follow_ = nullptr;
  QPushButton* snapshot_ = nullptr;
  QSpinBox* seed_ = nullptr;
  QSlider* psi_ = nullptr;
  QLabel* psi_value_ = nullptr;
  QCheckBox* interpolate_ = nullptr;
  QSpinBox* seed_b_ = nullptr;
  QSlider* mix_ = nullptr;
  QLabel* mix_value_ = nullptr;
  QLabel* zoom_ = nullptr;
  QLabel* resolution_ = nullptr;
  QLabel* view_ = nullptr;
  QLabel* render_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* error_ = nullptr;
  QPushButton* export_ = nullptr;
};

}  // namespace inrgan::ui
