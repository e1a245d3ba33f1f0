#include "core/render/export_png.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstring>
#include <memory>

#include "core/data/png_stream_writer.h"
#include "core/render/latent.h"
#include "core/render/source_cache.h"
#include "core/render/tile_renderer.h"
#include "core/train/checkpoint_files.h"

namespace inrgan {

namespace {
// Pixels rendered per band: with the 8-bit band buffer and one tile of activations, this is
// what an export holds in memory, whatever the image size.
constexpr std::int64_t kBandPixels = std::int64_t{1} << 18;
// Width of a whole strip (all frames side by side).
constexpr std::int64_t kMaxStripWidth = std::int64_t{1} << 20;
}  // namespace

std::string validate_export(const ExportSpec& spec) {
  const auto size = std::to_string(spec.width) + "x" + std::to_string(spec.height);
  if (spec.source.empty()) return "no generator to export from";
  if (!spec.source.generator && !find_checkpoint(spec.source.checkpoint))
    return spec.source.checkpoint.string() + " is neither a checkpoint nor a run folder with one";
  if (spec.width < 1 || spec.height < 1 || spec.width > kMaxExportSide ||
      spec.height > kMaxExportSide)
    return "size " + size + " is outside 1.." + std::to_string(kMaxExportSide) + " per side";
  if (spec.frames.empty()) return "no frames to export";
  if (static_cast<std::int64_t>(spec.width) * static_cast<std::int64_t>(spec.frames.size()) >
      kMaxStripWidth)
    return std::to_string(spec.frames.size()) + " frames of width " + std::to_string(spec.width) +
           " make a strip wider than " + std::to_string(kMaxStripWidth) + " pixels";
  for (const auto& frame : spec.frames)
    if (!(frame.mix >= 0.0 && frame.mix <= 1.0))
      return "interpolation mix " + std::to_string(frame.mix) + " is outside [0, 1]";
  if (!std::isfinite(spec.view.x0) || !std::isfinite(spec.view.y0) ||
      !std::isfinite(spec.view.x1) || !std::isfinite(spec.view.y1) ||
      !(spec.view.width() > 0.0 && spec.view.height() > 0.0))
    return "the view " + format_view(spec.view) + " must have x0 < x1 and y0 < y1";
  if (!std::isfinite(spec.psi)) return "psi must be a finite number";
  if (spec.compression < 0 || spec.compression > 9)
    return "PNG compression " + std::to_string(spec.compression) + " is outside 0..9";
  if (spec.out.empty()) return "no output file given";
  if (spec.out.extension() != ".png")
    return "output " + spec.out.string() + " must end in .png (PNG is what is written)";
  auto folder = spec.out.parent_path();
  if (folder.empty()) folder = ".";
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error))
    return "the folder of " + spec.out.string() + " does not exist";
  if (::access(folder.c_str(), W_OK) != 0)
    return "the folder " + folder.string() + " is not writable";
  if (std::filesystem::is_directory(spec.out, error))
    return "output " + spec.out.string() + " is a folder";
  return {};
}

ExportOutcome export_png(const ExportSpec& spec,
                         const std::function<void(const ExportProgress&)>& progress,
                         const std::atomic<bool>* cancel) {
  using Clock = std::chrono::steady_clock;
  const auto started = Clock::now();
  ExportOutcome outcome;
  auto seconds_since_start = [&] {
    return std::chrono::duration<double>(Clock::now() - started).count();
  };
  if (auto problem = validate_export(spec); !problem.empty()) {
    outcome.error = problem;
    return outcome;
  }
  const auto cancelled = [&] { return cancel && cancel->load(); };
  try {
    SourceCache sources(1);
    const auto source = sources.get(spec.source);
    FoldCache folds(spec.frames.size());
    std::vector<std::shared_ptr<const FoldedGenerator>> folded;
    for (const auto& frame : spec.frames) folded.push_back(folds.get(source, frame, spec.psi));

    const std::int64_t tile_pixels = default_tile_pixels(source->config().generator);
    const int frames = static_cast<int>(spec.frames.size());
    const std::int64_t strip_width = static_cast<std::int64_t>(spec.width) * frames;
    const int band_rows = static_cast<int>(
        std::clamp<std::int64_t>(kBandPixels / strip_width, 1, spec.height));
    const std::size_t frame_stride = static_cast<std::size_t>(spec.width) * 3;
    std::vector<std::uint8_t> band(static_cast<std::size_t>(strip_width) * band_rows * 3);
    std::vector<std::uint8_t> frame_band(frames > 1 ? frame_stride * band_rows : 0);

    PngStreamWriter writer(spec.out, static_cast<int>(strip_width), spec.height, spec.compression);
    for (int row0 = 0; row0 < spec.height; row0 += band_rows) {
      const int rows = std::min(band_rows, spec.height - row0);
      for (int f = 0; f < frames; ++f) {
        // A single frame renders straight into the band; a strip places each frame's rows.
        std::uint8_t* target = frames == 1 ? band.data() : frame_band.data();
        if (!render_rows(*folded[f], spec.view, spec.width, spec.height, row0, rows, tile_pixels,
                         target, [&] { return !cancelled(); })) {
          outcome.cancelled = true;
          outcome.seconds = seconds_since_start();
          return outcome;  // the writer removes its temporary file
        }
        if (frames > 1)
          for (int r = 0; r < rows; ++r)
            std::memcpy(band.data() + (static_cast<std::size_t>(r) * frames + f) * frame_stride,
                        frame_band.data() + static_cast<std::size_t>(r) * frame_stride,
                        frame_stride);
      }
      writer.write_rows(band.data(), rows);
      if (progress) {
        ExportProgress p;
        p.rows_done = row0 + rows;
        p.rows_total = spec.height;
        p.seconds = seconds_since_start();
        p.eta_seconds = p.seconds / static_cast<double>(p.rows_done) *
                        static_cast<double>(p.rows_total - p.rows_done);
        progress(p);
      }
    }
    if (cancelled()) {
      outcome.cancelled = true;
      outcome.seconds = seconds_since_start();
      return outcome;
    }
    writer.finish();
    outcome.ok = true;
    outcome.seconds = seconds_since_start();
    outcome.megapixels_per_second = static_cast<double>(strip_width) * spec.height / 1e6 /
                                    std::max(outcome.seconds, 1e-9);
  } catch (const c10::Error& e) {
    outcome.error = e.what_without_backtrace();
  } catch (const std::exception& e) {
    outcome.error = e.what();
  }
  outcome.seconds = seconds_since_start();
  return outcome;
}

}  // namespace inrgan
