#version 330 core
// The explorer canvas: the last rendered image placed where its view lies inside the current view
// (magnified or shifted until the renderer delivers the new view), background elsewhere, and the
// training domain [-1, 1]^2 outlined so that outpainted area is visible.
//
// Rectangles arrive in canvas pixels (x0, y0, x1, y1; y down), converted from image space on the
// CPU in double precision: image-space coordinates in float lose the pixel grid when zoomed far in
// or panned far out, pixel coordinates keep it.

uniform vec2 canvas_size;     // framebuffer pixels
uniform vec4 image_rect;      // where the texture's view lies on the canvas
uniform bool has_image;
uniform sampler2D image;      // row 0 = top of the picture
uniform vec3 background;
uniform vec4 domain_rect;     // the training domain on the canvas
uniform vec4 frame_color;     // alpha: opacity of the frame
uniform float frame_width;    // in pixels; 0 = no frame

in vec2 canvas_px;
out vec4 color;

// Distance in pixels from p to the outline of the rectangle r (inside or outside).
float distance_to_outline(vec2 p, vec4 r) {
  vec2 centre = 0.5 * (r.xy + r.zw);
  vec2 half_size = 0.5 * (r.zw - r.xy);
  vec2 q = abs(p - centre) - half_size;
  float signed_distance = length(max(q, 0.0)) + min(max(q.x, q.y), 0.0);
  return abs(signed_distance);
}

void main() {
  vec3 rgb = background;
  if (has_image) {
    vec2 t = (canvas_px - image_rect.xy) / (image_rect.zw - image_rect.xy);
    if (all(greaterThanEqual(t, vec2(0.0))) && all(lessThanEqual(t, vec2(1.0))))
      rgb = texture(image, t).rgb;
  }
  if (frame_width > 0.0) {
    // Coverage of a line frame_width pixels wide centred on the outline, antialiased over 1 pixel.
    float d = distance_to_outline(canvas_px, domain_rect);
    float coverage = clamp(0.5 * frame_width + 0.5 - d, 0.0, 1.0);
    rgb = mix(rgb, frame_color.rgb, coverage * frame_color.a);
  }
  color = vec4(rgb, 1.0);
}
