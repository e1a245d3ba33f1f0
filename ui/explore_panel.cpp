#include "ui/explore_panel.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>

#include <cmath>
#include <utility>

#include "ui/explore_canvas.h"
#include "ui/export_dialog.h"
#include "ui/format.h"
#include "ui/render_controller.h"

namespace inrgan::ui {

namespace {
// A level of divisor d evaluates 1/d^2 of the final level's pixels: weigh progress by that.
double levelWeight(int divisor) { return 1.0 / (static_cast<double>(divisor) * divisor); }

double requestFraction(const inrgan::RenderRequest& request, int level, double level_fraction) {
  double done = 0.0, total = 0.0;
  for (std::size_t i = 0; i < request.levels.size(); ++i) {
    const double w = levelWeight(request.levels[i]);
    total += w;
    if (static_cast<int>(i) < level) done += w;
    if (static_cast<int>(i) == level) done += w * level_fraction;
  }
  return total > 0.0 ? done / total : 0.0;
}
}  // namespace

ExplorePanel::ExplorePanel(QWidget* parent) : QWidget(parent) {
  canvas_ = new ExploreCanvas;
  controls_ = new ExploreControls;
  renderer_ = new RenderController(this);

  auto* scroll = new QScrollArea;
  scroll->setWidget(controls_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  scroll->setFixedWidth(340);

  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(6, 6, 6, 2);
  layout->addWidget(canvas_, 1);
  layout->addWidget(scroll);

  connect(canvas_, &ExploreCanvas::viewChanged, this, [this](const inrgan::View& view, const QSize& size) {
    controls_->showView(view, size);
    render();
  });
  connect(controls_, &ExploreControls::latentChanged, this, &ExplorePanel::render);
  connect(controls_, &ExploreControls::sourceChanged, this, &ExplorePanel::onSourceChanged);
  connect(controls_, &ExploreControls::openCheckpointClicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Open checkpoint"), checkpoint_,
                                                      tr("Checkpoints (*.pt);;All files (*)"));
    if (!file.isEmpty()) openCheckpoint(file);
  });
  connect(controls_, &ExploreControls::followTrainingToggled, this, [this](bool follow) {
    // Catch up with the snapshots that arrived while not following.
    if (follow && newest_snapshot_.generator && newest_snapshot_.generator != live_)
      onGeneratorSnapshot(newest_snapshot_);
  });
  connect(controls_, &ExploreControls::snapshotClicked, this, [this] {
    snapshot_wanted_ = true;
    Q_EMIT snapshotRequested();
  });
  connect(controls_, &ExploreControls::resetViewClicked, canvas_, &ExploreCanvas::resetView);
  connect(controls_, &ExploreControls::exportClicked, this, &ExplorePanel::openExportDialog);
  connect(renderer_, &RenderController::resultReady, this, &ExplorePanel::onResult);
  connect(renderer_, &RenderController::progressed, this, &ExplorePanel::onProgress);
  connect(renderer_, &RenderController::renderFailed, this,
          [this](quint64, const QString& message) { onFailed(message); });
  updatePlaceholder();
}

// The render controller (a child) joins its worker before the canvas goes.
ExplorePanel::~ExplorePanel() = default;

inrgan::RenderSource ExplorePanel::currentSource() const {
  inrgan::RenderSource source;
  if (controls_->source() == ExploreControls::Source::Live) {
    source.generator = live_;
  } else if (!checkpoint_.isEmpty()) {
    source.checkpoint = checkpoint_.toStdString();
  }
  return source;
}

QString ExplorePanel::sourceText() const {
  if (!result_label_.isEmpty()) {
    return tr("%1 · step %2 · trained at %3 px").arg(result_label_).arg(result_step_).arg(result_resolution_);
  }
  if (controls_->source() == ExploreControls::Source::Live) {
    return live_ ? tr("live snapshot · step %1 · rendering…").arg(live_step_)
                 : tr("waiting for a snapshot of the training generator…");
  }
  return checkpoint_.isEmpty() ? tr("no checkpoint open") : tr("%1 · loading…").arg(QFileInfo(checkpoint_).fileName());
}

void ExplorePanel::updatePlaceholder() {
  const bool live = controls_->source() == ExploreControls::Source::Live;
  canvas_->setPlaceholder(live ? tr("Waiting for a snapshot of the training generator…")
                               : tr("Open a checkpoint (.pt) or a run folder to explore its generator.\n"
                                    "While training runs, choose Live training."));
  controls_->setSourceText(sourceText());
  controls_->setExportEnabled(!currentSource().empty());
}

