#include "app/viewer/viewer_app.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <system_error>
#include <utility>

#include "app/viewer/canvas_keys.h"
#include "core/geometry/navigation.h"

namespace inrgan::viewer {

namespace {

using Clock = std::chrono::steady_clock;

// Event wait while a render or an export is running: often enough for a live progress bar.
constexpr double kBusyWaitSeconds = 0.1;
// Frames drawn right after an event: ImGui settles hover and layout changes over a frame or two.
constexpr int kSettleFrames = 2;
constexpr double kSettleWaitSeconds = 1.0 / 60.0;
// Idle: results, loaded checkpoints and input all wake the wait; this is only a safety net.
constexpr double kIdleWaitSeconds = 10.0;

}  // namespace

ViewerApp::ViewerApp(ViewerWindow& window, const ViewerOptions& options)
    : window_(window),
      inbox_(&ViewerWindow::wake),
      renderer_(inbox_.callbacks()),
      follower_(options.source, options.device, &ViewerWindow::wake),
      export_job_(&ViewerWindow::wake),
      input_(window.handle()) {
  if (!canvas_.initialize(&canvas_error_))  // the panel shows it too; the window stays usable
    std::fprintf(stderr, "inrgan-view: %s\n", canvas_error_.c_str());
  picture_.seed = options.seed;
  picture_.psi = options.psi;
  picture_.seed_b = options.seed + 1;
  glfwGetFramebufferSize(window_.handle(), &canvas_width_, &canvas_height_);
  view_ = options.start_view ? fit_view(*options.start_view, canvas_width_, canvas_height_)
                             : canvas_view(canvas_width_, canvas_height_);
}

ViewerApp::~ViewerApp() { canvas_.release(); }  // the window's context is still current

void ViewerApp::run() {
  int settle_frames = kSettleFrames;
  while (!glfwWindowShouldClose(window_.handle())) {
    const bool busy = rendering_ || export_job_.running();
    const double wait = settle_frames > 0 ? kSettleWaitSeconds
                        : busy            ? kBusyWaitSeconds
                                          : kIdleWaitSeconds;
    const auto before = Clock::now();
    glfwWaitEventsTimeout(wait);
    const bool woken = std::chrono::duration<double>(Clock::now() - before).count() < 0.9 * wait;
    settle_frames = woken ? kSettleFrames : std::max(0, settle_frames - 1);
    frame();
  }
}

void ViewerApp::frame() {
  take_updates();
  int width = 0, height = 0;
  glfwGetFramebufferSize(window_.handle(), &width, &height);
  if (width <= 0 || height <= 0) return;  // minimised: nothing to draw or render
  follow_canvas_size(width, height);

  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  view_ = input_.apply(view_, canvas_width_, canvas_height_);
  act_on(draw_viewer_panel(picture_, export_settings_, panel_facts()));
  submit_if_changed();
  ImGui::Render();

  canvas_.draw(view_, canvas_width_, canvas_height_);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  glfwSwapBuffers(window_.handle());
}

void ViewerApp::take_updates() {
  follower_state_ = follower_.state();
  if (follower_state_.generation != source_generation_) {
    source_ = follower_state_.source;  // the picture stays until the new generator's arrives
    source_generation_ = follower_state_.generation;
  }
  const std::uint64_t latest = renderer_.latest_id();
  // Results and errors of superseded requests are dropped: they show a view no longer asked for.
  if (auto result = inbox_.take_result(); result && result->id == latest) {
    canvas_.set_image(result->image, result->view);
    result->image = {};
    rendering_ = !result->final;
    render_error_.clear();
    shown_ = std::move(result);
    if (shown_->source_label != title_source_) {
      title_source_ = shown_->source_label;
      glfwSetWindowTitle(window_.handle(), ("inrgan-view: " + title_source_).c_str());
    }
  }
  if (auto error = inbox_.take_error(); error && error->id == latest) {
    render_error_ = error->message;  // the previous picture stays
    rendering_ = false;
  }
}

void ViewerApp::follow_canvas_size(int width, int height) {
  if (width == canvas_width_ && height == canvas_height_) return;
  view_ = resize_canvas(view_, canvas_width_, canvas_height_, width, height);
  canvas_width_ = width;
  canvas_height_ = height;
}

void ViewerApp::act_on(const PanelActions& actions) {
  if (actions.reset_view) view_ = canvas_view(canvas_width_, canvas_height_);
  if (actions.start_export) start_export();
  if (actions.cancel_export) export_job_.cancel();
}

void ViewerApp::submit_if_changed() {
  if (!source_) return;
  const RenderKey key{source_generation_, picture_, view_, canvas_width_, canvas_height_};
  if (key == submitted_) return;
  submitted_ = key;
  RenderRequest request;
  request.source.generator = source_;
  request.latent = picture_.latent();
  request.psi = picture_.psi;
  request.view = view_;
  request.width = canvas_width_;
  request.height = canvas_height_;
  submitted_levels_ = static_cast<int>(request.levels.size());
  renderer_.submit(std::move(request));
  rendering_ = true;
}

void ViewerApp::start_export() {
  ExportSpec spec;
  spec.source.generator = source_;
  spec.frames = {picture_.latent()};
  spec.psi = picture_.psi;
  spec.view = export_settings_.whole_domain ? View::training_domain() : view_;
  spec.width = export_settings_.width;
  spec.height = export_settings_.height;
  // Absolute, so the panel names where the file went whatever folder the viewer started in.
  std::error_code error;
  const std::filesystem::path out = export_settings_.path;
  spec.out = out.empty() ? out : std::filesystem::absolute(out, error);
  export_error_ = export_job_.start(std::move(spec));
}

std::string ViewerApp::render_status() const {
  if (!shown_) return rendering_ ? "rendering the first picture..." : "no picture yet";
  char resolution[32] = "full resolution";
  if (shown_->divisor > 1)
    std::snprintf(resolution, sizeof resolution, "1/%d resolution", shown_->divisor);
  char text[160];
  std::snprintf(text, sizeof text, "level %d/%d (%s) in %.2f s", shown_->level + 1,
                submitted_levels_, resolution, shown_->seconds);
  return text;
}

PanelFacts ViewerApp::panel_facts() const {
  PanelFacts facts;
  facts.target = follower_.target();
  if (shown_)
    facts.source = shown_->source_label + ", step " + std::to_string(shown_->source_step);
  else if (source_)
    facts.source = source_->label() + ", step " + std::to_string(source_->step());
  else
    facts.source = "nothing yet";
  facts.activity = follower_state_.activity;
  facts.load_error = follower_state_.error;
  facts.view = view_;
  facts.canvas_width = canvas_width_;
  facts.canvas_height = canvas_height_;
  facts.render_status = render_status();
  facts.rendering = rendering_;
  if (const auto progress = inbox_.progress();
      progress && progress->id == renderer_.latest_id() && progress->tiles_total > 0)
    facts.render_fraction =
        static_cast<float>(progress->tiles_done) / static_cast<float>(progress->tiles_total);
  facts.render_error = canvas_error_.empty() ? render_error_ : canvas_error_;
  facts.can_export = source_ != nullptr;
  facts.exporting = export_job_.running();
  facts.export_progress = export_job_.progress();
  facts.export_outcome = export_job_.outcome();
  facts.export_file = export_job_.file();
  facts.export_error = export_error_;
  return facts;
}

}  // namespace inrgan::viewer
