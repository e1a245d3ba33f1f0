#!/usr/bin/env bash
# Screenshot test of inrgan-view under Xvfb. Starts the viewer on a run folder twice and waits until
# its canvas shows, pixel for pixel, what `inrgan render` renders for the same view and size (the
# last, full-resolution level: this checks the placement, orientation and 1:1 texel mapping too):
#   1. the default start: the whole training domain at zoom 1; the canvas must not be blank and the
#      training-domain frame must be drawn;
#   2. --view zoomed 64x onto the right border of the domain: the outpainted side is rendered like
#      the inside, and the frame runs down the middle.
# The screenshots stay in OUT_DIR (viewer-domain.png, viewer-zoom64.png) for a look by eye.
# Usage: viewer_screenshot.sh INRGAN INRGAN_VIEW RUN_DIR OUT_DIR
set -euo pipefail

if [ $# -ne 4 ]; then
  echo "usage: $0 INRGAN INRGAN_VIEW RUN_DIR OUT_DIR" >&2
  exit 2
fi
inrgan=$1 viewer=$2 run=$3 out=$4
width=1280 height=800
mkdir -p "$out"
work=$(mktemp -d)
xvfb_pid="" viewer_pid=""

stop() {  # stops a process this script started, if it still runs
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  stop "$viewer_pid"
  stop "$xvfb_pid"
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "viewer_screenshot: FAIL: $*" >&2
  if [ -s "$work/viewer.log" ]; then
    echo "--- inrgan-view output:" >&2
    cat "$work/viewer.log" >&2
  fi
  exit 1
}

# Xvfb picks a free display number itself and writes it to fd 3 once it accepts connections.
Xvfb -displayfd 3 -screen 0 ${width}x${height}x24 -nolisten tcp 3>"$work/display" \
  >"$work/xvfb.log" 2>&1 &
xvfb_pid=$!
for _ in $(seq 100); do
  [ -s "$work/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || fail "Xvfb did not start: $(cat "$work/xvfb.log")"
  sleep 0.1
done
[ -s "$work/display" ] || fail "Xvfb did not report a display within 10 s"
export DISPLAY=":$(tr -d '[:space:]' <"$work/display")"

# The region WxH+X+Y of a picture, as its own file.
crop() { convert "$1" -crop "$2" +repage "$3"; }
# Pixels that differ at all. Exact on purpose: at 1:1 the canvas samples texel centres, so the
# final level equals the render bit for bit, while a magnified coarser level of a smooth picture
# can come within any tolerance of it.
differing_pixels() { compare -metric AE "$1" "$2" null: 2>&1 || true; }
# The pixel at X,Y as "R G B" (0..255).
pixel() {
  convert "$1" -crop "1x1+$2+$3" +repage -depth 8 txt:- |
    sed -n 's/.*(\([0-9]*\),\([0-9]*\),\([0-9]*\).*/\1 \2 \3/p' | head -n 1
}
# The training-domain frame (1.0, 0.78, 0.25) blended over whatever is below: strongly orange.
is_frame_colour() { [ "$1" -ge 150 ] && [ $(($1 - $3)) -ge 80 ]; }

# shoot SHOT VIEW REGION [VIEWER ARGS...]: renders VIEW with `inrgan render` at the window's size,
# starts the viewer and takes a screenshot every second until REGION (clear of the panel and the
# frame) agrees with the render; the last screenshot is left in SHOT.
shoot() {
  local shot=$1 view=$2 region=$3
  shift 3
  "$inrgan" render --checkpoint "$run" --view "$view" --size ${width}x${height} --seed 0 \
    --out "$work/expected.png" >"$work/render.log" 2>&1 ||
    fail "inrgan render failed: $(cat "$work/render.log")"
  crop "$work/expected.png" "$region" "$work/expected-region.png"
  "$viewer" "$run" --seed 0 --size ${width}x${height} "$@" >"$work/viewer.log" 2>&1 &
  viewer_pid=$!
  local differing="no screenshot"
  for _ in $(seq 60); do
    sleep 1
    kill -0 "$viewer_pid" 2>/dev/null || fail "inrgan-view exited early"
    import -window root "$work/now.png" 2>/dev/null || continue
    cp "$work/now.png" "$shot"
    crop "$work/now.png" "$region" "$work/now-region.png"
    differing=$(differing_pixels "$work/now-region.png" "$work/expected-region.png")
    [ "$differing" = "0" ] && break
  done
  [ "$differing" = "0" ] ||
    fail "the canvas never showed what inrgan render renders for view $view ($differing pixels of $region differ; last screenshot: $shot)"
  stop "$viewer_pid"
  viewer_pid=""
}

# 1. The default start, zoom 1: the domain is the 800 x 800 square in the middle of the window
#    (x 240..1040); the panel is at the top left, 360 px wide. The region lies inside the domain.
domain_shot="$out/viewer-domain.png"
canvas="600x700+400+50"
shoot "$domain_shot" -1.6,-1,1.6,1 "$canvas"
crop "$domain_shot" "$canvas" "$work/canvas.png"
deviation=$(convert "$work/canvas.png" -format '%[fx:standard_deviation]' info:)
colours=$(convert "$work/canvas.png" -format '%k' info:)
awk "BEGIN{exit !($deviation > 0.01)}" ||
  fail "the canvas is nearly uniform (standard deviation $deviation): no picture ($domain_shot)"
[ "$colours" -gt 64 ] || fail "the canvas has only $colours colours: no picture ($domain_shot)"
read -r r g b <<<"$(pixel "$domain_shot" 239 600)"
is_frame_colour "$r" "$g" "$b" ||
  fail "no training-domain frame at x=239 (pixel $r,$g,$b) ($domain_shot)"
echo "viewer_screenshot: zoom 1 matches inrgan render: standard deviation $deviation, $colours colours, frame $r,$g,$b"

# 2. Zoom 64 about (1, 0): 0.05 x 0.03125 units, the domain's right border x = 1 runs down the
#    middle (x = 640); the region checked is all outpainting.
zoom_view=0.975,-0.015625,1.025,0.015625
zoom_shot="$out/viewer-zoom64.png"
shoot "$zoom_shot" "$zoom_view" "400x600+760+150" --view "$zoom_view"
read -r r g b <<<"$(pixel "$zoom_shot" 639 600)"
is_frame_colour "$r" "$g" "$b" || fail "no frame at x=639 at zoom 64 (pixel $r,$g,$b) ($zoom_shot)"
echo "viewer_screenshot: zoom 64 beyond the border matches inrgan render, frame $r,$g,$b"
echo "viewer_screenshot: screenshots in $out"
