// The controller carries events from the trainer's thread to the GUI thread, in order, and turns
// a failing start into an error signal instead of an exception.
#include <QTemporaryDir>
#include <QThread>
#include <QtTest>

#include <atomic>
#include <thread>

#include "tests/ui/test_events.h"
#include "ui/training_controller.h"

using namespace inrgan;
using namespace inrgan::ui;

namespace {
// The tiny preset on one thread, reading `data` and writing into `runs`/run. A missing preset
// throws, which QtTest reports as a failure.
SessionOptions tinyOptions(const QTemporaryDir& data, const QTemporaryDir& runs) {
  SessionOptions options;
  options.config = load_config(preset_path("tiny"));
  options.config.training.threads = 1;
  options.data_dir = data.path().toStdString();
  options.run_dir = (runs.path() + "/run").toStdString();
  return options;
}
}  // namespace

class TrainingControllerTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void eventsFromAWorkerThreadArriveOnTheGuiThreadInOrder() {
    TrainingController controller;
    QList<QThread*> threads;
    QList<std::int64_t> steps;
    connect(&controller, &TrainingController::stepReported, this, [&](const StepEvent& e) {
      threads << QThread::currentThread();
      steps << e.step;
    });
    QStringList logs;
    connect(&controller, &TrainingController::logMessage, this,
            [&](const LogEvent& e) { logs << QString::fromStdString(e.message); });
    QList<SessionState> states;
    connect(&controller, &TrainingController::stateChanged, this,
            [&](SessionState s, const QString&) { states << s; });

    EventSink sink = controller.makeSink();
    QThread* worker_qthread = nullptr;
    std::thread worker([&] {
      worker_qthread = QThread::currentThread();  // an adopted thread, not the GUI thread
      sink(StateEvent{SessionState::Running, {}});
      for (int i = 0; i < 10; ++i) sink(test::stepEvent(0, 8 * i, i));
      sink(LogEvent{LogLevel::Warning, "Skipped b.jpg: not an image"});
    });
    worker.join();
    QCOMPARE(steps.size(), 0);  // nothing is delivered on the worker thread itself

