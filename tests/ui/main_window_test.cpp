// The assembled window: events reach every panel, buttons follow the session state, and a bad start
// is shown to the user while the window stays alive. Also renders the window to a PNG
// (INRGAN_UI_SCREENSHOT, default <temp>/inrgan-studio-mainwindow.png) for a look without a display.
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/ui/test_events.h"
#include "ui/log_panel.h"
#include "ui/loss_chart.h"
#include "ui/main_window.h"
#include "ui/patch_overlay_view.h"
#include "ui/run_panel.h"
#include "ui/sample_grid_view.h"
#include "ui/stage_timeline.h"
#include "ui/status_header.h"
#include "ui/theme.h"
#include "ui/training_controller.h"
#include "ui/window_grid_view.h"

using namespace inrgan;
using namespace inrgan::ui;

class MainWindowTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { applyDarkTheme(*qApp); }

  void eventsThroughTheControllerReachEveryPanel() {
    MainWindow window;
    window.resize(1600, 1000);
    window.show();
    TrainingController* c = window.controller();
    c->handleEvent(StateEvent{SessionState::Preparing, {}});
    c->handleEvent(PrepareEvent{"Checking images in data/deep-sky", 120, 555});
    QVERIFY(window.prepareBar()->isVisible());
    QCOMPARE(window.prepareBar()->value(), 120);
    QCOMPARE(window.prepareBar()->maximum(), 555);

    c->handleEvent(StateEvent{SessionState::Running, {}});
    QVERIFY(!window.prepareBar()->isVisible());
    QVERIFY(!window.runPanel()->startButton()->isEnabled());
    QVERIFY(window.runPanel()->pauseButton()->isEnabled());
    QVERIFY(window.runPanel()->stopButton()->isEnabled());

    c->handleEvent(StageEvent{0, 2, 32, 32, 22000});
    for (int i = 1; i <= 60; ++i) {
      StepEvent e = test::stepEvent(0, 22000 * i / 60, 46 * i);
      e.losses = {{"g_adv", 2.0 - std::log1p(i) * 0.3 + 0.15 * std::sin(i)},
                  {"d_real", 0.4 + 0.1 * std::cos(i * 0.7)},
                  {"d_fake", 0.5 + 0.1 * std::sin(i * 0.5)},
                  {"r1", 0.02 + 0.005 * std::sin(i * 0.3)}};
      c->handleEvent(e);
    }
    c->handleEvent(StageEvent{1, 2, 64, 32, 16000});
    for (int i = 1; i <= 30; ++i) {
      StepEvent e = test::stepEvent(1, 8000 * i / 30, 2760 + 33 * i);
      e.losses = {{"g_adv", 1.1 + 0.1 * std::sin(i)},
                  {"g_rec", 0.08 - 0.0015 * i},
                  {"d_real", 0.45 + 0.1 * std::cos(i * 0.7)},
                  {"d_fake", 0.55 + 0.1 * std::sin(i * 0.5)},
                  {"r1", 0.015 + 0.004 * std::sin(i * 0.3)}};
      c->handleEvent(e);
    }
    c->handleEvent(test::sampleEvent(1, 6, 4, 64));
    c->handleEvent(test::overlayEvent(4));
    c->handleEvent(LogEvent{LogLevel::Warning, "Skipped data/deep-sky/._m31.jpg: not an image (AppleDouble)"});
    c->handleEvent(CheckpointEvent{"runs/cpu-small/checkpoints/step-3750.pt", 3750});
    window.lossChart()->flush();

    QCOMPARE(window.timeline()->currentStage(), 1);
    QCOMPARE(window.timeline()->stageProgress(1), 0.5);
    QCOMPARE(window.header()->value("stage"), QString("1 / 1"));
    QCOMPARE(window.header()->value("state"), QString("running"));
    QCOMPARE(static_cast<int>(window.lossChart()->points("g_adv").size()), 90);
    QCOMPARE(static_cast<int>(window.lossChart()->points("g_rec").size()), 30);
    QCOMPARE(static_cast<int>(window.lossChart()->stageMarkers().size()), 1);
    QCOMPARE(window.sampleView()->image().size(), QSize(6 * 64, 4 * 64));
    QCOMPARE(window.overlayView()->windowCount(), 4);
    QCOMPARE(static_cast<int>(window.windowView()->fakeWindows().size()), 8);
    QCOMPARE(window.logPanel()->warningCount(), 1);
    QVERIFY(window.logPanel()->toPlainText().contains("step-3750.pt"));

    c->handleEvent(StateEvent{SessionState::Paused, {}});
    QCOMPARE(window.runPanel()->pauseButton()->text(), QString("Resume"));

    const QString path = qEnvironmentVariableIsSet("INRGAN_UI_SCREENSHOT")
                             ? qEnvironmentVariable("INRGAN_UI_SCREENSHOT")
                             : QDir::temp().filePath("inrgan-studio-mainwindow.png");
    QCoreApplication::processEvents();  // let layouts settle before the grab
    QVERIFY(window.grab().save(path));
    qInfo("window rendered to %s", qPrintable(path));

    c->handleEvent(StateEvent{SessionState::Finished, "Stopped at step 3750; resume to continue"});
    QVERIFY(window.runPanel()->startButton()->isEnabled());
    QVERIFY(!window.runPanel()->pauseButton()->isEnabled());
    QVERIFY(!window.runPanel()->stopButton()->isEnabled());
  }

  void aFailedSessionIsShownAndTheWindowStaysUsable() {
    MainWindow window;
    window.show();
    window.controller()->handleEvent(StateEvent{SessionState::Running, {}});
    window.controller()->handleEvent(LogEvent{LogLevel::Error, "step 812: loss g_adv is not finite"});
    window.controller()->handleEvent(StateEvent{SessionState::Failed, "step 812: loss g_adv is not finite"});
    auto* box = window.findChild<QMessageBox*>();
    QVERIFY(box);
    QVERIFY(box->isVisible());
    QCOMPARE(box->text(), QString("step 812: loss g_adv is not finite"));
    QCOMPARE(window.logPanel()->errorCount(), 1);  // logged once, not twice
    QCOMPARE(window.header()->value("state"), QString("failed"));
    QVERIFY(window.runPanel()->startButton()->isEnabled());
  }

  void startWithoutADataFolderExplainsWhy() {
    MainWindow window;
    window.show();
    window.runPanel()->setDataDir("/no/such/folder");
    QVERIFY(!window.startTraining());
    auto* box = window.findChild<QMessageBox*>();
    QVERIFY(box);
    QVERIFY2(box->text().contains("/no/such/folder"), qPrintable(box->text()));
    QCOMPARE(window.controller()->state(), SessionState::Idle);
    QVERIFY(window.runPanel()->startButton()->isEnabled());
  }

  // Closing a running window stops the session (which saves a checkpoint) and closes afterwards.
  void closingWhileTrainingStopsCleanlyFirst() {
    QTemporaryDir data, runs;
    for (int i = 0; i < 4; ++i) {
      QImage image(24, 24, QImage::Format_RGB888);
      image.fill(QColor(50 * i, 90, 30));
      QVERIFY(image.save(QString("%1/img%2.png").arg(data.path()).arg(i)));
    }
    const QString config_file = runs.filePath("endless.toml");
    QFile config(config_file);
    QVERIFY(config.open(QIODevice::WriteOnly));
    config.write("[model]\nstyle_dim = 16\nmapping_layers = 1\nfourier_features = 8\n"
                 "embedding_channels = 4\nembedding_size = 4\nwidths = [8, 8]\n"
                 "[discriminator]\nbase_channels = 8\nmax_channels = 8\nmbstd_group = 2\n"
                 "[schedule]\nresolution = 16\npatch = 8\nstage_images = [1000000, 1000000]\n"
                 "[training]\nbatch = 2\nthreads = 1\n[output]\nlog_every_steps = 1\n");
    config.close();

    MainWindow window;
    window.show();
    window.runPanel()->setDataDir(data.path());
    window.runPanel()->setConfigFile(config_file);
    window.runPanel()->setRunDir(runs.filePath("run"));
    QString error;
    if (!window.runPanel()->loadConfig(&error)) QFAIL(qPrintable(error));
    QVERIFY(window.startTraining());
    QTRY_COMPARE_WITH_TIMEOUT(window.controller()->state(), SessionState::Running, 60000);
    QTRY_VERIFY_WITH_TIMEOUT(!window.lossChart()->termNames().isEmpty(), 30000);

    window.close();
    QVERIFY(window.isVisible());  // still saving
    QTRY_VERIFY_WITH_TIMEOUT(!window.isVisible(), 20000);
    QCOMPARE(window.controller()->state(), SessionState::Finished);
    QVERIFY(window.logPanel()->toPlainText().contains("checkpoint at step"));
  }

  void runPanelShowsThePresetsKeyNumbers() {
    RunPanel panel;
    QVERIFY2(panel.setPreset("cpu-small"), "preset cpu-small not found");
    const QString summary = panel.configSummary();
    QVERIFY2(summary.contains("R 64") && summary.contains("P 32") && summary.contains("batch 8") &&
                 summary.contains("32, 64 px"),
             qPrintable(summary));
    QVERIFY(panel.request().run_dir.startsWith("runs/cpu-small-"));
    panel.setConfigFile("/no/such/config.toml");
    QString error;
    QVERIFY(!panel.loadConfig(&error));
    QVERIFY2(error.contains("/no/such/config.toml"), qPrintable(error));
  }
};

QTEST_MAIN(MainWindowTest)
#include "main_window_test.moc"
