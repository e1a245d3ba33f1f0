// The Explore tab: the canvas and its side panel. Every change of the view, the canvas size, the
// latent or the generator becomes one RenderRequest for exactly the visible view at device-pixel
// resolution; the renderer answers coarse levels first, and the canvas shows each as it arrives.
// The generator is a checkpoint (loaded by the renderer on its worker, never here) or a snapshot of
// the live EMA generator of the running session.
#pragma once

#include <QPointer>
#include <QString>
#include <QWidget>

#include <optional>

#include "core/render/render_request.h"
#include "core/session/events.h"
#include "ui/event_metatypes.h"
#include "ui/explore_controls.h"

namespace inrgan::ui {

class ExploreCanvas;
class ExportDialog;
class RenderController;

class ExplorePanel : public QWidget {
  Q_OBJECT

 public:
  explicit ExplorePanel(QWidget* parent = nullptr);
  ~ExplorePanel() override;

  ExploreCanvas* canvas() const { return canvas_; }
  ExploreControls* controls() const { return controls_; }
  // The request submitted last (nullopt before the first).
  const std::optional<inrgan::RenderRequest>& lastRequest() const { return last_request_; }

 public Q_SLOTS:
  // A checkpoint file or a run folder (its newest checkpoint); problems show as render errors.
  void openCheckpoint(const QString& checkpoint_or_run_dir);
  void onGeneratorSnapshot(const inrgan::GeneratorSnapshotEvent& event);
  void onTrainingState(inrgan::SessionState state);
  void openExportDialog();

 Q_SIGNALS:
  // The live source wants a fresh snapshot of the training generator.
  void snapshotRequested();
  // A render failed (shown in the panel too); for the status bar.
  void errorOccurred(const QString& message);

 private:
  inrgan::RenderSource currentSource() const;
  QString sourceText() const;
  // Submits a request for the canvas's view and size, if there is a source and a size.
  void render();
  void onSourceChanged(ExploreControls::Source source);
  void onResult(const inrgan::RenderResult& result);
  void onProgress(const inrgan::RenderProgress& progress);
  void onFailed(const QString& message);
  void updatePlaceholder();

  ExploreCanvas* canvas_ = nullptr;
  ExploreControls* controls_ = nullptr;
  RenderController* renderer_ = nullptr;
  QPointer<ExportDialog> export_dialog_;

  QString checkpoint_;                       // chosen checkpoint or run folder
  inrgan::GeneratorSourcePtr live_;          // the snapshot rendered in live mode
  std::int64_t live_step_ = 0;
  inrgan::GeneratorSnapshotEvent newest_snapshot_;  // kept while not following
  bool snapshot_wanted_ = false;             // "Snapshot now" was clicked: take the next one
  bool training_ = false;
  std::optional<inrgan::RenderRequest> last_request_;
  QString result_label_;                     // the source as the renderer named it
  std::int64_t result_step_ = 0;
  int result_resolution_ = 0;
};

}  // namespace inrgan::ui
