#include "app/viewer/viewer_window.h"

#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>

namespace inrgan::viewer {

namespace {
// GLFW reports errors through a callback; keep the last one for the message.
std::string last_glfw_error;
void remember_glfw_error(int, const char* description) {
  last_glfw_error = description ? description : "unknown GLFW error";
}
}  // namespace

std::unique_ptr<ViewerWindow> ViewerWindow::open(int width, int height, const std::string& title,
                                                 std::string* error) {
  glfwSetErrorCallback(remember_glfw_error);
  if (!glfwInit()) {
    *error = "cannot open a window: " + last_glfw_error;
    return nullptr;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  GLFWwindow* window = glfwCreateWindow(width, height, title.c_str(), nullptr, nullptr);
  if (!window) {
    *error = "cannot create an OpenGL 3.3 core window: " + last_glfw_error;
    glfwTerminate();
    return nullptr;
  }
  std::unique_ptr<ViewerWindow> result(new ViewerWindow(window));
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini in whatever folder the viewer starts in
  ImGui::StyleColorsDark();
  result->imgui_glfw_ = ImGui_ImplGlfw_InitForOpenGL(window, true);
  result->imgui_opengl_ = result->imgui_glfw_ && ImGui_ImplOpenGL3_Init("#version 330");
  if (!result->imgui_opengl_) {
    *error = "cannot start Dear ImGui's OpenGL 3 backend in this context";
    return nullptr;  // the destructor undoes what was set up
  }
  return result;
}

ViewerWindow::~ViewerWindow() {
  if (imgui_opengl_) ImGui_ImplOpenGL3_Shutdown();
  if (imgui_glfw_) ImGui_ImplGlfw_Shutdown();
  if (ImGui::GetCurrentContext()) ImGui::DestroyContext();
  glfwDestroyWindow(window_);
  glfwTerminate();
}

void ViewerWindow::wake() { glfwPostEmptyEvent(); }

}  // namespace inrgan::viewer