void ExplorePanel::render() {
  inrgan::RenderSource source = currentSource();
  const QSize size = canvas_->devicePixelSize();
  if (source.empty() || size.isEmpty()) return;
  inrgan::RenderRequest request;
  request.source = std::move(source);
  request.latent = controls_->latent();
  request.psi = controls_->psi();
  request.view = canvas_->view();
  request.width = size.width();
  request.height = size.height();
  last_request_ = request;
  renderer_->submit(std::move(request));
  controls_->showRenderStatus(tr("rendering…"), 0.0);
}

void ExplorePanel::openCheckpoint(const QString& checkpoint_or_run_dir) {
  checkpoint_ = checkpoint_or_run_dir;
  result_label_.clear();
  controls_->showError({});
  controls_->setSource(ExploreControls::Source::Checkpoint);
  canvas_->clearImage();  // another generator: the old picture would mislead
  updatePlaceholder();
  render();
}

void ExplorePanel::onSourceChanged(ExploreControls::Source source) {
  result_label_.clear();
  controls_->showError({});
  if (source == ExploreControls::Source::Live) {
    if (newest_snapshot_.generator) {
      live_ = newest_snapshot_.generator;
      live_step_ = newest_snapshot_.step;
    } else if (training_) {
      snapshot_wanted_ = true;
      Q_EMIT snapshotRequested();
    }
  }
  canvas_->clearImage();
  updatePlaceholder();
  render();
}

void ExplorePanel::onGeneratorSnapshot(const inrgan::GeneratorSnapshotEvent& event) {
  if (!event.generator) return;
  newest_snapshot_ = event;
  // The first snapshot of a studio with nothing open: show the training generator.
  if (controls_->source() == ExploreControls::Source::Checkpoint && checkpoint_.isEmpty()) {
    controls_->setSource(ExploreControls::Source::Live);
  }
  controls_->setLiveAvailable(true, training_);
  if (controls_->source() != ExploreControls::Source::Live) return;
  const bool take = controls_->followTraining() || snapshot_wanted_ || !live_;
  if (!take) return;
  snapshot_wanted_ = false;
  live_ = event.generator;
  live_step_ = event.step;
  result_label_.clear();
  updatePlaceholder();
  render();
}

void ExplorePanel::onTrainingState(inrgan::SessionState state) {
  training_ = isActive(state);
  controls_->setLiveAvailable(newest_snapshot_.generator != nullptr, training_);
}

void ExplorePanel::onResult(const inrgan::RenderResult& result) {
  canvas_->showImage(result.image, result.view);
  controls_->showError({});
  result_label_ = QString::fromStdString(result.source_label);
  result_step_ = result.source_step;
  result_resolution_ = result.training_resolution;
  controls_->setSourceText(sourceText());
  const int levels = last_request_ ? static_cast<int>(last_request_->levels.size()) : 1;
  const double fraction = last_request_ ? requestFraction(*last_request_, result.level + 1, 0.0) : 1.0;
  controls_->showRenderStatus(tr("level %1/%2 · %3 ms · %4×%5 px")
                                  .arg(result.level + 1)
                                  .arg(levels)
                                  .arg(std::llround(result.seconds * 1000.0))
                                  .arg(result.image.width)
                                  .arg(result.image.height),
                              result.final ? 1.0 : fraction);
}

void ExplorePanel::onProgress(const inrgan::RenderProgress& progress) {
  if (!last_request_ || progress.tiles_total <= 0) return;
  const double level_fraction = static_cast<double>(progress.tiles_done) / progress.tiles_total;
  controls_->showRenderStatus(controls_->renderLabel()->text(),
                              requestFraction(*last_request_, progress.level, level_fraction));
}

void ExplorePanel::onFailed(const QString& message) {
  controls_->showError(message);
  const bool live = controls_->source() == ExploreControls::Source::Live;
  controls_->setSourceText(tr("%1 · failed (see below)").arg(live ? tr("live snapshot") : QFileInfo(checkpoint_).fileName()));
  controls_->showRenderStatus(tr("failed"), 0.0);
  Q_EMIT errorOccurred(message);
}

void ExplorePanel::openExportDialog() {
  const inrgan::RenderSource source = currentSource();
  if (source.empty()) return;
  if (export_dialog_) {
    export_dialog_->raise();
    export_dialog_->activateWindow();
    return;
  }
  ExportContext context;
  context.source = source;
  context.source_label = result_label_.isEmpty() ? QFileInfo(checkpoint_).fileName() : result_label_;
  context.latent = controls_->latent();
  context.psi = controls_->psi();
  context.canvas_view = canvas_->view();
  export_dialog_ = new ExportDialog(std::move(context), this);
  export_dialog_->setAttribute(Qt::WA_DeleteOnClose);
  export_dialog_->show();  // modeless: exploring and training go on while it exports
}

}  // namespace inrgan::ui
