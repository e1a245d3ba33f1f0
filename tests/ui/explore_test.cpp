// The Explore view without a GPU or even OpenGL (the offscreen platform has none): wheel, drag and
// keys move the view exactly as navigation.h says, the panel turns every change into a render
// request for exactly the visible view, a bad checkpoint is shown instead of crashing, and the
// export dialog refuses what cannot be written and writes what it was asked for.
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QWheelEvent>
#include <QtTest>

#include <cmath>

#include "core/config/config.h"
#include "core/data/image_decode.h"
#include "core/geometry/navigation.h"
#include "core/render/generator_source.h"
#include "core/render/render_image.h"
#include "ui/explore_canvas.h"
#include "ui/explore_controls.h"
#include "ui/explore_panel.h"
#include "ui/export_dialog.h"
#include "ui/theme.h"

using namespace inrgan;
using namespace inrgan::ui;

namespace {

constexpr double kTolerance = 1e-9;

// The image-space point under canvas pixel `at`.
QPointF imagePoint(const View& view, const QSize& size, QPointF at) {
  double x = 0, y = 0;
  canvas_to_image(view, size.width(), size.height(), at.x(), at.y(), x, y);
  return {x, y};
}

bool near(QPointF a, QPointF b) {
  return std::abs(a.x() - b.x()) < kTolerance && std::abs(a.y() - b.y()) < kTolerance;
}

void sendWheel(QWidget* widget, QPointF at, int angle_delta) {
  QWheelEvent event(at, widget->mapToGlobal(at), QPoint(), QPoint(0, angle_delta), Qt::NoButton,
                    Qt::NoModifier, Qt::NoScrollPhase, false);
  QApplication::sendEvent(widget, &event);
}

void sendMouse(QWidget* widget, QEvent::Type type, QPointF at, Qt::MouseButton button,
               Qt::MouseButtons buttons) {
  QMouseEvent event(type, at, widget->mapToGlobal(at), button, buttons, Qt::NoModifier);
  QApplication::sendEvent(widget, &event);
}

}  // namespace

class ExploreTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() { applyDarkTheme(*qApp); }

  void canvasStartsFittedToTheTrainingDomain() {
    ExploreCanvas canvas;
    canvas.resize(800, 600);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    const QSize size = canvas.devicePixelSize();
    QCOMPARE(canvas.view(), canvas_view(size.width(), size.height()));
    QCOMPARE(canvas.zoom(), 1.0);
    // A fitted canvas stays fitted while the window settles on its size.
    canvas.resize(1000, 500);
    QTRY_COMPARE(canvas.devicePixelSize(), QSize(1000, 500) * canvas.devicePixelRatioF());
    QCOMPARE(canvas.zoom(), 1.0);
  }

  void wheelZoomsAboutThePointUnderTheCursor() {
    ExploreCanvas canvas;
    canvas.resize(800, 600);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    QSignalSpy spy(&canvas, &ExploreCanvas::viewChanged);
    const QSize size = canvas.devicePixelSize();
    const double ratio = canvas.devicePixelRatioF();
    const QPointF cursor(210.0, 130.0);
    const View before = canvas.view();
    const double zoom_before = canvas.zoom();

    sendWheel(&canvas, cursor, 120);  // one notch: x 2^(1/4)
    QCOMPARE(spy.count(), 1);
    const View after = qvariant_cast<View>(spy.at(0).at(0));
    QCOMPARE(after, canvas.view());
    QCOMPARE(qvariant_cast<QSize>(spy.at(0).at(1)), size);
    QVERIFY(near(imagePoint(before, size, cursor * ratio), imagePoint(after, size, cursor * ratio)));
    QVERIFY(std::abs(canvas.zoom() / zoom_before - std::exp2(0.25)) < kTolerance);

    sendWheel(&canvas, cursor, -480);  // four notches back: halves the zoom
    QVERIFY(std::abs(canvas.zoom() / zoom_before - std::exp2(-0.75)) < kTolerance);
    QVERIFY(near(imagePoint(before, size, cursor * ratio), imagePoint(canvas.view(), size, cursor * ratio)));
  }

  void dragPansWithTheContent() {
    ExploreCanvas canvas;
    canvas.resize(800, 600);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    const QSize size = canvas.devicePixelSize();
    const double ratio = canvas.devicePixelRatioF();
    const View before = canvas.view();
    const QPointF from(400.0, 300.0), to(470.0, 260.0);

    sendMouse(&canvas, QEvent::MouseButtonPress, from, Qt::LeftButton, Qt::LeftButton);
    sendMouse(&canvas, QEvent::MouseMove, QPointF(430.0, 280.0), Qt::NoButton, Qt::LeftButton);
    sendMouse(&canvas, QEvent::MouseMove, to, Qt::NoButton, Qt::LeftButton);
    sendMouse(&canvas, QEvent::MouseButtonRelease, to, Qt::LeftButton, Qt::NoButton);
    // The image point grabbed is under the cursor where the drag ended; the zoom is unchanged.
    QVERIFY(near(imagePoint(before, size, from * ratio), imagePoint(canvas.view(), size, to * ratio)));
    QVERIFY(std::abs(canvas.zoom() - 1.0) < kTolerance);

    // A move without the button held does nothing.
    const View dragged = canvas.view();
    sendMouse(&canvas, QEvent::MouseMove, from, Qt::NoButton, Qt::NoButton);
    QCOMPARE(canvas.view(), dragged);
  }

  void keysZoomPanAndReset() {
    ExploreCanvas canvas;
    canvas.resize(800, 600);
    canvas.show();
    QVERIFY(QTest::qWaitForWindowExposed(&canvas));
    const QSize size = canvas.devicePixelSize();
    const View fitted = canvas.view();

    QTest::keyClick(&canvas, Qt::Key_7);
    QVERIFY(std::abs(canvas.zoom() - 64.0) < 1e-9);
    QTest::keyClick(&canvas, Qt::Key_Plus);
    QVERIFY(std::abs(canvas.zoom() - 128.0) < 1e-9);
    QTest::keyClick(&canvas, Qt::Key_Minus);
    QTest::keyClick(&canvas, Qt::Key_Minus);
    QVERIFY(std::abs(canvas.zoom() - 32.0) < 1e-9);
    const View zoomed = canvas.view();
    QTest::keyClick(&canvas, Qt::Key_Right);
    QVERIFY(std::abs((canvas.view().x0 - zoomed.x0) - 0.1 * zoomed.width()) < kTolerance);
    QCOMPARE(canvas.view().y0, zoomed.y0);
    QTest::keyClick(&canvas, Qt::Key_Up);
    QVERIFY(std::abs((zoomed.y0 - canvas.view().y0) - 0.1 * zoomed.height()) < kTolerance);

    // The navigation range holds however often a key is pressed.
    for (int i = 0; i < 30; ++i) QTest::keyClick(&canvas, Qt::Key_Plus);
    QVERIFY(std::abs(canvas.zoom() - kMaxZoom) < 1e-6);

    QTest::keyClick(&canvas, Qt::Key_0);
    QCOMPARE(canvas.view(), fitted);
    QTest::keyClick(&canvas, Qt::Key_3);
    QTest::keyClick(&canvas, Qt::Key_Home);
    QCOMPARE(canvas.view(), canvas_view(size.width(), size.height()));
  }

  void panelRequestsExactlyTheVisibleView() {
    ExplorePanel panel;
    panel.resize(1300, 800);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    QVERIFY(!panel.lastRequest());  // nothing to render from yet
    QVERIFY(!panel.controls()->exportButton()->isEnabled());

    const QString missing = QStringLiteral("/nonexistent/inrgan-explore-test/ckpt.pt");
    panel.openCheckpoint(missing);
    QVERIFY(panel.lastRequest());
    ExploreCanvas* canvas = panel.canvas();
    auto check = [&](std::uint64_t seed, double psi) {
      const RenderRequest& r = *panel.lastRequest();
      QCOMPARE(QString::fromStdString(r.source.checkpoint.string()), missing);
      QCOMPARE(r.width, canvas->devicePixelSize().width());
      QCOMPARE(r.height, canvas->devicePixelSize().height());
      QCOMPARE(r.view, canvas->view());
      QCOMPARE(r.latent.seed, seed);
      QCOMPARE(r.latent.mix, 0.0);
      QCOMPARE(r.psi, psi);
    };
    check(0, 1.0);

    panel.controls()->seedBox()->setValue(42);
    panel.controls()->psiSlider()->setValue(70);
    check(42, 0.7);

    QTest::keyClick(canvas, Qt::Key_4);  // a view change
    check(42, 0.7);
    QVERIFY(std::abs(canvas->zoom() - 8.0) < 1e-9);
    QCOMPARE(panel.controls()->zoomLabel()->text(), QStringLiteral("8×"));
    const QSize size = canvas->devicePixelSize();
    QCOMPARE(panel.controls()->resolutionLabel()->text(),
             QStringLiteral("full image ≈ %1 px")
                 .arg(std::llround(effective_resolution(canvas->view(), size.width(), size.height()))));

    panel.controls()->interpolateBox()->setChecked(true);
    panel.controls()->seedBBox()->setValue(7);
    panel.controls()->mixSlider()->setValue(25);
    QCOMPARE(panel.lastRequest()->latent, (Latent{42, 7, 0.25}));

    // The renderer cannot load it: the panel says so, and nothing dies.
    QSignalSpy errors(&panel, &ExplorePanel::errorOccurred);
    QTRY_VERIFY_WITH_TIMEOUT(panel.controls()->errorLabel()->isVisible(), 20000);
    QVERIFY2(panel.controls()->errorLabel()->text().contains(QStringLiteral("inrgan-explore-test")),
             qPrintable(panel.controls()->errorLabel()->text()));
    QVERIFY(errors.count() >= 1);
    QVERIFY(!canvas->hasImage());
  }

  void zoomTextsAreShort() {
    QCOMPARE(ExploreControls::zoomText(64.0), QStringLiteral("64×"));
    QCOMPARE(ExploreControls::zoomText(1.0), QStringLiteral("1×"));
    QCOMPARE(ExploreControls::zoomText(1.5), QStringLiteral("1.5×"));
    QCOMPARE(ExploreControls::zoomText(1.0 / 16.0), QStringLiteral("0.06×"));
  }

  void exportDialogRefusesWhatCannotBeWritten() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString checkpoint = dir.filePath(QStringLiteral("ckpt-000000001.pt"));
    QFile file(checkpoint);
    QVERIFY(file.open(QIODevice::WriteOnly));  // exists: validation looks no further than that
    file.close();

    ExportContext context;
    context.source.checkpoint = checkpoint.toStdString();
    context.source_label = QStringLiteral("ckpt-000000001.pt");
    context.latent.seed = 3;
    context.canvas_view = View{-0.5, -0.25, 0.5, 0.25};
    ExportDialog dialog(context);
    dialog.show();

    // The view's aspect (2:1) is kept while it is asked for.
    dialog.widthBox()->setValue(4096);
    QCOMPARE(dialog.heightBox()->value(), 2048);
    dialog.keepAspectBox()->setChecked(false);
    dialog.heightBox()->setValue(1024);
    QCOMPARE(dialog.widthBox()->value(), 4096);
    dialog.widthBox()->setValue(kMaxExportSide + 1000);
    QCOMPARE(dialog.widthBox()->value(), kMaxExportSide);

    dialog.outputEdit()->setText(dir.filePath(QStringLiteral("no-such-folder/out.png")));
    QVERIFY(!dialog.startExport());
    QVERIFY2(dialog.message().contains(QStringLiteral("does not exist")), qPrintable(dialog.message()));
    QVERIFY(!dialog.isRunning());

    dialog.outputEdit()->setText(dir.filePath(QStringLiteral("out.jpg")));
    QVERIFY(!dialog.startExport());
    QVERIFY2(dialog.message().contains(QStringLiteral(".png")), qPrintable(dialog.message()));

    // A strip of 64 frames 65536 px wide is too wide for one PNG.
    dialog.outputEdit()->setText(dir.filePath(QStringLiteral("strip.png")));
    dialog.modeCombo()->setCurrentIndex(static_cast<int>(ExportDialog::Mode::Strip));
    dialog.framesBox()->setValue(64);
    QVERIFY(!dialog.startExport());
    QVERIFY2(dialog.message().contains(QStringLiteral("wider")), qPrintable(dialog.message()));

    dialog.modeCombo()->setCurrentIndex(static_cast<int>(ExportDialog::Mode::SeedRange));
    dialog.seedsEdit()->setText(QStringLiteral("9-x"));
    QVERIFY(!dialog.startExport());
    QVERIFY(dialog.message().contains(QStringLiteral("Seeds")));

    dialog.seedsEdit()->setText(QStringLiteral("0-2"));
    dialog.widthBox()->setValue(64);
    dialog.heightBox()->setValue(32);
    dialog.outputEdit()->setText(dir.filePath(QStringLiteral("s{seed}.png")));
    QString error;
    const auto jobs = dialog.jobs(&error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(static_cast<int>(jobs.size()), 3);
    QCOMPARE(QString::fromStdString(jobs[2].out.string()), dir.filePath(QStringLiteral("s2.png")));
    QCOMPARE(jobs[2].frames.front().seed, std::uint64_t{2});
    QCOMPARE(jobs[2].view, context.canvas_view);

    dialog.areaCombo()->setCurrentIndex(static_cast<int>(ExportDialog::Area::Typed));
    dialog.rectEdit()->setText(QStringLiteral("1,2,3"));
    QVERIFY(!dialog.startExport());
    QVERIFY(dialog.message().contains(QStringLiteral("Rectangle")));
  }

  void exportDialogWritesTheNonSquareImageItWasAskedFor() {
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    ExportContext context;
    context.source.generator =
        random_weights_source(load_config(preset_path("tiny")), 5, "tiny (random weights)");
    context.latent.seed = 11;
    context.psi = 0.8;
    context.canvas_view = View{-1.5, -0.375, 1.5, 0.375};  // 4:1, past the domain on both sides
    ExportDialog dialog(context);
    dialog.show();
    dialog.widthBox()->setValue(4096);
    QCOMPARE(dialog.heightBox()->value(), 1024);  // the view's aspect
    const QString out = dir.filePath(QStringLiteral("wide.png"));
    dialog.outputEdit()->setText(out);
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QVERIFY2(dialog.startExport(), qPrintable(dialog.message()));
    QVERIFY(dialog.isRunning());
    QVERIFY(finished.wait(240000));
    QVERIFY2(finished.at(0).at(0).toBool(), qPrintable(dialog.message()));
    QVERIFY2(dialog.message().startsWith(QStringLiteral("Wrote")), qPrintable(dialog.message()));
    std::string error;
    const auto written = decode_image(out.toStdString(), &error);
    QVERIFY2(written, error.c_str());
    QCOMPARE(written->width, 4096);
    QCOMPARE(written->height, 1024);
    // The streamed bands are the very image of the request, rendered in one piece.
    const RgbImage direct = render_image(context.source.generator, context.latent, context.psi,
                                         context.canvas_view, 4096, 1024);
    QVERIFY(written->pixels == direct.pixels);
  }

  void exportOfAnUnreadableCheckpointFailsWithAMessage() {
    QTemporaryDir dir;
    const QString checkpoint = dir.filePath(QStringLiteral("ckpt-000000001.pt"));
    QFile file(checkpoint);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("not a checkpoint");
    file.close();
    ExportContext context;
    context.source.checkpoint = checkpoint.toStdString();
    ExportDialog dialog(context);
    dialog.widthBox()->setValue(64);
    dialog.outputEdit()->setText(dir.filePath(QStringLiteral("out.png")));
    QSignalSpy finished(&dialog, &ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QVERIFY(dialog.isRunning());
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY2(dialog.message().startsWith(QStringLiteral("Export failed")), qPrintable(dialog.message()));
    QVERIFY(!dialog.isRunning());
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("out.png"))));
  }
};

QTEST_MAIN(ExploreTest)
#include "explore_test.moc"
