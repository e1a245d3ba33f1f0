// `inrgan train`: the same TrainingSession the studio runs, with a progress line.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <string>
#include <thread>

#include "app/cli/commands.h"
#include "app/cli/progress_line.h"
#include "core/config/config.h"
#include "core/session/training_session.h"

namespace inrgan::cli {

namespace {

std::atomic<int> g_interrupts{0};
void on_signal(int) { g_interrupts.fetch_add(1); }

struct TrainOptions {
  std::string data, out, config, preset = "cpu-small";
  bool resume = false;
  bool preset_given = false;
  long long max_steps = -1;
};

int run_train(const TrainOptions& o) {
  SessionOptions options;
  try {
    options.config_given = !o.config.empty() || o.preset_given;
    if (!o.resume || options.config_given)
      options.config = load_config(o.config.empty() ? preset_path(o.preset) : std::filesystem::path(o.config));
  } catch (const ConfigError& e) {
    std::fprintf(stderr, "inrgan train: %s\n", e.what());
    return 2;
  }
  options.data_dir = o.data;
  options.run_dir = o.out;
  options.resume = o.resume;
  options.max_steps = o.max_steps;

  ProgressLine progress(isatty(STDERR_FILENO) != 0);
  std::mutex print_mutex;
  SessionState final_state = SessionState::Idle;
  std::string final_message;
  TrainingSession session([&](const TrainingEvent& event) {
    std::lock_guard lock(print_mutex);
    if (const auto* state = std::get_if<StateEvent>(&event)) {
      final_state = state->state;
      final_message = state->message;
    }
    progress.handle(event);
  });
  try {
    session.start(options);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "inrgan train: %s\n", e.what());
    return 2;
  }
  std::signal(SIGINT, on_signal);
  std::signal(SIGTERM, on_signal);
  bool stop_sent = false;
  std::chrono::steady_clock::time_point stop_time;
  int interrupts_at_stop = 0;
  for (;;) {
    const auto s = session.state();
    if (s == SessionState::Finished || s == SessionState::Failed) break;
    const int interrupts = g_interrupts.load();
    if (interrupts > 0 && !stop_sent) {
      std::fprintf(stderr, "\nStopping: saving a checkpoint (Ctrl-C again to quit at once)...\n");
      session.stop();
      stop_sent = true;
      stop_time = std::chrono::steady_clock::now();
      interrupts_at_stop = interrupts;
    }
    // A signal sent to the whole process group (timeout, a terminal) arrives more than once:
    // only a new one, a second later, means "quit now".
    if (stop_sent && interrupts > interrupts_at_stop &&
        std::chrono::steady_clock::now() - stop_time > std::chrono::seconds(1))
      std::_Exit(130);
    if (stop_sent && interrupts > interrupts_at_stop) interrupts_at_stop = interrupts;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  session.wait();
  std::lock_guard lock(print_mutex);
  progress.finish();
  if (final_state == SessionState::Failed) {
    std::fprintf(stderr, "inrgan train: failed: %s\n", final_message.c_str());
    return 1;
  }
  std::fprintf(stderr, "%s. Run folder: %s\n", final_message.c_str(), o.out.c_str());
  return 0;
}

}  // namespace

Command add_train_command(CLI::App& app) {
  auto options = std::make_shared<TrainOptions>();
  auto* sub = app.add_subcommand("train", "Train a generator on an image folder");
  sub->add_option("--data", options->data, "Folder of training images (PNG, JPEG, ...)")
      ->required()
      ->check(CLI::ExistingDirectory);
  sub->add_option("--out", options->out, "Run folder: config, stats.jsonl, samples, checkpoints")
      ->required();
  auto* config = sub->add_option("--config", options->config, "Config file (.toml or .json)")
                     ->check(CLI::ExistingFile);
  auto* preset = sub->add_option("--preset", options->preset, "Shipped preset (see resources/presets)")
                     ->capture_default_str()
                     ->excludes(config);
  preset->each([options](const std::string&) { options->preset_given = true; });
  sub->add_flag("--resume", options->resume,
                "Continue the run in --out exactly where its newest checkpoint left off");
  sub->add_option("--max-steps", options->max_steps,
                  "Stop (with a checkpoint) after this many steps of this invocation")
      ->check(CLI::Validator(
          [](std::string& text) {
            // CLI::PositiveNumber would say "not in range 0 to 1.797e308" for 0.
            char* end = nullptr;
            const long long steps = std::strtoll(text.c_str(), &end, 10);
            if (text.empty() || *end != '\0' || steps < 1)
              return std::string("must be a whole number >= 1, not \"" + text + "\"");
            return std::string();
          },
          "N >= 1"));
  return [options] { return run_train(*options); };
}

}  // namespace inrgan::cli
