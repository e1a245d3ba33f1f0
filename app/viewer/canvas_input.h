// Mouse and keyboard input for the canvas of inrgan-view, taken from GLFW's callbacks after
// Dear ImGui has seen it: a press on the panel, or typing into one of its fields, belongs to ImGui
// (io.WantCaptureMouse / WantCaptureKeyboard). Events are queued as they arrive and applied in
// order at the next frame: ImGui 1.86 samples buttons and keys once per frame, so a quick tap, or
// a drag released within the same event wait, would otherwise be lost or cut short.
#pragma once

#include <functional>
#include <vector>

#include "core/geometry/view.h"

struct GLFWwindow;

namespace inrgan::viewer {

class CanvasInput {
 public:
  // Installs its callbacks on `window`, passing every event on to ImGui's first.
  explicit CanvasInput(GLFWwindow* window);
  ~CanvasInput();  // hands the callbacks back to ImGui alone
  CanvasInput(const CanvasInput&) = delete;
  CanvasInput& operator=(const CanvasInput&) = delete;

  // Applies the queued input to the view of a W x H canvas (framebuffer pixels); empties the queue.
  View apply(const View& view, int width, int height);

 private:
  using Edit = std::function<View(const View& view, int width, int height)>;

  static void on_mouse_button(GLFWwindow* window, int button, int action, int mods);
  static void on_cursor_pos(GLFWwindow* window, double x, double y);
  static void on_scroll(GLFWwindow* window, double dx, double dy);
  static void on_key(GLFWwindow* window, int key, int scancode, int action, int mods);
  static void on_char(GLFWwindow* window, unsigned int character);
  // Window coordinates (what GLFW reports) to framebuffer pixels (what the view is made for).
  void to_framebuffer(double& x, double& y) const;

  GLFWwindow* window_;
  std::vector<Edit> edits_;
  bool dragging_ = false;
  // The cursor as the events tell it (framebuffer pixels): by the time a queued event is handled,
  // asking GLFW for the cursor gives where it is now, not where the press or the wheel turn was.
  double cursor_x_ = 0, cursor_y_ = 0;
};

}  // namespace inrgan::viewer
