// Each widget, fed synthetic events directly, shows the values it was given.
#include <QDir>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/ui/test_events.h"
#include "ui/format.h"
#include "ui/log_panel.h"
#include "ui/loss_chart.h"
#include "ui/patch_overlay_view.h"
#include "ui/run_history.h"
#include "ui/sample_grid_view.h"
#include "ui/stage_timeline.h"
#include "ui/status_header.h"
#include "ui/window_grid_view.h"
#include "ui/window_painter.h"

using namespace inrgan;
using namespace inrgan::ui;

class WidgetsTest : public QObject {
  Q_OBJECT

 private:
  static StageTimeline::Stage plannedStage(int resolution, std::int64_t budget) {
    StageTimeline::Stage s;
    s.resolution = resolution;
    s.patch = 32;
    s.budget_images = budget;
    return s;
  }

 private Q_SLOTS:
  void timelineShowsHalfOfStageOneAfterMatchingStep() {
    StageTimeline timeline;
    timeline.setSchedule({plannedStage(32, 22000), plannedStage(64, 16000)});
    QCOMPARE(timeline.currentStage(), 0);
    QCOMPARE(timeline.stageProgress(1), 0.0);

    timeline.onStep(test::stepEvent(1, 8000));
    QCOMPARE(timeline.currentStage(), 1);
    QCOMPARE(timeline.stageProgress(1), 0.5);
    QCOMPARE(timeline.stageProgress(0), 1.0);  // earlier stages are done
    QCOMPARE(timeline.overallProgress(), (22000.0 + 8000.0) / 38000.0);
    QVERIFY2(timeline.summaryText().contains("ETA 2 min 05 s"), qPrintable(timeline.summaryText()));
  }

  void timelineEndsStageOnTimeBudgetWhenItRunsOutFirst() {
    StageTimeline timeline;
    timeline.setSchedule({plannedStage(32, 22000), plannedStage(64, 16000)});
    StepEvent e = test::stepEvent(0, 2200);  // 10% of the images
    e.stage_budget_seconds = 100.0;
    e.stage_seconds = 75.0;                  // 75% of the time
    timeline.onStep(e);
    QCOMPARE(timeline.stageProgress(0), 0.75);
  }

  void timelineGrowsWhenEventsNameMoreStagesThanPlanned() {
    StageTimeline timeline;
    StageEvent e;
    e.stage = 2;
    e.num_stages = 3;
    e.resolution = 128;
    e.patch = 32;
    e.budget_images = 10000;
    timeline.onStageStarted(e);
    QCOMPARE(static_cast<int>(timeline.stages().size()), 3);
    QCOMPARE(timeline.stages()[2].resolution, 128);
    QCOMPARE(timeline.currentStage(), 2);
  }

  void lossChartGetsOnePointPerTermPerStepInKimg() {
    LossChart chart;
    chart.setSmoothing(false);
    chart.onStep(test::stepEvent(0, 800, 100));
    chart.onStep(test::stepEvent(0, 1600, 200));
    chart.onStep(test::stepEvent(0, 2400, 300));
    chart.flush();
    QCOMPARE(chart.termNames(),
             QStringList({"g_adv", "g_rec", "d_real", "d_fake", "d_total", "r1"}));
    const auto g = chart.points("g_adv");
    QCOMPARE(static_cast<int>(g.size()), 3);
    QCOMPARE(g[1].x(), 1.6);  // x = images shown, in thousands
    QCOMPARE(g[1].y(), 1.2);
    QCOMPARE(chart.displayedPointCount("g_adv"), 3);
    // d_total repeats d_real + d_fake: drawn only on request.
    QVERIFY(chart.isTermVisible("d_real"));
    QVERIFY(!chart.isTermVisible("d_total"));
  }

  void lossChartLegendKeepsCanonicalOrderWhateverTheArrivalOrder() {
    LossChart chart;
    StepEvent e = test::stepEvent(0, 100);
    e.losses = {{"d_fake", 0.7}, {"d_real", 0.6}, {"g_adv", 1.0}, {"zeta", 3.0}};
    chart.onStep(e);
    e.losses.emplace_back("g_rec", 0.1);  // arrives later (stage 1)
    chart.onStep(e);
    QCOMPARE(chart.legendOrder(), QStringList({"g_adv", "g_rec", "d_real", "d_fake", "zeta"}));
    chart.setTermVisible("d_fake", false);
    QVERIFY(!chart.isTermVisible("d_fake"));
    QCOMPARE(static_cast<int>(chart.points("g_rec").size()), 1);
  }

