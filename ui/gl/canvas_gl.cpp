#include "ui/gl/canvas_gl.h"

// GL 3.3 entry points straight from libGL (GLVND exports every core function), so that the same
// code runs in any context the caller made current, Qt's or GLFW's, without a loader.
#define GL_GLEXT_PROTOTYPES
#include <GL/gl.h>
#include <GL/glext.h>

#include <cstdio>
#include <string>

#include "shaders/canvas_shaders.h"

namespace inrgan::gl {

namespace {

// "3.3 (Core Profile) Mesa 22.3.6" -> 3, 3. OpenGL ES contexts ("OpenGL ES 3.2 ...") and unreadable
// strings give 0, 0: GLSL 330 core needs desktop OpenGL 3.3.
void parse_gl_version(const char* text, int& major, int& minor) {
  major = minor = 0;
  if (!text || std::sscanf(text, "%d.%d", &major, &minor) != 2) major = minor = 0;
}

std::string shader_log(GLuint shader) {
  GLint length = 0;
  glGetShaderiv(shader, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(length > 0 ? length : 0), '\0');
  if (length > 0) glGetShaderInfoLog(shader, length, nullptr, log.data());
  return log;
}

std::string program_log(GLuint program) {
  GLint length = 0;
  glGetProgramiv(program, GL_INFO_LOG_LENGTH, &length);
  std::string log(static_cast<std::size_t>(length > 0 ? length : 0), '\0');
  if (length > 0) glGetProgramInfoLog(program, length, nullptr, log.data());
  return log;
}

// Returns the shader, or 0 with `error` holding the compiler's log.
GLuint compile_shader(GLenum type, const char* source, const char* name, std::string& error) {
  const GLuint shader = glCreateShader(type);
  glShaderSource(shader, 1, &source, nullptr);
  glCompileShader(shader);
  GLint ok = GL_FALSE;
  glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
  if (ok != GL_TRUE) {
    error = std::string("the canvas shader ") + name + " does not compile: " + shader_log(shader);
    glDeleteShader(shader);
    return 0;
  }
  return shader;
}

// Returns the linked program, or 0 with `error` saying why.
GLuint link_canvas_program(std::string& error) {
  const GLuint vertex =
      compile_shader(GL_VERTEX_SHADER, shaders::kCanvasVertex, "canvas.vert", error);
  if (!vertex) return 0;
  const GLuint fragment =
      compile_shader(GL_FRAGMENT_SHADER, shaders::kCanvasFragment, "canvas.frag", error);
  if (!fragment) {
    glDeleteShader(vertex);
    return 0;
  }
  const GLuint program = glCreateProgram();
  glAttachShader(program, vertex);
  glAttachShader(program, fragment);
  glLinkProgram(program);
  glDeleteShader(vertex);  // flagged; freed with the program
  glDeleteShader(fragment);
  GLint ok = GL_FALSE;
  glGetProgramiv(program, GL_LINK_STATUS, &ok);
  if (ok != GL_TRUE) {
    error = "the canvas shaders do not link: " + program_log(program);
    glDeleteProgram(program);
    return 0;
  }
  return program;
}

// An image-space rectangle in canvas pixels (top-left origin, y down), computed in double so that
// the shader gets exact pixel positions at any zoom and pan.
void to_canvas_pixels(const View& rect, const View& view, int width, int height, float out[4]) {
  const double sx = width / view.width(), sy = height / view.height();
  out[0] = static_cast<float>((rect.x0 - view.x0) * sx);
  out[1] = static_cast<float>((rect.y0 - view.y0) * sy);
  out[2] = static_cast<float>((rect.x1 - view.x0) * sx);
  out[3] = static_cast<float>((rect.y1 - view.y0) * sy);
}

}  // namespace

bool CanvasGl::initialize(std::string* error) {
  std::string message;
  int major = 0, minor = 0;
  const auto* version = reinterpret_cast<const char*>(glGetString(GL_VERSION));
  parse_gl_version(version, major, minor);
  if (!version) {
    message = "no OpenGL context is current";
  } else if (major < 3 || (major == 3 && minor < 3)) {
    message = std::string("the canvas needs OpenGL 3.3 (core profile); this context is OpenGL ") +
              version;
  } else if (const GLuint program = link_canvas_program(message)) {
    release();  // a second initialize() replaces, never leaks
    program_ = program;
    glGenVertexArrays(1, &vao_);  // empty: the core profile draws nothing without one bound
    glGenTextures(1, &texture_);
    glBindTexture(GL_TEXTURE_2D, texture_);
    // Linear: the magnified previous image is what shows while the finer level renders.
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glBindTexture(GL_TEXTURE_2D, 0);
    return true;
  }
  if (error) *error = message;
  return false;
}

void CanvasGl::set_image(const RgbImage& image, const View& image_view) {
  if (!initialized() || image.empty()) return;
  GLint old_alignment = 4;
  glGetIntegerv(GL_UNPACK_ALIGNMENT, &old_alignment);
  glPixelStorei(GL_UNPACK_ALIGNMENT, 1);  // rows of 3 * width bytes are not 4-byte aligned
  glBindTexture(GL_TEXTURE_2D, texture_);
  glTexImage2D(GL_TEXTURE_2D, 0, GL_RGB8, image.width, image.height, 0, GL_RGB, GL_UNSIGNED_BYTE,
               image.pixels.data());
  glBindTexture(GL_TEXTURE_2D, 0);
  glPixelStorei(GL_UNPACK_ALIGNMENT, old_alignment);
  image_view_ = image_view;
  has_image_ = true;
}

void CanvasGl::clear_image() { has_image_ = false; }

void CanvasGl::draw(const View& view, int framebuffer_width, int framebuffer_height,
                    const CanvasStyle& style) {
  if (!initialized() || framebuffer_width <= 0 || framebuffer_height <= 0 ||
      !(view.width() > 0.0) || !(view.height() > 0.0))
    return;
  // Draws into whatever framebuffer is bound: Qt renders a QOpenGLWidget into its own FBO.
  glViewport(0, 0, framebuffer_width, framebuffer_height);
  glDisable(GL_DEPTH_TEST);
  glDisable(GL_BLEND);
  glDisable(GL_SCISSOR_TEST);
  glUseProgram(program_);

  const auto uniform = [this](const char* name) { return glGetUniformLocation(program_, name); };
  glUniform2f(uniform("canvas_size"), static_cast<float>(framebuffer_width),
              static_cast<float>(framebuffer_height));
  float rect[4];
  to_canvas_pixels(image_view_, view, framebuffer_width, framebuffer_height, rect);
  glUniform4fv(uniform("image_rect"), 1, rect);
  glUniform1i(uniform("has_image"), has_image_ ? 1 : 0);
  glUniform1i(uniform("image"), 0);
  glUniform3fv(uniform("background"), 1, style.background);
  to_canvas_pixels(View::training_domain(), view, framebuffer_width, framebuffer_height, rect);
  glUniform4fv(uniform("domain_rect"), 1, rect);
  glUniform4fv(uniform("frame_color"), 1, style.frame);
  glUniform1f(uniform("frame_width"), style.show_frame ? style.frame_width_px : 0.0f);

  glActiveTexture(GL_TEXTURE0);
  glBindTexture(GL_TEXTURE_2D, texture_);
  glBindVertexArray(vao_);
  glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
  // Leave no bindings behind for the GUI toolkit that draws next (ImGui, Qt).
  glBindVertexArray(0);
  glBindTexture(GL_TEXTURE_2D, 0);
  glUseProgram(0);
}

void CanvasGl::release() {
  if (texture_) glDeleteTextures(1, &texture_);
  if (vao_) glDeleteVertexArrays(1, &vao_);
  if (program_) glDeleteProgram(program_);
  program_ = vao_ = texture_ = 0;
  has_image_ = false;
}

}  // namespace inrgan::gl
