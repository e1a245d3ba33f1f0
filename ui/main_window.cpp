#include "ui/main_window.h"

#include <QCloseEvent>
#include <QDir>
#include <QFileInfo>
#include <QGroupBox>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include <exception>

#include "ui/explore_panel.h"
#include "ui/format.h"
#include "ui/log_panel.h"
#include "ui/loss_chart.h"
#include "ui/patch_overlay_view.h"
#include "ui/run_history.h"
#include "ui/run_panel.h"
#include "ui/sample_grid_view.h"
#include "ui/stage_timeline.h"
#include "ui/status_header.h"
#include "ui/training_controller.h"
#include "ui/window_grid_view.h"

namespace inrgan::ui {

namespace {
QGroupBox* boxed(const QString& title, QWidget* content) {
  auto* box = new QGroupBox(title);
  auto* layout = new QVBoxLayout(box);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(content);
  return box;
}
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("INR-GAN Studio"));
  controller_ = new TrainingController(this);
  buildLayout();
  connectSignals();
  resize(1560, 960);
}

// The controller is a child; its destructor stops and joins the session before the widgets go.
MainWindow::~MainWindow() = default;

void MainWindow::buildLayout() {
  run_panel_ = new RunPanel;
  timeline_ = new StageTimeline;
  header_ = new StatusHeader;
  loss_chart_ = new LossChart;
  sample_view_ = new SampleGridView;
  overlay_view_ = new PatchOverlayView;
  window_view_ = new WindowGridView;
  log_panel_ = new LogPanel;

  auto* patches = new QSplitter(Qt::Horizontal);
  patches->addWidget(overlay_view_);
  patches->addWidget(window_view_);
  patches->setStretchFactor(0, 3);
  patches->setStretchFactor(1, 2);

  auto* top = new QSplitter(Qt::Horizontal);
  top->addWidget(boxed(tr("Samples (EMA generator, fixed seeds)"), sample_view_));
  top->addWidget(boxed(tr("Patch windows"), patches));
  top->setStretchFactor(0, 1);
  top->setStretchFactor(1, 1);

  auto* bottom = new QSplitter(Qt::Horizontal);
  bottom->addWidget(boxed(tr("Losses"), loss_chart_));
  bottom->addWidget(boxed(tr("Log"), log_panel_));
  bottom->setStretchFactor(0, 3);
  bottom->setStretchFactor(1, 2);

  auto* centre = new QSplitter(Qt::Vertical);
  centre->addWidget(top);
  centre->addWidget(bottom);
  centre->setStretchFactor(0, 1);
  centre->setStretchFactor(1, 1);
  centre->setSizes({470, 430});

  auto* scroll = new QScrollArea;
  scroll->setWidget(run_panel_);
  scroll->setWidgetResizable(true);
  scroll->setFrameShape(QFrame::NoFrame);
  scroll->setMinimumWidth(330);
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

  auto* body = new QSplitter(Qt::Horizontal);
  body->addWidget(scroll);
  body->addWidget(centre);
  body->setStretchFactor(0, 0);
  body->setStretchFactor(1, 1);
  body->setSizes({350, 1250});

  auto* train = new QWidget;
  auto* layout = new QVBoxLayout(train);
  layout->setContentsMargins(6, 6, 6, 2);
  layout->addWidget(header_);
  layout->addWidget(timeline_);
  layout->addWidget(body, 1);

  explore_panel_ = new ExplorePanel;
  tabs_ = new QTabWidget;
  tabs_->setDocumentMode(true);
  tabs_->addTab(train, tr("Train"));
  tabs_->addTab(explore_panel_, tr("Explore"));
  setCentralWidget(tabs_);

  prepare_label_ = new QLabel;
  prepare_bar_ = new QProgressBar;
  prepare_bar_->setMaximumWidth(260);
  prepare_bar_->setTextVisible(true);
  statusBar()->addPermanentWidget(prepare_label_);
  statusBar()->addPermanentWidget(prepare_bar_);
  prepare_label_->hide();
  prepare_bar_->hide();
  statusBar()->showMessage(tr("Choose a data folder and a preset, then Start"));
}