    QTRY_COMPARE(steps.size(), 10);
    QCOMPARE(steps, (QList<std::int64_t>{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}));
    for (QThread* t : threads) {
      QCOMPARE(t, qApp->thread());
      QVERIFY(t != worker_qthread);
    }
    QTRY_COMPARE(logs, QStringList{"Skipped b.jpg: not an image"});
    QCOMPARE(states, QList<SessionState>{SessionState::Running});
    QCOMPARE(controller.state(), SessionState::Running);
  }

  void aFloodingTrainerCannotQueueMoreThanTheStepLimit() {
    TrainingController controller;
    int delivered = 0;
    connect(&controller, &TrainingController::stepReported, this, [&] { ++delivered; });
    int logs = 0;
    connect(&controller, &TrainingController::logMessage, this, [&] { ++logs; });
    EventSink sink = controller.makeSink();
    std::thread worker([&] {
      for (int i = 0; i < 1000; ++i) sink(test::stepEvent(0, i, i));
      for (int i = 0; i < 300; ++i) sink(LogEvent{LogLevel::Info, "x"});  // never dropped
    });
    worker.join();
    QTRY_COMPARE(logs, 300);
    QCOMPARE(delivered, TrainingController::kMaxQueuedSteps);
    QCOMPARE(controller.droppedSteps(), std::int64_t{1000 - TrainingController::kMaxQueuedSteps});
    // Once the queue has drained, steps flow again.
    std::thread later([&] { sink(test::stepEvent(0, 5000, 5000)); });
    later.join();
    QTRY_COMPARE(delivered, TrainingController::kMaxQueuedSteps + 1);
  }

  void handleEventDispatchesEachKindToItsSignal() {
    TrainingController controller;
    QSignalSpy steps(&controller, &TrainingController::stepReported);
    QSignalSpy stages(&controller, &TrainingController::stageStarted);
    QSignalSpy samples(&controller, &TrainingController::sampleReady);
    QSignalSpy overlays(&controller, &TrainingController::overlayReady);
    QSignalSpy checkpoints(&controller, &TrainingController::checkpointWritten);
    QSignalSpy prepares(&controller, &TrainingController::prepareProgress);
    QSignalSpy errors(&controller, &TrainingController::errorOccurred);
    controller.handleEvent(test::stepEvent(1, 10));
    controller.handleEvent(StageEvent{1, 2, 64, 32, 16000});
    controller.handleEvent(test::sampleEvent(1, 2, 2, 32));
    controller.handleEvent(test::overlayEvent(2));
    controller.handleEvent(CheckpointEvent{"runs/x/checkpoints/step-1.pt", 1});
    controller.handleEvent(PrepareEvent{"Checking images", 3, 10});
    controller.handleEvent(StateEvent{SessionState::Failed, "out of memory"});
    QCOMPARE(steps.size(), 1);
    QCOMPARE(steps[0][0].value<StepEvent>().resolution, 64);
    QCOMPARE(stages.size(), 1);
    QCOMPARE(samples.size(), 1);
    QCOMPARE(samples[0][0].value<SampleEvent>().grid.width, 64);
    QCOMPARE(overlays.size(), 1);
    QCOMPARE(static_cast<int>(overlays[0][0].value<PatchOverlayEvent>().windows.size()), 2);
    QCOMPARE(checkpoints.size(), 1);
    QCOMPARE(prepares.size(), 1);
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors[0][0].toString(), QString("out of memory"));
    QCOMPARE(controller.state(), SessionState::Failed);
  }

  void aRejectedStartIsAnErrorSignalNotAnException() {
    TrainingController controller;
    QSignalSpy errors(&controller, &TrainingController::errorOccurred);
    QTemporaryDir runs;
    SessionOptions options;
    options.data_dir = "/nonexistent/folder/of/images";
    options.run_dir = (runs.path() + "/run").toStdString();
    QVERIFY(!controller.start(options));
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors[0][0].toString().contains("/nonexistent/folder/of/images"),
             qPrintable(errors[0][0].toString()));
    QCOMPARE(controller.state(), SessionState::Failed);
    QVERIFY(!controller.isActive());
    QTest::qWait(100);  // nothing from the rejected session follows
    QCOMPARE(errors.size(), 1);
  }

  // The whole path with the real trainer: a tiny preset on a few generated images, three steps.
  void aRealSessionReportsStepsOnTheGuiThreadAndFinishes() {
    QTemporaryDir data, runs;
    for (int i = 0; i < 6; ++i) {
      QImage image(40, 30, QImage::Format_RGB888);
      image.fill(QColor(20 * i, 100, 255 - 30 * i));
      QVERIFY(image.save(QString("%1/img%2.png").arg(data.path()).arg(i)));
    }
    QFile junk(data.path() + "/._img0.png");  // an AppleDouble file: hidden, so ignored
    QVERIFY(junk.open(QIODevice::WriteOnly));
    junk.write("not a png");
    junk.close();

    SessionOptions options = tinyOptions(data, runs);
    options.max_steps = 3;

    TrainingController controller;
    QList<QThread*> threads;
    connect(&controller, &TrainingController::stepReported, this,
            [&](const StepEvent&) { threads << QThread::currentThread(); });
    QSignalSpy samples(&controller, &TrainingController::sampleReady);
    QSignalSpy errors(&controller, &TrainingController::errorOccurred);
    QVERIFY(controller.start(options));
    QVERIFY(controller.isActive());
    QTRY_VERIFY_WITH_TIMEOUT(controller.state() == SessionState::Finished ||
                                 controller.state() == SessionState::Failed,
                             120000);
    QCOMPARE(errors.size(), 0);
    QVERIFY(threads.size() >= 1);
    for (QThread* t : threads) QCOMPARE(t, qApp->thread());
    QVERIFY(samples.size() >= 1);
    QVERIFY(!samples[0][0].value<SampleEvent>().grid.empty());
  }

  // Pause, Resume and Stop reach the real worker and come back as states.
  void pauseResumeAndStopAreAnsweredBySessionStates() {
    QTemporaryDir data, runs;
    for (int i = 0; i < 4; ++i) {
      QImage image(16, 16, QImage::Format_RGB888);
      image.fill(QColor(60 * i, 80, 40));
      QVERIFY(image.save(QString("%1/img%2.png").arg(data.path()).arg(i)));
    }
    SessionOptions options = tinyOptions(data, runs);
    options.config.schedule.stage_images = {1000000, 1000000};  // never finishes by itself

    TrainingController controller;
    QSignalSpy checkpoints(&controller, &TrainingController::checkpointWritten);
    QVERIFY(controller.start(options));
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), SessionState::Running, 60000);
    controller.pause();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), SessionState::Paused, 5000);
    controller.resume();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), SessionState::Running, 5000);
    const int before = checkpoints.size();
    controller.stop();
    QTRY_COMPARE_WITH_TIMEOUT(controller.state(), SessionState::Finished, 10000);
    QVERIFY(checkpoints.size() > before);  // stopping saves the state
    QVERIFY(!controller.isActive());
  }
};

QTEST_MAIN(TrainingControllerTest)
#include "training_controller_test.moc"
