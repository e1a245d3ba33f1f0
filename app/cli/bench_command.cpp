// `inrgan bench`: the headline property of patch training, measured side by side in one run.
// For each target resolution R it times training steps of the last patch stage (P x P windows of
// the R grid, with the teacher) and of the full-resolution baseline (whole R x R images), and
// measures the peak memory each adds. Prints a table and writes the figures as JSON.
#include <torch/torch.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
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
  std::string single_mode;  // internal: measure one (mode, resolution) in this process
  int single_resolution = 0;
};

struct Measure {
  double seconds_per_step = 0;
  double peak_mb = 0;  // peak RSS above the process's RSS before the first step
};

Config bench_config(const Config& base, const std::string& mode, int resolution) {
  Config c = base;
  c.schedule.mode = mode;
  c.schedule.resolution = resolution;
  c.schedule.stage_images.assign(c.num_stages(), 1000000);
  c.schedule.stage_seconds.clear();
  c.training.r1_gamma_per_stage.clear();
  validate(c, "bench (" + mode + " at " + std::to_string(resolution) + ")");
  return c;
}

// Runs in a fresh process per measurement, so that memory freed by one configuration cannot hide
// the peak of the next.
int run_single(const BenchOptions& o, const Config& base) {
  const Config config = bench_config(base, o.single_mode, o.single_resolution);
  auto cache = std::make_shared<ResizedImageCache>(scan_image_folder(o.data),
                                                   base.data.cache_mb << 20, false);
  auto sampler = std::make_shared<PatchSampler>(cache, base.data);
  Trainer trainer(config, sampler, torch::kCPU);
  while (trainer.stage() + 1 < config.num_stages()) trainer.next_stage();
  const double before = current_rss_bytes() / 1048576.0;
  for (int i = 0; i < 2; ++i) trainer.step();  // warm-up: allocations, caches
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < o.steps; ++i) trainer.step();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() / o.steps;
  std::printf("%.6f %.3f\n", seconds, peak_rss_bytes() / 1048576.0 - before);
  return 0;
}

Measure measure_in_child(const BenchOptions& o, const std::string& mode, int resolution) {
  std::ostringstream command;
  // popen runs a shell, for which /proc/self/exe would be the shell: resolve our path first.
  command << "'" << std::filesystem::read_symlink("/proc/self/exe").string() << "' bench --data '" << o.data << "' --steps " << o.steps
          << " --single-mode " << mode << " --single-resolution " << resolution;
  if (!o.config.empty()) command << " --config '" << o.config << "'";
  else command << " --preset '" << o.preset << "'";
  FILE* pipe = ::popen(command.str().c_str(), "r");
  if (!pipe) throw std::runtime_error("bench: cannot start a measurement process");
  Measure m;
  const int read = std::fscanf(pipe, "%lf %lf", &m.seconds_per_step, &m.peak_mb);
  if (::pclose(pipe) != 0 || read != 2)
    throw std::runtime_error("bench: the measurement of " + mode + " at " +
                             std::to_string(resolution) + " failed");
  return m;
}

int run_bench(const BenchOptions& o) {
  Config base = load_config(o.config.empty() ? preset_path(o.preset) : std::filesystem::path(o.config));
  init_runtime(base.training.threads);
  if (!o.single_mode.empty()) return run_single(o, base);
  nlohmann::json report;
  report["preset"] = o.config.empty() ? o.preset : o.config;
  report["patch"] = base.schedule.patch;
  report["batch"] = base.training.batch;
  report["threads"] = torch::get_num_threads();
  report["blas_kernels"] = blas_core_name();
  report["steps"] = o.steps;
  std::printf("%6s %6s | %12s %10s %12s | %12s %10s %12s | %8s %8s\n", "R", "P", "patch s/step",
              "img/s", "peak MB", "full s/step", "img/s", "peak MB", "time x", "mem x");
  for (int r : o.resolutions) {
    std::fprintf(stderr, "Measuring R = %d ...\n", r);
    const Measure p = measure_in_child(o, "patch", r);
    const Measure f = measure_in_child(o, "full", r);
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
  sub->add_option("--single-mode", o->single_mode)->group("");  // internal, one measurement
  sub->add_option("--single-resolution", o->single_resolution)->group("");
  return [o] { return run_bench(*o); };
}

}  // namespace inrgan::cli
