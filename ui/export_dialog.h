// Export at sizes the screen cannot show: the current view, the training domain or a typed
// rectangle, at any width x height up to kMaxExportSide, for this seed, a batch of seeds (one file
// each) or an interpolation strip (one file). The export streams into the PNG on a worker thread
// with progress, ETA and Cancel; the dialog stays responsive and may be closed at any time (a
// running export is cancelled first, and leaves no partial file).
#pragma once

#include <QDialog>
#include <QString>

#include <atomic>
#include <thread>
#include <vector>

#include "core/geometry/view.h"
#include "core/render/export_png.h"
#include "core/render/render_request.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace inrgan::ui {

// What the Explore view shows when the dialog opens.
struct ExportContext {
  inrgan::RenderSource source;
  QString source_label;
  inrgan::Latent latent;
  double psi = 1.0;
  inrgan::View canvas_view;
};

class ExportDialog : public QDialog {
  Q_OBJECT

 public:
  enum class Area { CanvasView, TrainingDomain, Typed };
  enum class Mode { ThisSeed, SeedRange, Strip };

  explicit ExportDialog(ExportContext context, QWidget* parent = nullptr);
  ~ExportDialog() override;  // cancels and joins a running export

  // The files to write as the dialog stands, or an empty list with *error saying what is wrong
  // (a bad rectangle, seed list, size or output path).
  std::vector<inrgan::ExportSpec> jobs(QString* error) const;
  bool isRunning() const { return worker_.joinable(); }
  // The text under the progress bar: a problem, the progress, or the result.
  QString message() const;

  QComboBox* areaCombo() const { return area_; }
  QLineEdit* rectEdit() const { return rect_; }
  QSpinBox* widthBox() const { return width_; }
  QSpinBox* heightBox() const { return height_; }
  QCheckBox* keepAspectBox() const { return keep_aspect_; }
  QComboBox* modeCombo() const { return mode_; }
  QLineEdit* seedsEdit() const { return seeds_; }
  QSpinBox* framesBox() const { return frames_; }
  QLineEdit* outputEdit() const { return output_; }

 public Q_SLOTS:
  // Validates, then starts the export; false (and the message says why) when it cannot start.
  bool startExport();
  void cancelExport();
  // Closing while an export runs cancels it first and closes when the worker has stopped.
  void reject() override;

 Q_SIGNALS:
  void exportFinished(bool ok, const QString& message);

 private:
  inrgan::View exportView(QString* error) const;
  void keepAspect(bool width_changed);
  void updateSummary();
  void setRunning(bool running);
  void showMessage(const QString& text, bool error);
  void onProgress(double fraction, double elapsed, double eta);
  void onFinished(const inrgan::ExportOutcome& outcome, int files_done, int files_total);

  ExportContext context_;
  QComboBox* area_ = nullptr;
  QLineEdit* rect_ = nullptr;
  QSpinBox* width_ = nullptr;
  QSpinBox* height_ = nullptr;
  QCheckBox* keep_aspect_ = nullptr;
  QLabel* summary_ = nullptr;
  QComboBox* mode_ = nullptr;
  QLineEdit* seeds_ = nullptr;
  QSpinBox* seed_a_ = nullptr;
  QSpinBox* seed_b_ = nullptr;
  QSpinBox* frames_ = nullptr;
  QLineEdit* output_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* message_ = nullptr;
  QPushButton* start_ = nullptr;
  QPushButton* close_ = nullptr;
  QList<QWidget*> inputs_;  // disabled while exporting
  bool adjusting_aspect_ = false;
  bool close_when_stopped_ = false;
  std::thread worker_;
  std::atomic<bool> cancel_{false};
};

}  // namespace inrgan::ui
