// Draws the explorer canvas with the GLSL of shaders/, for both GUIs (the studio's QOpenGLWidget
// and inrgan-view's GLFW window): plain OpenGL 3.3 core, no Qt, no GLFW; call with the context
// current. The last rendered image is a texture that remembers which view of image space it shows;
// drawing places it inside the current view, so after a zoom or pan it appears magnified or shifted
// (a stopgap) until the renderer delivers the new view. The training domain [-1, 1]^2 is drawn as
// a frame, so outpainted area is visible.
#pragma once

#include <string>

#include "core/data/rgb_image.h"
#include "core/geometry/view.h"

namespace inrgan::gl {

struct CanvasStyle {
  float background[3] = {0.08f, 0.09f, 0.10f};  // where no image is known yet
  float frame[4] = {1.0f, 0.78f, 0.25f, 0.9f};   // the training-domain frame
  float frame_width_px = 1.5f;
  bool show_frame = true;
};

class CanvasGl {
 public:
  CanvasGl() = default;
  ~CanvasGl() = default;  // GL objects need the context: call release() while it is current
  CanvasGl(const CanvasGl&) = delete;
  CanvasGl& operator=(const CanvasGl&) = delete;

  // Compiles the shaders and makes the quad. False (and `error` says why: GL version, compile log)
  // when the context cannot run them; the caller shows the message instead of a canvas.
  bool initialize(std::string* error);
  bool initialized() const { return program_ != 0; }
  // Uploads a rendered image that shows `image_view` of image space.
  void set_image(const RgbImage& image, const View& image_view);
  void clear_image();
  bool has_image() const { return has_image_; }
  // Draws `view` into the current framebuffer (viewport 0, 0, width, height).
  void draw(const View& view, int framebuffer_width, int framebuffer_height,
            const CanvasStyle& style = {});
  void release();

 private:
  unsigned program_ = 0, vao_ = 0, texture_ = 0;
  bool has_image_ = false;
  View image_view_;
};

}  // namespace inrgan::gl
