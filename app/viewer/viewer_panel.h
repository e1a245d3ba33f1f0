// The Dear ImGui panel of inrgan-view: what is shown (checkpoint, step, view, render state), the
// picture settings (seed, psi, interpolation) and the export section. Draws and edits plain values;
// the app acts on the returned actions.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "core/geometry/view.h"
#include "core/render/export_png.h"
#include "core/render/render_request.h"

namespace inrgan::viewer {

// The picture asked for, apart from the view.
struct PictureSettings {
  std::uint64_t seed = 0;
  double psi = 1.0;
  bool interpolate = false;  // towards seed_b by mix
  std::uint64_t seed_b = 1;
  double mix = 0.5;

  Latent latent() const;
  bool operator==(const PictureSettings&) const = default;
};

struct ExportSettings {
  int width = 4096;
  int height = 4096;
  bool whole_domain = true;  // the training domain; otherwise the view on screen
  std::string path = "inrgan-export.png";
};

// What the panel shows without editing it.
struct PanelFacts {
  std::filesystem::path target;  // the checkpoint or run folder followed
  std::string source;            // the checkpoint shown and its step, or why there is none
  std::string activity;          // the follower's: loading, waiting
  std::string load_error;
  View view;
  int canvas_width = 0;
  int canvas_height = 0;
  std::string render_status;  // level, divisor, seconds
  float render_fraction = 0;  // of the level in progress
  bool rendering = false;
  std::string render_error;
  bool can_export = false;  // a generator is loaded
  bool exporting = false;
  ExportProgress export_progress;
  std::optional<ExportOutcome> export_outcome;
  std::filesystem::path export_file;
  std::string export_error;  // a rejected start
};

struct PanelActions {
  bool reset_view = false;
  bool start_export = false;
  bool cancel_export = false;
};

PanelActions draw_viewer_panel(PictureSettings& picture, ExportSettings& export_settings,
                               const PanelFacts& facts);

}  // namespace inrgan::viewer
