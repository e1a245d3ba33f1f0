// The studio's main window, two tabs. Train: the Run panel on the left; stage timeline and live
// numbers across the top; samples and patch windows above, losses and log below. Explore: the
// generator (a checkpoint or the live training snapshot) at any zoom, and export. It wires the
// controller's signals to the widgets and shows every failure (status bar, log, message box)
// without ever exiting.
#pragma once

#include <QMainWindow>
#include <QPointer>

#include "core/config/config.h"
#include "core/session/events.h"
#include "ui/event_metatypes.h"

class QLabel;
class QMessageBox;
class QProgressBar;
class QTabWidget;

namespace inrgan::ui {

class ExplorePanel;
class LogPanel;
class LossChart;
class PatchOverlayView;
class RunPanel;
class SampleGridView;
class StageTimeline;
class StatusHeader;
class TrainingController;
class WindowGridView;

class MainWindow : public QMainWindow {
  Q_OBJECT

 public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  TrainingController* controller() const { return controller_; }
  RunPanel* runPanel() const { return run_panel_; }
  StageTimeline* timeline() const { return timeline_; }
  StatusHeader* header() const { return header_; }
  LossChart* lossChart() const { return loss_chart_; }
  SampleGridView* sampleView() const { return sample_view_; }
  PatchOverlayView* overlayView() const { return overlay_view_; }
  WindowGridView* windowView() const { return window_view_; }
  LogPanel* logPanel() const { return log_panel_; }
  QProgressBar* prepareBar() const { return prepare_bar_; }
  QTabWidget* tabs() const { return tabs_; }
  ExplorePanel* explorePanel() const { return explore_panel_; }

  // The timeline's planned stages for a config.
  static void showSchedule(StageTimeline* timeline, const inrgan::Config& config);

 public Q_SLOTS:
  // Validates the Run panel, then starts a session; problems are shown, never thrown.
  bool startTraining();
  // Reports a problem in the status bar, the log, and a (non-blocking) message box.
  void showError(const QString& message);
  // Brings the Explore tab to the front.
  void showExplore();

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void buildLayout();
  void connectSignals();
  void onState(inrgan::SessionState state, const QString& message);
  void onPrepare(const inrgan::PrepareEvent& event);
  void loadHistory(const QString& run_dir);

  TrainingController* controller_ = nullptr;
  RunPanel* run_panel_ = nullptr;
  StageTimeline* timeline_ = nullptr;
  StatusHeader* header_ = nullptr;
  LossChart* loss_chart_ = nullptr;
  SampleGridView* sample_view_ = nullptr;
  PatchOverlayView* overlay_view_ = nullptr;
  WindowGridView* window_view_ = nullptr;
  LogPanel* log_panel_ = nullptr;
  QProgressBar* prepare_bar_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  ExplorePanel* explore_panel_ = nullptr;
  QLabel* prepare_label_ = nullptr;
  QPointer<QMessageBox> error_box_;
  QString run_dir_;
  bool close_when_stopped_ = false;
};

}  // namespace inrgan::ui
