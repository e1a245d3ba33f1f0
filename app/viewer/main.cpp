// inrgan-view: a lean explorer for trained generators (GLFW + Dear ImGui). Zoom, pan, outpaint,
// change seed and truncation, export PNGs of any size; given a run folder it follows the newest
// checkpoint while training goes on.
#include <CLI/CLI.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <string>

#include "app/viewer/viewer_app.h"
#include "app/viewer/viewer_options.h"
#include "app/viewer/viewer_window.h"
#include "core/build_info.h"
#include "core/geometry/view.h"
#include "core/util/runtime.h"

namespace {

// A window larger than any screen is a typo.
constexpr int kMaxWindowSide = 16384;

bool has_display() {
  const char* x11 = std::getenv("DISPLAY");
  const char* wayland = std::getenv("WAYLAND_DISPLAY");
  return (x11 && *x11) || (wayland && *wayland);
}

}  // namespace

int main(int argc, char** argv) {
  inrgan::tune_process_environment(argv);
  CLI::App app{"inrgan-view: explore a trained INR GAN generator at any zoom, beyond its border "
               "too. Wheel: zoom about the cursor; drag: pan; 0/Home: whole image; 1..9: zoom "
               "2^(k-1); +/-: zoom x2 or /2; arrows: pan."};
  app.set_version_flag("--version", INRGAN_VERSION);
  inrgan::viewer::ViewerOptions options;
  std::string size = "1280x800", view;
  app.add_option("CHECKPOINT_OR_RUNDIR", options.source,
                 "Checkpoint file, or a run folder (its newest checkpoint is followed)")
      ->required()
      ->check(CLI::ExistingPath);
  app.add_option("--seed", options.seed, "Latent seed")->capture_default_str();
  app.add_option("--psi", options.psi, "Truncation: 1 = none, 0 = the average image")
      ->capture_default_str();
  app.add_option("--device", options.device, "Where to render: auto, cpu or cuda")
      ->check(CLI::IsMember({"auto", "cpu", "cuda"}))
      ->capture_default_str();
  app.add_option("--size", size, "Window WIDTHxHEIGHT")->capture_default_str();
  app.add_option("--view", view,
                 "Start with this region x0,y0,x1,y1 of image space, fitted into the window; "
                 "[-1,1]^2 is the training domain");
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;  // --help and --version exit 0, usage errors 2
  }

  try {
    const auto window = inrgan::parse_pixel_size(size, "--size", kMaxWindowSide);
    options.window_width = window.width;
    options.window_height = window.height;
    if (!view.empty()) options.start_view = inrgan::parse_view(view);
    if (!std::isfinite(options.psi)) throw std::invalid_argument("--psi must be a finite number");
    inrgan::resolve_device(options.device);  // "cuda" without CUDA is a usage error, said now
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "inrgan-view: %s\n", e.what());
    return 2;
  }
  if (!has_display()) {
    std::fprintf(stderr,
                 "inrgan-view: no display (DISPLAY and WAYLAND_DISPLAY are unset); use "
                 "`inrgan render` to render without one\n");
    return 2;
  }

  inrgan::init_runtime();
  std::string error;
  auto window = inrgan::viewer::ViewerWindow::open(options.window_width, options.window_height,
                                                   "inrgan-view", &error);
  if (!window) {
    std::fprintf(stderr, "inrgan-view: %s\n", error.c_str());
    return 2;
  }
  try {
    inrgan::viewer::ViewerApp viewer(*window, options);
    viewer.run();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "inrgan-view: %s\n", e.what());
    return 1;
  }
  return 0;
}
