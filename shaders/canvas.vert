#version 330 core
// The explorer canvas: one quad over the whole viewport, made from gl_VertexID (no vertex buffer).
// It hands the fragment shader its position in canvas pixels, from the top-left corner, y down,
// the convention of image space and of the navigation code.

uniform vec2 canvas_size;  // framebuffer pixels

out vec2 canvas_px;

void main() {
  // Triangle strip 0..3: (0,0) (1,0) (0,1) (1,1) in uv, uv.y = 0 at the top of the canvas.
  vec2 uv = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
  canvas_px = uv * canvas_size;
  gl_Position = vec4(uv.x * 2.0 - 1.0, 1.0 - uv.y * 2.0, 0.0, 1.0);
}
