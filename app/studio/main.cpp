// inrgan-studio: the Qt trainer, monitor and explorer.
//   inrgan-studio [--data DIR] [--preset NAME | --config FILE] [--run DIR] [--resume] [--start]
//                 [--explore CHECKPOINT_OR_RUNDIR [--view x0,y0,x1,y1]]
#include <QApplication>
#include <QCommandLineParser>
#include <QSurfaceFormat>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <optional>

#include "core/geometry/view.h"
#include "core/util/runtime.h"
#include "ui/explore_canvas.h"
#include "ui/explore_panel.h"
#include "ui/main_window.h"
#include "ui/run_panel.h"
#include "ui/theme.h"

namespace {

// Qt aborts when it cannot reach a display; say what is missing instead (USERS: viewers that start
// anywhere). An explicit QT_QPA_PLATFORM (offscreen, vnc, ...) is the user's choice.
bool displayLooksMissing() {
#if defined(Q_OS_LINUX)
  auto set = [](const char* name) {
    const char* v = std::getenv(name);
    return v && *v;
  };
  return !set("QT_QPA_PLATFORM") && !set("DISPLAY") && !set("WAYLAND_DISPLAY");
#else
  return false;
#endif
}

std::atomic<bool> g_terminate{false};
void onTerminate(int) { g_terminate = true; }

}  // namespace

int main(int argc, char** argv) {
  inrgan::tune_process_environment(argv);
  if (displayLooksMissing()) {
    std::fprintf(stderr,
                 "inrgan-studio: no display found (neither DISPLAY nor WAYLAND_DISPLAY is set).\n"
                 "  Train without a display:  inrgan train --data DIR --preset NAME --out DIR\n"
                 "  Or use a virtual display: xvfb-run -a inrgan-studio ...\n");
    return 2;
  }
  // The Explore canvas draws with OpenGL 3.3 core; every GL widget of the process must agree on
  // the format before the first one exists.
  QSurfaceFormat format;
  format.setVersion(3, 3);
  format.setProfile(QSurfaceFormat::CoreProfile);
  QSurfaceFormat::setDefaultFormat(format);
  QApplication app(argc, argv);
  QApplication::setApplicationName(QStringLiteral("inrgan-studio"));
  QApplication::setApplicationDisplayName(QStringLiteral("INR-GAN Studio"));
  QApplication::setApplicationVersion(QStringLiteral("0.1"));

  QCommandLineParser parser;
  parser.setApplicationDescription(QStringLiteral("Train patch-based INR GANs and watch them converge."));
  parser.addHelpOption();
  parser.addVersionOption();
  const QCommandLineOption data({"d", "data"}, "Folder of training images.", "DIR");
  const QCommandLineOption preset({"p", "preset"}, "Preset name (resources/presets).", "NAME");
  const QCommandLineOption config({"c", "config"}, "Config file (.toml or .json); overrides the preset.", "FILE");
  const QCommandLineOption run({"r", "run"}, "Run folder (default runs/<preset>-<date-time>).", "DIR");
  const QCommandLineOption resume("resume", "Continue from the newest checkpoint in the run folder.");
  const QCommandLineOption start("start", "Start training at once.");
  const QCommandLineOption light("light", "Use the system's (light) colours instead of the dark theme.");
  const QCommandLineOption explore("explore", "Open the Explore tab on a checkpoint or a run folder's newest checkpoint.",
                                   "CHECKPOINT_OR_RUNDIR");
  const QCommandLineOption view("view", "Start view of --explore (-1,-1,1,1 is the training domain).", "x0,y0,x1,y1");
  parser.addOptions({data, preset, config, run, resume, start, light, explore, view});
  parser.process(app);

  if (parser.isSet(preset) && parser.isSet(config)) {
    std::fprintf(stderr, "inrgan-studio: give either --preset or --config, not both\n");
    return 2;
  }
  std::optional<inrgan::View> start_view;
  if (parser.isSet(view)) {
    try {
      start_view = inrgan::parse_view(parser.value(view).toStdString());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "inrgan-studio: --view: %s\n", e.what());
      return 2;
    }
  }
  if (!parser.isSet(light)) inrgan::ui::applyDarkTheme(app);

  inrgan::ui::MainWindow window;
  auto* panel = window.runPanel();
  if (parser.isSet(data)) panel->setDataDir(parser.value(data));
  if (parser.isSet(preset) && !panel->setPreset(parser.value(preset))) {
    std::fprintf(stderr, "inrgan-studio: no preset named \"%s\" (known: %s)\n",
                 qPrintable(parser.value(preset)), qPrintable(panel->presets().join(", ")));
    return 2;
  }
  if (parser.isSet(config)) panel->setConfigFile(parser.value(config));
  if (parser.isSet(run)) panel->setRunDir(parser.value(run));
  panel->setResume(parser.isSet(resume));
  if (start_view) window.explorePanel()->canvas()->fitView(*start_view);
  if (parser.isSet(explore)) {
    // A bad path shows as a render error in the Explore tab, like one opened from the button.
    window.explorePanel()->openCheckpoint(parser.value(explore));
    window.showExplore();
  }
  window.show();
  // Problems with these arguments are shown in the window like any other start failure.
  if (parser.isSet(start)) QTimer::singleShot(0, &window, &inrgan::ui::MainWindow::startTraining);
  // Ctrl-C or a kill from a terminal closes the window the normal way: a running session stops
  // with a checkpoint instead of losing the work since the last one.
  std::signal(SIGINT, onTerminate);
  std::signal(SIGTERM, onTerminate);
  QTimer terminateWatch;
  QObject::connect(&terminateWatch, &QTimer::timeout, &window, [&window] {
    if (g_terminate.exchange(false)) window.close();
  });
  terminateWatch.start(200);
  return app.exec();
}