void MainWindow::connectSignals() {
  auto* c = controller_;
  connect(c, &TrainingController::stepReported, timeline_, &StageTimeline::onStep);
  connect(c, &TrainingController::stepReported, header_, &StatusHeader::onStep);
  connect(c, &TrainingController::stepReported, loss_chart_, &LossChart::onStep);
  connect(c, &TrainingController::stepReported, window_view_, &WindowGridView::onStep);
  connect(c, &TrainingController::stageStarted, timeline_, &StageTimeline::onStageStarted);
  connect(c, &TrainingController::stageStarted, header_, &StatusHeader::onStageStarted);
  connect(c, &TrainingController::stageStarted, this, [this](const inrgan::StageEvent& e) {
    log_panel_->append(LogLevel::Info, tr("stage %1 of 0..%2 begins: %3 px, windows of %4 px, %5")
                                           .arg(e.stage)
                                           .arg(e.num_stages - 1)
                                           .arg(e.resolution)
                                           .arg(e.patch)
                                           .arg(formatKimg(e.budget_images)));
  });
  connect(c, &TrainingController::sampleReady, sample_view_, &SampleGridView::onSample);
  connect(c, &TrainingController::overlayReady, overlay_view_, &PatchOverlayView::onOverlay);
  connect(c, &TrainingController::checkpointWritten, log_panel_, &LogPanel::onCheckpoint);
  connect(c, &TrainingController::checkpointWritten, this, [this](const inrgan::CheckpointEvent& e) {
    statusBar()->showMessage(tr("Checkpoint saved at step %1").arg(e.step), 5000);
  });
  connect(c, &TrainingController::logMessage, log_panel_, &LogPanel::onLog);
  connect(c, &TrainingController::logMessage, this, [this](const inrgan::LogEvent& e) {
    if (e.level != LogLevel::Info) statusBar()->showMessage(QString::fromStdString(e.message), 8000);
  });
  connect(c, &TrainingController::prepareProgress, this, &MainWindow::onPrepare);
  connect(c, &TrainingController::stateChanged, this, &MainWindow::onState);
  connect(c, &TrainingController::generatorSnapshot, explore_panel_, &ExplorePanel::onGeneratorSnapshot);
  connect(c, &TrainingController::stateChanged, explore_panel_, &ExplorePanel::onTrainingState);
  connect(explore_panel_, &ExplorePanel::snapshotRequested, c, &TrainingController::requestSnapshot);
  connect(explore_panel_, &ExplorePanel::errorOccurred, this, [this](const QString& message) {
    statusBar()->showMessage(tr("Explore: %1").arg(message), 10000);
  });
  connect(c, &TrainingController::errorOccurred, this, &MainWindow::showError);

  connect(run_panel_, &RunPanel::startRequested, this, &MainWindow::startTraining);
  connect(run_panel_, &RunPanel::pauseRequested, c, &TrainingController::pause);
  connect(run_panel_, &RunPanel::resumeRequested, c, &TrainingController::resume);
  connect(run_panel_, &RunPanel::stopRequested, this, [this] {
    statusBar()->showMessage(tr("Stopping: saving a checkpoint…"));
    controller_->stop();
  });
}

void MainWindow::showSchedule(StageTimeline* timeline, const inrgan::Config& config) {
  std::vector<StageTimeline::Stage> stages;
  for (int k = 0; k < config.num_stages(); ++k) {
    StageTimeline::Stage s;
    s.resolution = config.stage_resolution(k);
    s.patch = config.stage_input_size(k);
    const auto& budgets = config.schedule.stage_images;
    if (k < static_cast<int>(budgets.size())) s.budget_images = budgets[static_cast<std::size_t>(k)];
    const auto& seconds = config.schedule.stage_seconds;
    if (k < static_cast<int>(seconds.size())) s.budget_seconds = seconds[static_cast<std::size_t>(k)];
    stages.push_back(s);
  }
  timeline->setSchedule(std::move(stages));
}

bool MainWindow::startTraining() {
  if (controller_->isActive()) return false;
  const RunRequest request = run_panel_->request();
  if (request.data_dir.isEmpty() || !QFileInfo(request.data_dir).isDir()) {
    showError(request.data_dir.isEmpty()
                  ? tr("Choose a data folder (a folder of images) first.")
                  : tr("The data folder does not exist: %1").arg(request.data_dir));
    return false;
  }
  QString run_dir = request.run_dir.isEmpty() ? RunPanel::defaultRunDir(request.preset) : request.run_dir;
  run_dir = QDir::current().absoluteFilePath(run_dir);
  if (request.resume && !QFileInfo(run_dir).isDir()) {
    showError(tr("Nothing to resume: the run folder does not exist: %1").arg(run_dir));
    return false;
  }
  QString error;
  auto config = run_panel_->loadConfig(&error);
  if (!config) {
    showError(tr("The config cannot be used: %1").arg(error));
    return false;
  }
  // A resumed run continues with the config it was started with (the session reads it from the
  // checkpoint); show that schedule, not the panel's.
  const QString stored = QDir(run_dir).filePath(QStringLiteral("config.toml"));
  if (request.resume && QFileInfo(stored).isFile()) {
    try {
      config = inrgan::load_config(stored.toStdString());
    } catch (const std::exception& e) {
      log_panel_->append(LogLevel::Warning, tr("cannot read %1: %2").arg(stored, QString::fromStdString(e.what())));
    }
  }

  loss_chart_->clear();
  sample_view_->clear();
  overlay_view_->clear();
  window_view_->clear();
  header_->clear();
  showSchedule(timeline_, *config);
  run_dir_ = run_dir;
  if (request.resume) loadHistory(run_dir);
  log_panel_->append(LogLevel::Info, tr("%1 %2 on %3 (%4) into %5")
                                         .arg(request.resume ? tr("resuming") : tr("starting"))
                                         .arg(request.config_file.isEmpty() ? request.preset : request.config_file)
                                         .arg(request.data_dir)
                                         .arg(run_panel_->configSummary().replace('\n', QStringLiteral(" · ")))
                                         .arg(run_dir));

  inrgan::SessionOptions options;
  options.config = *config;
  options.data_dir = request.data_dir.toStdString();
  options.run_dir = run_dir.toStdString();
  options.resume = request.resume;
  return controller_->start(options);
}