  void lossChartMarksStageChangeWhereItHappened() {
    LossChart chart;
    chart.onStep(test::stepEvent(0, 21000));
    chart.onStep(test::stepEvent(1, 200));
    chart.onStep(test::stepEvent(1, 400));
    QCOMPARE(static_cast<int>(chart.stageMarkers().size()), 1);
    QCOMPARE(chart.stageMarkers()[0].first, 22.2);
    QCOMPARE(chart.stageMarkers()[0].second, 1);
  }

  void lossChartSkipsNonFiniteValues() {
    LossChart chart;
    StepEvent e = test::stepEvent(0, 100);
    e.losses = {{"g_adv", std::numeric_limits<double>::quiet_NaN()}, {"d_real", 0.5}};
    chart.onStep(e);
    QCOMPARE(static_cast<int>(chart.points("g_adv").size()), 0);
    QCOMPARE(static_cast<int>(chart.points("d_real").size()), 1);
    QCOMPARE(chart.nonFiniteCount(), 1);
  }

  void lossChartDecimatesLongHistories() {
    LossChart chart;
    for (int i = 0; i < 20000; ++i) {
      StepEvent e;
      e.images_shown = 8 * (i + 1);
      e.losses = {{"g_adv", (i % 2) ? 1.0 : 3.0}};
      chart.onStep(e);
    }
    for (bool smooth : {false, true}) {
      chart.setSmoothing(smooth);
      chart.flush();
      QCOMPARE(static_cast<int>(chart.points("g_adv").size()), 20000);
      QVERIFY(chart.displayedPointCount("g_adv") <= LossChart::kMaxDisplayPoints);
      QVERIFY(chart.displayedPointCount("g_adv") >= LossChart::kMaxDisplayPoints / 2);
    }
  }

  void lossChartReplacesRepeatedImagesAfterResume() {
    LossChart chart;
    for (int k = 1; k <= 5; ++k) chart.onStep(test::stepEvent(0, 1000 * k, k));
    chart.onStep(test::stepEvent(0, 3500, 6));  // the checkpoint was at 3.5 kimg
    const auto g = chart.points("g_adv");
    QCOMPARE(static_cast<int>(g.size()), 4);
    QCOMPARE(g.back().x(), 3.5);
  }

  void sampleViewHoldsTheGridAtItsOwnSizeAndScalesByWholeFactors() {
    SampleGridView view;
    view.resize(500, 400);
    view.onSample(test::sampleEvent(1, 4, 2, 32));
    QCOMPARE(view.image().size(), QSize(128, 64));
    QCOMPARE(view.image().pixelColor(5, 9), QColor(5, 9, 200));
    QVERIFY(view.caption().contains("stage 1"));
    QVERIFY(view.caption().contains("23.4 kimg"));
    QCOMPARE(view.displayScale(), 3.0);  // min(496 / 128, 376 / 64) = 3.875, floored

    // Nearest neighbour: a magnified sample pixel is a uniform block on screen.
    const QImage shot = view.grab().toImage();
    const QPoint origin((500 - 384) / 2, 2 + (376 - 192) / 2);
    const QColor first = shot.pixelColor(origin + QPoint(0, 0));
    QCOMPARE(shot.pixelColor(origin + QPoint(2, 2)), first);
    QCOMPARE(first, QColor(0, 0, 200));
  }

  void overlayHoldsTheImageAndEveryWindow() {
    PatchOverlayView view;
    view.resize(300, 300);
    view.onOverlay(test::overlayEvent(3));
    QCOMPARE(view.windowCount(), 3);
    QCOMPARE(view.image().size(), QSize(64, 64));
    QCOMPARE(view.resolution(), 64);
    QCOMPARE(view.windows()[2], (PatchWindow{16, 16, 32, 64}));
    QVERIFY(view.caption().contains("3 crops of 32 px"));
  }

