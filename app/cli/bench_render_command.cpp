// `inrgan bench-render`: how fast the explorer and the export are, side by side with the
// machine's own matrix-product peak: render throughput (MP/s) at several sizes and the FLOP/s it
// reaches, the delay from a zoom to the first coarse image and to the full-resolution one on a
// canvas, and the time and peak memory of a large export (in a child process of its own, so that
// its peak is its own). Prints a table and writes the figures as JSON.
#include <torch/torch.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "app/cli/commands.h"
#include "core/config/config.h"
#include "core/geometry/navigation.h"
#include "core/render/export_png.h"
#include "core/render/generator_source_impl.h"
#include "core/render/progressive_renderer.h"
#include "core/render/render_image.h"
#include "core/render/tile_renderer.h"
#include "core/util/runtime.h"

namespace inrgan::cli {

namespace {

// The canvas whose zoom latency is measured: screen sizes, not export sizes.
constexpr int kMaxCanvasSide = 16384;

using Clock = std::chrono::steady_clock;

struct BenchRenderOptions {
  std::string checkpoint, preset = "cpu-small", device = "auto", out = "bench-render.json";
  std::vector<int> sizes = {512, 2048};
  std::string canvas = "1280x800";
  int export_size = 16384;  // 0 = skip the export
  std::string export_dir;   // default: the system's temporary folder
  int single_export = 0;    // internal: run one export in this process
};

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

// The generator to measure: a checkpoint's, or the preset's network with random weights (speed
// does not depend on the weights).
GeneratorSourcePtr bench_source(const BenchRenderOptions& o) {
  if (!o.checkpoint.empty()) return open_checkpoint_source(o.checkpoint, o.device);
  return random_weights_source(load_config(preset_path(o.preset)), 1,
                               o.preset + " (random weights)", o.device);
}

// Single-precision GEMM of two n x n matrices, best of a few: the machine's matrix-product peak.
double gemm_gflops(const torch::Device& device) {
  torch::NoGradGuard no_grad;
  const int n = 2048;
  auto a = torch::randn({n, n}, torch::TensorOptions(device)), b = torch::randn({n, n}, a.options());
  auto c = torch::mm(a, b);
  double best = 1e30;
  for (int i = 0; i < 5; ++i) {
    const auto start = Clock::now();
    c = torch::mm(a, b);
    (void)c.sum().item<float>();  // waits for the device
    best = std::min(best, seconds_since(start));
  }
  return 2.0 * n * n * n / best / 1e9;
}

int run_single_export(const BenchRenderOptions& o) {
  const auto source = bench_source(o);
  ExportSpec spec;
  spec.source.generator = source;
  spec.frames = {Latent{1}};
  spec.view = View::training_domain();
  spec.width = spec.height = o.single_export;
  const auto dir = o.export_dir.empty() ? std::filesystem::temp_directory_path()
                                        : std::filesystem::path(o.export_dir);
  spec.out = dir / ("inrgan-bench-export-" + std::to_string(::getpid()) + ".png");
  const double before_mb = current_rss_bytes() / 1048576.0;
  const auto outcome = export_png(spec);
  const double peak_mb = peak_rss_bytes() / 1048576.0;
  std::error_code ignored;
  const auto file_mb = std::filesystem::file_size(spec.out, ignored) / 1048576.0;
  std::filesystem::remove(spec.out, ignored);
  if (!outcome.ok) {
    std::fprintf(stderr, "export failed: %s\n", outcome.error.c_str());
    return 1;
  }
  std::printf("%.3f %.4f %.1f %.1f %.1f\n", outcome.seconds, outcome.megapixels_per_second,
              peak_mb, before_mb, file_mb);
  return 0;
}

nlohmann::json measure_export_in_child(const BenchRenderOptions& o) {
  std::ostringstream command;
  command << "'" << std::filesystem::read_symlink("/proc/self/exe").string()
          << "' bench-render --single-export " << o.export_size << " --device '" << o.device << "'";
  if (!o.checkpoint.empty()) command << " --checkpoint '" << o.checkpoint << "'";
  else command << " --preset '" << o.preset << "'";
  if (!o.export_dir.empty()) command << " --export-dir '" << o.export_dir << "'";
  FILE* pipe = ::popen(command.str().c_str(), "r");
  if (!pipe) throw std::runtime_error("bench-render: cannot start the export process");
  double seconds = 0, mps = 0, peak = 0, before = 0, file = 0;
  const int read = std::fscanf(pipe, "%lf %lf %lf %lf %lf", &seconds, &mps, &peak, &before, &file);
  if (::pclose(pipe) != 0 || read != 5)
    throw std::runtime_error("bench-render: the export measurement failed");
  return {{"size", o.export_size},      {"seconds", seconds},
          {"megapixels_per_second", mps}, {"peak_rss_mb", peak},
          {"rss_before_export_mb", before}, {"png_mb", file},
          {"float_image_would_need_mb", 3.0 * 4.0 * o.export_size * o.export_size / 1048576.0}};
}

// Zooms a canvas step by step, as a wheel does, and times each request's first (1/8) and last
// (full) level.
nlohmann::json measure_zoom_latency(const GeneratorSourcePtr& source, int width, int height) {
  std::mutex mutex;
  std::condition_variable changed;
  std::map<std::uint64_t, double> first_seconds, full_seconds;  // by request id
  // Callbacks run under the renderer's delivery lock: submit() must not be called holding `mutex`.
  ProgressiveRenderer renderer({[&](const RenderResult& r) {
                                  std::lock_guard lock(mutex);
                                  if (r.level == 0) first_seconds[r.id] = r.seconds;
                                  if (r.final) full_seconds[r.id] = r.seconds;
                                  changed.notify_all();
                                },
                                {}, {}});
  RenderRequest request;
  request.source.generator = source;
  request.latent = {1};
  request.width = width;
  request.height = height;
  request.view = canvas_view(width, height);
  request.tile_pixels = default_tile_pixels(source->config().generator);
  std::vector<double> first_level, full;
  for (int step = 0; step <= 8; ++step) {
    const auto id = renderer.submit(request);
    std::unique_lock lock(mutex);
    changed.wait(lock, [&] { return full_seconds.count(id) > 0; });
    first_level.push_back(first_seconds.at(id));
    full.push_back(full_seconds.at(id));
    lock.unlock();
    // The next wheel notch, about a point off-centre: 2x per step (64x after six).
    request.view = zoom_about(request.view, width, height, width * 0.3, height * 0.6, 2.0);
  }
  // The first request also folds the weights; the explorer does that once per latent.
  first_level.erase(first_level.begin());
  full.erase(full.begin());
  return {{"canvas", std::to_string(width) + "x" + std::to_string(height)},
          {"zooms", first_level.size()},
          {"first_coarse_image_ms_median", 1000 * median(first_level)},
          {"first_coarse_image_ms_max", 1000 * *std::max_element(first_level.begin(), first_level.end())},
          {"full_resolution_ms_median", 1000 * median(full)}};
}

int run_bench_render(const BenchRenderOptions& o) {
  init_runtime();
  if (o.single_export > 0) return run_single_export(o);
  PixelSize canvas;
  try {
    canvas = parse_pixel_size(o.canvas, "--canvas", kMaxCanvasSide);
  } catch (const std::invalid_argument& e) {
    std::fprintf(stderr, "inrgan bench-render: %s\n", e.what());
    return 2;
  }
  const auto source = bench_source(o);
  const auto& config = source->config().generator;
  const double flops_per_pixel = render_flops_per_pixel(config);
  const torch::Device device = source->impl().device;
  nlohmann::json report;
  report["generator"] = source->label();
  report["device"] = device.str();
  report["threads"] = torch::get_num_threads();
  report["blas_kernels"] = blas_core_name();
  report["flops_per_pixel"] = flops_per_pixel;
  const double peak = gemm_gflops(device);
  report["gemm_peak_gflops"] = peak;
  std::printf("GEMM peak (2048^2 sgemm): %.1f GFLOP/s; the network costs %.0f FLOP per pixel\n",
              peak, flops_per_pixel);
  std::printf("%10s | %10s %10s %12s %12s\n", "size", "seconds", "MP/s", "GFLOP/s", "of peak");
  (void)render_image(source, {1}, 1.0, View::training_domain(), 64, 64);  // fold, warm up
  for (int size : o.sizes) {
    const auto start = Clock::now();
    (void)render_image(source, {1}, 1.0, View::training_domain(), size, size,
                       default_tile_pixels(config));
    const double seconds = seconds_since(start);
    const double mps = static_cast<double>(size) * size / 1e6 / seconds;
    const double gflops = mps * 1e6 * flops_per_pixel / 1e9;
    std::printf("%10s | %10.3f %10.2f %12.1f %11.1f%%\n",
                (std::to_string(size) + "^2").c_str(), seconds, mps, gflops, 100 * gflops / peak);
    std::fflush(stdout);
    report["throughput"].push_back({{"size", size}, {"seconds", seconds},
                                    {"megapixels_per_second", mps}, {"gflops", gflops},
                                    {"fraction_of_gemm_peak", gflops / peak}});
  }
  const auto zoom = measure_zoom_latency(source, canvas.width, canvas.height);
  report["zoom_latency"] = zoom;
  std::printf("Zoom on a %s canvas: first coarse image %.0f ms (median; max %.0f), full "
              "resolution %.0f ms\n",
              o.canvas.c_str(), zoom["first_coarse_image_ms_median"].get<double>(),
              zoom["first_coarse_image_ms_max"].get<double>(),
              zoom["full_resolution_ms_median"].get<double>());
  std::fflush(stdout);
  if (o.export_size > 0) {
    std::fprintf(stderr, "Exporting %dx%d to measure time and memory ...\n", o.export_size,
                 o.export_size);
    const auto e = measure_export_in_child(o);
    report["export"] = e;
    std::printf("Export %dx%d: %.1f s (%.2f MP/s), peak RSS %.0f MB (%.0f MB before the export; "
                "a float image would need %.0f MB), PNG %.0f MB\n",
                o.export_size, o.export_size, e["seconds"].get<double>(),
                e["megapixels_per_second"].get<double>(), e["peak_rss_mb"].get<double>(),
                e["rss_before_export_mb"].get<double>(), e["float_image_would_need_mb"].get<double>(),
                e["png_mb"].get<double>());
  }
  std::ofstream(o.out) << report.dump(2) << "\n";
  std::fprintf(stderr, "Wrote %s\n", o.out.c_str());
  return 0;
}

}  // namespace

Command add_bench_render_command(CLI::App& app) {
  auto o = std::make_shared<BenchRenderOptions>();
  auto* sub = app.add_subcommand(
      "bench-render", "Measure render throughput, zoom latency and export memory (prints a table, "
                      "writes JSON)");
  auto* checkpoint = sub->add_option("--checkpoint", o->checkpoint,
                                     "Checkpoint or run folder (default: the preset's network with "
                                     "random weights)");
  sub->add_option("--preset", o->preset, "Preset whose network is measured")
      ->capture_default_str()
      ->excludes(checkpoint);
  sub->add_option("--sizes", o->sizes, "Square render sizes to time")->delimiter(',')->capture_default_str();
  sub->add_option("--canvas", o->canvas, "Canvas size for the zoom latency")->capture_default_str();
  sub->add_option("--export-size", o->export_size, "Side of the timed export; 0 = none")
      ->capture_default_str()
      ->check(CLI::Range(0, kMaxExportSide));
  sub->add_option("--export-dir", o->export_dir, "Where the timed export is written (then deleted)")
      ->check(CLI::ExistingDirectory);
  sub->add_option("--device", o->device, "auto, cpu or cuda")->capture_default_str();
  sub->add_option("--out", o->out, "JSON file for the figures")->capture_default_str();
  sub->add_option("--single-export", o->single_export)->group("");  // internal: one export
  return [o] { return run_bench_render(*o); };
}

}  // namespace inrgan::cli
