// inrgan: train and render INR GANs from a terminal (no display needed).
#include <cstdio>
#include <exception>
#include <utility>
#include <vector>

#include "app/cli/commands.h"
#include "core/build_info.h"
#include "core/util/runtime.h"

int main(int argc, char** argv) {
  inrgan::tune_process_environment(argv);
  CLI::App app{"INR-GAN Studio command line: patch-based training of INR GANs and rendering at any "
               "resolution"};
  app.set_version_flag("--version", INRGAN_VERSION);
  app.require_subcommand(1);
  const std::vector<std::pair<const char*, inrgan::cli::Command>> commands = {
      {"train", inrgan::cli::add_train_command(app)},
      {"render", inrgan::cli::add_render_command(app)},
      {"bench", inrgan::cli::add_bench_command(app)},
      {"bench-render", inrgan::cli::add_bench_render_command(app)},
  };
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; every usage error is exit code 2, as documented.
    return app.exit(e) == 0 ? 0 : 2;
  }
  for (const auto& [name, run] : commands) {
    if (!app.got_subcommand(name)) continue;
    try {
      return run();
    } catch (const c10::Error& e) {  // without LibTorch's C++ backtrace
      std::fprintf(stderr, "inrgan %s: %s\n", name, e.what_without_backtrace());
      return 1;
    } catch (const std::exception& e) {
      std::fprintf(stderr, "inrgan %s: %s\n", name, e.what());
      return 1;
    }
  }
  return 2;
}
