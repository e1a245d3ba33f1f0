#include "app/viewer/viewer_panel.h"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <cfloat>
#include <cstdio>
#include <random>

#include "core/geometry/navigation.h"

namespace inrgan::viewer {

namespace {

constexpr float kPanelWidth = 360.0f;
const ImVec4 kErrorColour{1.0f, 0.45f, 0.4f, 1.0f};

void error_text(const std::string& message) {
  if (message.empty()) return;
  ImGui::PushStyleColor(ImGuiCol_Text, kErrorColour);
  ImGui::TextWrapped("%s", message.c_str());
  ImGui::PopStyleColor();
}

std::uint64_t random_seed() {
  static std::random_device device;
  return device();
}

void source_section(const PanelFacts& facts) {
  ImGui::TextWrapped("Following %s", facts.target.string().c_str());
  ImGui::TextWrapped("Showing %s", facts.source.c_str());
  if (!facts.activity.empty()) ImGui::TextDisabled("%s", facts.activity.c_str());
  error_text(facts.load_error);
}

void picture_section(PictureSettings& picture) {
  const std::uint64_t step = 1, fast_step = 100;
  ImGui::InputScalar("seed", ImGuiDataType_U64, &picture.seed, &step, &fast_step);
  ImGui::SameLine();
  if (ImGui::Button("Random")) picture.seed = random_seed();
  const double psi_min = 0.0, psi_max = 1.5;
  ImGui::SliderScalar("psi", ImGuiDataType_Double, &picture.psi, &psi_min, &psi_max, "%.2f");
  ImGui::Checkbox("interpolate to seed B", &picture.interpolate);
  if (picture.interpolate) {
    ImGui::InputScalar("seed B", ImGuiDataType_U64, &picture.seed_b, &step, &fast_step);
    const double mix_min = 0.0, mix_max = 1.0;
    ImGui::SliderScalar("mix", ImGuiDataType_Double, &picture.mix, &mix_min, &mix_max, "%.3f");
  }
}

bool view_section(const PanelFacts& facts) {
  const double zoom = canvas_zoom(facts.view, facts.canvas_width, facts.canvas_height);
  const double full = effective_resolution(facts.view, facts.canvas_width, facts.canvas_height);
  ImGui::Text("zoom %.3gx, full image at %.0f px", zoom, full);
  ImGui::TextWrapped("view %s", format_view(facts.view).c_str());
  const bool reset = ImGui::Button("Reset view (0)");
  ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::TextWrapped("wheel: zoom, drag: pan, 1..9 and +/-: zoom, arrows: pan");
  ImGui::PopStyleColor();
  return reset;
}

void render_section(const PanelFacts& facts) {
  ImGui::TextWrapped("%s", facts.render_status.c_str());
  // Always there, so the panel's layout does not jump when a render starts or ends.
  ImGui::ProgressBar(facts.rendering ? facts.render_fraction : 1.0f, ImVec2(-FLT_MIN, 0),
                     facts.rendering ? "rendering" : "done");
  error_text(facts.render_error);
}

void export_section(ExportSettings& settings, const PanelFacts& facts, PanelActions& actions) {
  ImGui::InputInt("width", &settings.width, 256, 1024);
  ImGui::InputInt("height", &settings.height, 256, 1024);
  settings.width = std::clamp(settings.width, 1, kMaxExportSide);
  settings.height = std::clamp(settings.height, 1, kMaxExportSide);
  if (ImGui::Button("Height from view aspect") && facts.view.width() > 0)
    settings.height = std::clamp(
        static_cast<int>(settings.width * facts.view.height() / facts.view.width() + 0.5), 1,
        kMaxExportSide);
  int region = settings.whole_domain ? 0 : 1;
  ImGui::RadioButton("training domain", &region, 0);
  ImGui::SameLine();
  ImGui::RadioButton("current view", &region, 1);
  settings.whole_domain = region == 0;
  ImGui::InputText("file", &settings.path);

  if (facts.exporting) {
    const auto& p = facts.export_progress;
    const float fraction =
        p.rows_total > 0 ? static_cast<float>(p.rows_done) / static_cast<float>(p.rows_total) : 0;
    char label[64];
    std::snprintf(label, sizeof label, "%.0f%%, %.0f s left", 100.0f * fraction, p.eta_seconds);
    ImGui::ProgressBar(fraction, ImVec2(-FLT_MIN, 0), label);
    if (ImGui::Button("Cancel")) actions.cancel_export = true;
  } else {
    ImGui::BeginDisabled(!facts.can_export);
    if (ImGui::Button("Export PNG")) actions.start_export = true;
    ImGui::EndDisabled();
  }
  error_text(facts.export_error);
  if (facts.export_outcome && !facts.exporting) {
    const auto& o = *facts.export_outcome;
    if (o.ok)
      ImGui::TextWrapped("Wrote %s in %.1f s (%.2f MP/s)", facts.export_file.string().c_str(),
                         o.seconds, o.megapixels_per_second);
    else if (o.cancelled)
      ImGui::TextWrapped("Export cancelled");
    else
      error_text("Export failed: " + o.error);
  }
}

}  // namespace

Latent PictureSettings::latent() const {
  if (!interpolate) return {seed, 0, 0.0};
  return {seed, seed_b, mix};
}

PanelActions draw_viewer_panel(PictureSettings& picture, ExportSettings& export_settings,
                               const PanelFacts& facts) {
  PanelActions actions;
  ImGui::SetNextWindowPos(ImVec2(10, 10), ImGuiCond_FirstUseEver);
  // Fixed width, height following the content.
  ImGui::SetNextWindowSizeConstraints(ImVec2(kPanelWidth, 0), ImVec2(kPanelWidth, FLT_MAX));
  ImGui::Begin("inrgan-view", nullptr, ImGuiWindowFlags_AlwaysAutoResize);
  source_section(facts);
  ImGui::Separator();
  picture_section(picture);
  ImGui::Separator();
  actions.reset_view = view_section(facts);
  ImGui::Separator();
  render_section(facts);
  if (ImGui::CollapsingHeader("Export")) export_section(export_settings, facts, actions);
  ImGui::End();
  return actions;
}

}  // namespace inrgan::viewer
