// `inrgan bench`: the headline property of patch training, measured side by side in one run.
// For each target resolution R it times training steps of the last patch stage (P x P windows of
// the R grid, with the teacher) and of the full-resolution baseline (whole R x R images), and
// measures the peak memory each adds. Prints a table and writes the figures as JSON.
#include <torch/torch.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "core/config/config.h"
#include "core/data/image_folder.h"
#include "core/data/patch_sampler.h"
#include "core/train/trainer.h"
#include "core/util/runtime.h"

namespace inrgan::cli {

namespace {

struct BenchOptions {
  std::string data, preset = "cpu-small", config, out = "bench-patch-vs-full.json";
  std::vector<int> resolutions = {64, 128, 256};
  int steps = 8;
};

// Linux resets the peak RSS (VmHWM) to the current RSS on "5" (since 4.0).
void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }

struct Measure {
  double seconds_per_step = 0;
  double peak_mb = 0;
  double base_mb = 0;
};

Measure measure(const Config& config, const std::shared_ptr<PatchSampler>& sampler, int steps) {
  const double base = current_rss_bytes() / 1048576.0;
  reset_peak_rss();
  Measure m;
  {
    Trainer trainer(config, sampler, torch::kCPU);
    while (trainer.stage() + 1 < config.num_stages()) trainer.next_stage();
    trainer.step();  // warm-up: allocations, caches
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < steps; ++i) trainer.step();
    m.seconds_per_step =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / steps;
  }
  m.base_mb = base;
  m.peak_mb = peak_rss_bytes() / 1048576.0 - base;
  return m;
}

int run_bench(const BenchOptions& o) {
  Config base = load_config(o.config.empty() ? preset_path(o.preset) : std::filesystem::path(o.config));
  init_runtime(base.training.threads);
  std::fprintf(stderr, "Scanning %s...\n", o.data.c_str());
  auto cache = std::make_shared<ResizedImageCache>(scan_image_folder(o.data),
                                                   base.data.cache_mb << 20, false);
  auto sampler = std::make_shared<PatchSampler>(cache, base.data);
  nlohmann::json report;
  report["preset"] = o.config.empty() ? o.preset : o.config;
  report["patch"] = base.schedule.patch;
  report["batch"] = base.training.batch;
  report["threads"] = torch::get_num_threads();
  std::printf("%6s %6s | %12s %10s %12s | %12s %10s %12s | %8s %8s\n", "R", "P", "patch s/step",
              "img/s", "peak MB", "full s/step", "img/s", "peak MB", "time x", "mem x");
  for (int r : o.resolutions) {
    Config patch = base;
    patch.schedule.mode = "patch";
    patch.schedule.resolution = r;
    Config full = patch;
    full.schedule.mode = "full";
    full.schedule.stage_images = {1000000};
    patch.schedule.stage_images.assign(patch.num_stages(), 1000000);
    patch.training.r1_gamma_per_stage.clear();
    full.training.r1_gamma_per_stage.clear();
    patch.schedule.stage_seconds.clear();
    full.schedule.stage_seconds.clear();
    validate(patch, "bench");
    validate(full, "bench");
    const Measure p = measure(patch, sampler, o.steps);
    const Measure f = measure(full, sampler, o.steps);
    const double b = base.training.batch;
    std::printf("%6d %6d | %12.3f %10.1f %12.0f | %12.3f %10.1f %12.0f | %8.1f %8.1f\n", r,
                base.schedule.patch, p.seconds_per_step, b / p.seconds_per_step, p.peak_mb,
                f.seconds_per_step, b / f.seconds_per_step, f.peak_mb,
                f.seconds_per_step / p.seconds_per_step, f.peak_mb / std::max(p.peak_mb, 1.0));
    std::fflush(stdout);
    report["rows"].push_back({{"resolution", r},
                              {"patch_seconds_per_step", p.seconds_per_step},
                              {"patch_peak_mb_above_base", p.peak_mb},
                              {"full_seconds_per_step", f.seconds_per_step},
                              {"full_peak_mb_above_base", f.peak_mb},
                              {"time_ratio_full_over_patch", f.seconds_per_step / p.seconds_per_step},
                              {"memory_ratio_full_over_patch", f.peak_mb / std::max(p.peak_mb, 1.0)}});
  }
  std::ofstream(o.out) << report.dump(2) << "\n";
  std::fprintf(stderr, "Wrote %s\n", o.out.c_str());
  return 0;
}

}  // namespace

Command add_bench_command(CLI::App& app) {
  auto o = std::make_shared<BenchOptions>();
  auto* sub = app.add_subcommand(
      "bench", "Time and memory per training step: patch stages vs the full-resolution baseline");
  sub->add_option("--data", o->data, "Folder of training images")->required()->check(CLI::ExistingDirectory);
  auto* config = sub->add_option("--config", o->config, "Config file")->check(CLI::ExistingFile);
  sub->add_option("--preset", o->preset, "Preset")->capture_default_str()->excludes(config);
  sub->add_option("--resolutions", o->resolutions, "Target resolutions R")->delimiter(',')->capture_default_str();
  sub->add_option("--steps", o->steps, "Timed steps per measurement")->capture_default_str();
  sub->add_option("--out", o->out, "JSON file for the figures")->capture_default_str();
  return [o] { return run_bench(*o); };
}

}  // namespace inrgan::cli
