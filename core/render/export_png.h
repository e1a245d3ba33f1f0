// Export: a render whose tiles stream into a PNG file, a band of rows at a time, so that memory is
// bounded by the band, not the image (16384 x 16384 and beyond). Frames placed side by side make
// an interpolation strip. Torch-free header: the GUIs run it on a worker thread of their own.
#pragma once

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/geometry/view.h"
#include "core/render/render_request.h"

namespace inrgan {

struct ExportSpec {
  RenderSource source;
  std::vector<Latent> frames = {Latent{}};  // one image; several: side by side, left to right
  double psi = 1.0;
  View view;
  int width = 0;   // of one frame
  int height = 0;
  std::filesystem::path out;  // .png; written to a temporary name, renamed when complete
  int compression = 3;        // zlib level: 3 compresses nearly as well as 6 at twice the speed
};

struct ExportProgress {
  std::int64_t rows_done = 0;
  std::int64_t rows_total = 0;
  double seconds = 0.0;
  double eta_seconds = 0.0;
};

struct ExportOutcome {
  bool ok = false;
  bool cancelled = false;
  std::string error;  // names the file or value at fault
  double seconds = 0.0;
  double megapixels_per_second = 0.0;
};

// The largest export side accepted (the PNG format and libpng allow more; memory does not matter).
constexpr int kMaxExportSide = 65536;

// Checks an export before work starts: sizes, view, psi, output path (.png, folder exists and is
// writable). Returns an empty string when fine, otherwise what is wrong.
std::string validate_export(const ExportSpec& spec);

// Renders and writes. `cancel` may be set from any thread: the export stops within one band and
// leaves no file behind. `progress` is called after every band, on the calling thread.
ExportOutcome export_png(const ExportSpec& spec,
                         const std::function<void(const ExportProgress&)>& progress = {},
                         const std::atomic<bool>* cancel = nullptr);

// The frames of an interpolation strip from seed_a to seed_b, both ends included (count >= 2).
std::vector<Latent> interpolation_frames(std::uint64_t seed_a, std::uint64_t seed_b, int count);

// "7" or "0-9" or "3,5,8-10" -> seeds; throws std::invalid_argument naming the text.
std::vector<std::uint64_t> parse_seed_list(const std::string& text);

// The file for one seed of a batch: "{seed}" in the name is replaced by the seed; without it,
// "-seed<N>" goes before the extension.
std::filesystem::path output_for_seed(const std::filesystem::path& pattern, std::uint64_t seed);

}  // namespace inrgan
