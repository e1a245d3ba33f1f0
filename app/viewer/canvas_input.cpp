#include "app/viewer/canvas_input.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <imgui.h>

#include "app/viewer/canvas_keys.h"
#include "core/geometry/navigation.h"

namespace inrgan::viewer {

namespace {
CanvasInput* input_of(GLFWwindow* window) {
  return static_cast<CanvasInput*>(glfwGetWindowUserPointer(window));
}
}  // namespace

CanvasInput::CanvasInput(GLFWwindow* window) : window_(window) {
  glfwGetCursorPos(window_, &cursor_x_, &cursor_y_);
  to_framebuffer(cursor_x_, cursor_y_);
  glfwSetWindowUserPointer(window_, this);
  glfwSetMouseButtonCallback(window_, on_mouse_button);
  glfwSetCursorPosCallback(window_, on_cursor_pos);  // ImGui 1.86 polls the cursor: none to chain
  glfwSetScrollCallback(window_, on_scroll);
  glfwSetKeyCallback(window_, on_key);
  glfwSetCharCallback(window_, on_char);
}

CanvasInput::~CanvasInput() {
  glfwSetMouseButtonCallback(window_, ImGui_ImplGlfw_MouseButtonCallback);
  glfwSetCursorPosCallback(window_, nullptr);
  glfwSetScrollCallback(window_, ImGui_ImplGlfw_ScrollCallback);
  glfwSetKeyCallback(window_, ImGui_ImplGlfw_KeyCallback);
  glfwSetCharCallback(window_, ImGui_ImplGlfw_CharCallback);
  glfwSetWindowUserPointer(window_, nullptr);
}

View CanvasInput::apply(const View& view, int width, int height) {
  View result = view;
  for (const auto& edit : edits_) result = edit(result, width, height);
  edits_.clear();
  return result;
}

void CanvasInput::to_framebuffer(double& x, double& y) const {
  int window_w = 0, window_h = 0, framebuffer_w = 0, framebuffer_h = 0;
  glfwGetWindowSize(window_, &window_w, &window_h);
  glfwGetFramebufferSize(window_, &framebuffer_w, &framebuffer_h);
  if (window_w > 0) x *= static_cast<double>(framebuffer_w) / window_w;
  if (window_h > 0) y *= static_cast<double>(framebuffer_h) / window_h;
}

void CanvasInput::on_mouse_button(GLFWwindow* window, int button, int action, int mods) {
  ImGui_ImplGlfw_MouseButtonCallback(window, button, action, mods);
  CanvasInput* self = input_of(window);
  if (!self || button != GLFW_MOUSE_BUTTON_LEFT) return;
  self->dragging_ = action != GLFW_RELEASE && !ImGui::GetIO().WantCaptureMouse;
}

void CanvasInput::on_cursor_pos(GLFWwindow* window, double x, double y) {
  CanvasInput* self = input_of(window);
  if (!self) return;
  self->to_framebuffer(x, y);
  const double dx = x - self->cursor_x_, dy = y - self->cursor_y_;
  self->cursor_x_ = x;
  self->cursor_y_ = y;
  if (self->dragging_)
    self->edits_.push_back(
        [dx, dy](const View& v, int w, int h) { return pan_by_pixels(v, w, h, dx, dy); });
}

void CanvasInput::on_scroll(GLFWwindow* window, double dx, double dy) {
  ImGui_ImplGlfw_ScrollCallback(window, dx, dy);
  CanvasInput* self = input_of(window);
  if (!self || dy == 0.0 || ImGui::GetIO().WantCaptureMouse) return;
  const double x = self->cursor_x_, y = self->cursor_y_, factor = wheel_zoom_factor(dy);
  self->edits_.push_back(
      [x, y, factor](const View& v, int w, int h) { return zoom_about(v, w, h, x, y, factor); });
}

void CanvasInput::on_key(GLFWwindow* window, int key, int scancode, int action, int mods) {
  ImGui_ImplGlfw_KeyCallback(window, key, scancode, action, mods);
  CanvasInput* self = input_of(window);
  if (!self || action == GLFW_RELEASE || ImGui::GetIO().WantCaptureKeyboard) return;
  CanvasKey canvas_key;
  switch (key) {
    case GLFW_KEY_HOME: canvas_key = CanvasKey::kHome; break;
    case GLFW_KEY_LEFT: canvas_key = CanvasKey::kLeft; break;
    case GLFW_KEY_RIGHT: canvas_key = CanvasKey::kRight; break;
    case GLFW_KEY_UP: canvas_key = CanvasKey::kUp; break;
    case GLFW_KEY_DOWN: canvas_key = CanvasKey::kDown; break;
    default: return;  // digits, + and - arrive as characters, whatever the keyboard layout
  }
  self->edits_.push_back([canvas_key](const View& v, int w, int h) {
    return view_after_key(canvas_key, v, w, h);
  });
}

void CanvasInput::on_char(GLFWwindow* window, unsigned int character) {
  ImGui_ImplGlfw_CharCallback(window, character);
  CanvasInput* self = input_of(window);
  if (!self || ImGui::GetIO().WantCaptureKeyboard) return;
  self->edits_.push_back([character](const View& v, int w, int h) {
    return view_after_character(character, v, w, h).value_or(v);
  });
}

}  // namespace inrgan::viewer
