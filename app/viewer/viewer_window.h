// The viewer's window: GLFW with an OpenGL 3.3 core context and Dear ImGui on top of it, set up
// and torn down in the right order. Failing to get a display or a context is an error message,
// not a crash.
#pragma once

#include <memory>
#include <string>

struct GLFWwindow;

namespace inrgan::viewer {

class ViewerWindow {
 public:
  // Opens the window; nullptr with `error` saying why (no display, no OpenGL 3.3).
  static std::unique_ptr<ViewerWindow> open(int width, int height, const std::string& title,
                                            std::string* error);
  ~ViewerWindow();
  ViewerWindow(const ViewerWindow&) = delete;
  ViewerWindow& operator=(const ViewerWindow&) = delete;

  GLFWwindow* handle() const { return window_; }
  // Wakes the event wait of the window's thread; callable from any thread.
  static void wake();

 private:
  explicit ViewerWindow(GLFWwindow* window) : window_(window) {}
  GLFWwindow* window_ = nullptr;
  bool imgui_glfw_ = false;
  bool imgui_opengl_ = false;
};

}  // namespace inrgan::viewer
