// inrgan-view's main loop: the canvas (CanvasGl) fills the window behind the ImGui panel; every
// change of view, window size, picture settings or checkpoint submits one render of exactly the
// visible view at framebuffer resolution, and the newest result replaces the picture. Rendering,
// checkpoint loading and export run on their own threads; this thread only draws, and sleeps in
// the event wait when nothing changes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/viewer/canvas_input.h"
#include "app/viewer/checkpoint_follower.h"
#include "app/viewer/export_job.h"
#include "app/viewer/render_inbox.h"
#include "app/viewer/viewer_options.h"
#include "app/viewer/viewer_panel.h"
#include "app/viewer/viewer_window.h"
#include "core/render/progressive_renderer.h"
#include "ui/gl/canvas_gl.h"

namespace inrgan::viewer {

class ViewerApp {
 public:
  // `window` must outlive the app, with its context current.
  ViewerApp(ViewerWindow& window, const ViewerOptions& options);
  ~ViewerApp();
  ViewerApp(const ViewerApp&) = delete;
  ViewerApp& operator=(const ViewerApp&) = delete;

  // Runs until the window is closed.
  void run();

 private:
  // What a render depends on: when it changes, the picture on screen is out of date.
  struct RenderKey {
    std::uint64_t source_generation = 0;  // not the pointer: a freed source's address comes back
    PictureSettings picture;
    View view;
    int width = 0;
    int height = 0;
    bool operator==(const RenderKey&) const = default;
  };

  void frame();
  void take_updates();
  void follow_canvas_size(int width, int height);
  void act_on(const PanelActions& actions);
  void submit_if_changed();
  void start_export();
  PanelFacts panel_facts() const;
  std::string render_status() const;

  ViewerWindow& window_;
  gl::CanvasGl canvas_;
  std::string canvas_error_;

  // The renderer's callbacks write into the inbox: it is declared first so it outlives the renderer.
  RenderInbox inbox_;
  ProgressiveRenderer renderer_;
  CheckpointFollower follower_;
  ExportJob export_job_;
  CanvasInput input_;

  GeneratorSourcePtr source_;            // the newest loaded generator
  std::uint64_t source_generation_ = 0;  // the follower's generation of source_
  FollowerState follower_state_;
  PictureSettings picture_;
  ExportSettings export_settings_;
  std::string export_error_;
  View view_;
  int canvas_width_ = 0;  // framebuffer pixels
  int canvas_height_ = 0;
  RenderKey submitted_;
  int submitted_levels_ = 0;  // of the newest request

  // The picture on screen: which request level it is and where it came from.
  std::optional<RenderResult> shown_;  // without its pixels (they live in the texture)
  bool rendering_ = false;             // the newest request has not delivered its last level
  std::string render_error_;
  std::string title_source_;  // the checkpoint named in the window title
};

}  // namespace inrgan::viewer
