// `inrgan render`: images of a trained generator at any size (up to 65536 per side) and any view
// (outside [-1, 1] too), streamed into PNG files band by band. Batches of seeds and interpolation
// strips come from the same command.
#include <unistd.h>

#include <atomic>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <string>

#include "app/cli/commands.h"
#include "app/cli/progress_line.h"
#include "core/geometry/view.h"
#include "core/render/export_png.h"
#include "core/render/generator_source.h"
#include "core/util/runtime.h"

namespace inrgan::cli {

namespace {

struct RenderOptions {
  std::string checkpoint, size = "256x256", view = "domain", out, device = "auto";
  std::string seeds = "0";
  std::string interpolate;  // "A,B": a strip from seed A to seed B
  int frames = 8;
  double psi = 1.0;
  int compression = 3;
};

std::atomic<bool> g_cancel{false};
void on_interrupt(int) { g_cancel = true; }

// One progress line per export: rows, megapixels per second, ETA. Off a terminal, a line every
// 10 % instead of an updating one.
class ExportProgressLine {
 public:
  ExportProgressLine(std::string name, std::int64_t pixels_per_row)
      : name_(std::move(name)), pixels_per_row_(pixels_per_row), terminal_(::isatty(2)) {}
  void operator()(const ExportProgress& p) {
    const int percent = static_cast<int>(100 * p.rows_done / std::max<std::int64_t>(1, p.rows_total));
    if (!terminal_ && percent < next_percent_ && p.rows_done < p.rows_total) return;
    next_percent_ = percent + 10;
    const double mps = static_cast<double>(p.rows_done * pixels_per_row_) / 1e6 /
                       std::max(p.seconds, 1e-9);
    std::fprintf(stderr, "%s%s %3d%% | rows %lld/%lld | %.2f MP/s | ETA %s%s",
                 terminal_ ? "\r" : "", name_.c_str(), percent, static_cast<long long>(p.rows_done),
                 static_cast<long long>(p.rows_total), mps, format_duration(p.eta_seconds).c_str(),
                 terminal_ ? "   " : "\n");
  }
  void finish() {
    if (terminal_) std::fprintf(stderr, "\n");
  }

 private:
  std::string name_;
  std::int64_t pixels_per_row_;
  bool terminal_;
  int next_percent_ = 0;
};

int usage_error(const std::string& message) {
  std::fprintf(stderr, "inrgan render: %s\n", message.c_str());
  return 2;
}

int run_render(const RenderOptions& o) {
  ExportSpec base;
  std::vector<std::pair<std::filesystem::path, std::vector<Latent>>> jobs;
  try {
    base.view = o.view == "domain" ? View::training_domain() : parse_view(o.view);
    const auto size = parse_pixel_size(o.size, "--size", kMaxExportSide);
    base.width = size.width;
    base.height = size.height;
    if (!o.interpolate.empty()) {
      const auto ends = parse_seed_list(o.interpolate);
      if (ends.size() != 2 || o.interpolate.find('-') != std::string::npos)
        return usage_error("--interpolate \"" + o.interpolate + "\" must be two seeds A,B");
      jobs.push_back({o.out, interpolation_frames(ends[0], ends[1], o.frames)});
    } else {
      const auto seeds = parse_seed_list(o.seeds);
      for (auto seed : seeds)
        jobs.push_back({seeds.size() == 1 ? std::filesystem::path(o.out)
                                          : output_for_seed(o.out, seed),
                        {Latent{seed}}});
    }
  } catch (const std::invalid_argument& e) {
    return usage_error(e.what());
  }
  base.psi = o.psi;
  base.compression = o.compression;
  base.source.checkpoint = o.checkpoint;
  // Everything is checked before the (slow) checkpoint load and the first pixel.
  for (const auto& [out, frames] : jobs) {
    ExportSpec spec = base;
    spec.out = out;
    spec.frames = frames;
    if (const auto problem = validate_export(spec); !problem.empty()) return usage_error(problem);
  }
  init_runtime();
  base.source.generator = open_checkpoint_source(o.checkpoint, o.device);
  const auto& source = *base.source.generator;
  std::fprintf(stderr, "Rendering from %s (step %lld)\n",
               source.file().string().c_str(), static_cast<long long>(source.step()));

  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  for (const auto& [out, frames] : jobs) {
    ExportSpec spec = base;
    spec.out = out;
    spec.frames = frames;
    ExportProgressLine line(out.filename().string(),
                            static_cast<std::int64_t>(spec.width) * static_cast<std::int64_t>(frames.size()));
    const auto outcome = export_png(spec, std::ref(line), &g_cancel);
    line.finish();
    if (outcome.cancelled) {
      std::fprintf(stderr, "inrgan render: interrupted; %s was not written\n", out.c_str());
      return 130;
    }
    if (!outcome.ok) {
      std::fprintf(stderr, "inrgan render: %s\n", outcome.error.c_str());
      return 1;
    }
    std::fprintf(stderr, "Wrote %s (%lldx%d, view %s, %s, psi %g) in %.1f s, %.2f MP/s\n",
                 out.c_str(), static_cast<long long>(spec.width) * static_cast<long long>(frames.size()),
                 spec.height, format_view(spec.view).c_str(),
                 frames.size() == 1 ? ("seed " + std::to_string(frames[0].seed)).c_str()
                                    : (std::to_string(frames.size()) + " frames from seed " +
                                       std::to_string(frames[0].seed) + " to " +
                                       std::to_string(frames[0].seed_b))
                                          .c_str(),
                 spec.psi, outcome.seconds, outcome.megapixels_per_second);
  }
  return 0;
}

}  // namespace

Command add_render_command(CLI::App& app) {
  auto o = std::make_shared<RenderOptions>();
  auto* sub = app.add_subcommand(
      "render", "Render a generator at any size and view into PNG files (streamed: any size fits "
                "in memory)");
  sub->add_option("--checkpoint", o->checkpoint, "Checkpoint file, or a run folder (newest checkpoint)")
      ->required();
  auto* seeds = sub->add_option("--seed,--seeds", o->seeds,
                                "Latent seed, or a list/range for a batch: 7, 0-9, 3,5,8-10")
                    ->capture_default_str();
  sub->add_option("--interpolate", o->interpolate,
                  "A,B: one strip of --frames images from seed A to seed B (W-space lerp)")
      ->excludes(seeds);
  sub->add_option("--frames", o->frames, "Frames of an interpolation strip")
      ->capture_default_str()
      ->check(CLI::Range(2, 256));
  sub->add_option("--size", o->size, "WIDTHxHEIGHT of one image in pixels (each side up to 65536)")
      ->capture_default_str();
  sub->add_option("--view", o->view,
                  "Region x0,y0,x1,y1 of image space, or \"domain\" for the training domain "
                  "[-1,1]^2; beyond it is outpainting")
      ->capture_default_str();
  sub->add_option("--psi", o->psi, "Truncation: 1 = none, 0 = the average image")->capture_default_str();
  sub->add_option("--device", o->device, "auto, cpu or cuda")->capture_default_str();
  sub->add_option("--compression", o->compression, "PNG (zlib) level 0-9")
      ->capture_default_str()
      ->check(CLI::Range(0, 9));
  sub->add_option("--out", o->out,
                  "Output PNG; for several seeds, {seed} in the name is replaced by the seed "
                  "(otherwise -seed<N> is added)")
      ->required();
  return [o] { return run_render(*o); };
}

}  // namespace inrgan::cli