void MainWindow::loadHistory(const QString& run_dir) {
  const auto history = readStatsHistory(run_dir);
  for (const auto& event : history) {
    loss_chart_->onStep(event);
    timeline_->onStep(event);
  }
  loss_chart_->flush();
  const QImage latest = readLatestSample(run_dir);
  if (!latest.isNull()) sample_view_->showImage(latest, tr("last grid before this resume"));
  if (!history.empty())
    log_panel_->append(LogLevel::Info, tr("loaded %1 earlier reporting ticks from stats.jsonl")
                                           .arg(history.size()));
}

void MainWindow::showError(const QString& message) {
  statusBar()->showMessage(tr("Error: %1").arg(message));
  // A session that fails logs the error itself just before its Failed state; log it once.
  if (log_panel_->lastError() != message) log_panel_->append(LogLevel::Error, message);
  // One box at a time; a newer error replaces the text of one still open.
  if (error_box_) {
    error_box_->setText(message);
    return;
  }
  error_box_ = new QMessageBox(QMessageBox::Critical, tr("INR-GAN Studio"), message, QMessageBox::Ok, this);
  error_box_->setAttribute(Qt::WA_DeleteOnClose);
  error_box_->open();  // not exec(): training events keep flowing while it is shown
}

void MainWindow::showExplore() {
  tabs_->setCurrentWidget(explore_panel_);
  statusBar()->clearMessage();  // the Train tab's hint means nothing here
}

void MainWindow::onState(inrgan::SessionState state, const QString& message) {
  run_panel_->setState(state);
  header_->onState(state, message);
  log_panel_->onState(state, message);
  const bool preparing = state == SessionState::Preparing;
  prepare_bar_->setVisible(preparing);
  prepare_label_->setVisible(preparing);
  if (preparing) {
    prepare_bar_->setRange(0, 0);  // busy until the first PrepareEvent gives a total
    prepare_label_->setText(tr("Preparing…"));
  }
  const int last = static_cast<int>(timeline_->stages().size()) - 1;
  if (state == SessionState::Finished && last >= 0 && timeline_->stageProgress(last) >= 0.999)
    timeline_->setFinished(true);
  switch (state) {
    case SessionState::Running: statusBar()->showMessage(tr("Training"), 3000); break;
    case SessionState::Paused: statusBar()->showMessage(tr("Paused")); break;
    case SessionState::Finished: statusBar()->showMessage(tr("Finished: %1").arg(run_dir_)); break;
    default: break;
  }
  setWindowTitle(isActive(state) || state == SessionState::Finished
                     ? tr("INR-GAN Studio — %1 — %2").arg(stateText(state), QFileInfo(run_dir_).fileName())
                     : tr("INR-GAN Studio"));
  if (close_when_stopped_ && !isActive(state)) close();
}

void MainWindow::onPrepare(const inrgan::PrepareEvent& e) {
  prepare_bar_->show();
  prepare_label_->show();
  const QString what = QString::fromStdString(e.what);
  if (e.total > 0) {
    // QProgressBar holds ints; show per mille of huge totals.
    const bool scale = e.total > 1000000;
    prepare_bar_->setRange(0, scale ? 1000 : static_cast<int>(e.total));
    prepare_bar_->setValue(scale ? static_cast<int>(1000 * e.done / e.total) : static_cast<int>(e.done));
    prepare_label_->setText(tr("%1: %2 / %3").arg(what).arg(e.done).arg(e.total));
  } else {
    prepare_bar_->setRange(0, 0);
    prepare_label_->setText(what);
  }
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (controller_->isActive() && !close_when_stopped_) {
    // Stop cleanly (the session writes a checkpoint), close when it has finished.
    close_when_stopped_ = true;
    controller_->stop();
    statusBar()->showMessage(tr("Stopping: saving a checkpoint, then closing (close again to force)"));
    event->ignore();
    return;
  }
  event->accept();
}

}  // namespace inrgan::ui