  void windowRectMapsGridPixelsToTheTarget() {
    const QRectF r = windowRect(QRectF(10, 20, 128, 128), PatchWindow{16, 8, 32, 64}, 0);
    QCOMPARE(r, QRectF(10 + 32, 20 + 16, 64, 64));
  }

  void windowGridShowsTheLatestFakeWindows() {
    WindowGridView view;
    view.onStep(test::stepEvent(1, 100));
    QCOMPARE(view.resolution(), 64);
    QCOMPARE(view.patch(), 32);
    QCOMPARE(static_cast<int>(view.fakeWindows().size()), 8);
    QVERIFY(view.caption().contains("8 windows of 32 px"));
    view.onStep(test::stepEvent(0, 100));
    QVERIFY(view.caption().contains("whole images"));
  }

  void headerShowsThroughputEtaAndMemory() {
    StatusHeader header;
    header.onStep(test::stepEvent(1, 100, 1234));
    QCOMPARE(header.value("stage"), QString("1 / 1"));
    QCOMPARE(header.value("resolution"), QString("64 px (P 32)"));
    QCOMPARE(header.value("step"), QString("1234"));
    QCOMPARE(header.value("images/s"), QString("8.0"));
    QCOMPARE(header.value("sec/kimg"), QString("125.0"));
    QCOMPARE(header.value("ETA"), QString("2 min 05 s"));
    QCOMPARE(header.value("peak memory"), QString("400 MB"));
    header.onState(SessionState::Paused, {});
    QCOMPARE(header.value("state"), QString("paused"));
  }

  void logPanelCountsWarningsAndErrors() {
    LogPanel log;
    log.onLog(LogEvent{LogLevel::Info, "Training on 555 images"});
    log.onLog(LogEvent{LogLevel::Warning, "Skipped a.png: truncated <PNG>"});
    log.onLog(LogEvent{LogLevel::Error, "loss g_adv is not finite"});
    QCOMPARE(log.warningCount(), 1);
    QCOMPARE(log.errorCount(), 1);
    QVERIFY(log.toPlainText().contains("Skipped a.png: truncated <PNG>"));  // escaped, not eaten
    QCOMPARE(log.lastError(), QString("loss g_adv is not finite"));
  }

  void formatsReadably() {
    QCOMPARE(formatDuration(45), QString("45 s"));
    QCOMPARE(formatDuration(3725), QString("1 h 02 min"));
    QCOMPARE(formatDuration(0), QString("-"));
    QCOMPARE(formatBytes(1536ll << 20), QString("1.5 GB"));
    QCOMPARE(formatKimg(22000), QString("22.0 kimg"));
  }

  void toQImageRejectsInconsistentImages() {
    RgbImage bad;
    bad.width = 4;
    bad.height = 4;
    bad.pixels.resize(5);
    QVERIFY(toQImage(bad).isNull());
    QCOMPARE(toQImage(test::gradientImage(3, 2)).pixelColor(2, 1), QColor(2, 1, 200));
  }

  void statsHistoryReadsLossesAndSkipsTornLines() {
    QTemporaryDir dir;
    QFile file(QDir(dir.path()).filePath("stats.jsonl"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    // (Plain strings: moc does not parse raw string literals.)
    file.write("{\"step\":10,\"stage\":0,\"resolution\":32,\"kimg\":0.08,\"stage_kimg\":0.08,"
               "\"loss\":{\"g_adv\":0.9,\"d_real\":null}}\n");
    file.write("{\"step\":20,\"stage\":1,\"resolution\":64,\"kimg\":0.16,\"stage_kimg\":0.0,"
               "\"loss\":{\"g_adv\":0.8}}\n");
    file.write("{\"step\":30,\"sta");  // torn by a crash mid-write
    file.close();
    const auto history = readStatsHistory(dir.path());
    QCOMPARE(static_cast<int>(history.size()), 2);
    QCOMPARE(history[1].images_shown, std::int64_t{160});
    QCOMPARE(history[1].stage, 1);
    QCOMPARE(history[0].losses[0].first, std::string("d_real"));  // keys sorted by Qt
    QVERIFY(std::isnan(history[0].losses[0].second));
  }
};

QTEST_MAIN(WidgetsTest)
#include "widgets_test.moc"
