#!/usr/bin/env bash
# Screenshot test of the studio's Explore tab under Xvfb. Starts inrgan-studio on a run folder
# twice:
#   1. --explore RUN_DIR: the canvas must show a picture (not the empty canvas with its hint) and
#      the training-domain frame;
#   2. --view zoomed onto the domain's right border: the outpainted side must be rendered too
#      (not background) and the frame must run down the middle of the canvas.
# Screenshots are kept in OUT_DIR (studio-explore.png, studio-explore-border.png) for a look by eye.
# Usage: studio_screenshot.sh INRGAN_STUDIO RUN_DIR OUT_DIR
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 INRGAN_STUDIO RUN_DIR OUT_DIR" >&2
  exit 2
fi
studio=$1 run=$2 out=$3
width=1600 height=1000
mkdir -p "$out"
work=$(mktemp -d)
xvfb_pid="" studio_pid=""

stop() {  # stops a process this script started, if it still runs
  if [ -n "$1" ] && kill -0 "$1" 2>/dev/null; then
    kill "$1" 2>/dev/null || true
    wait "$1" 2>/dev/null || true
  fi
}
cleanup() {
  stop "$studio_pid"
  stop "$xvfb_pid"
  rm -rf "$work"
}
trap cleanup EXIT

fail() {
  echo "studio_screenshot: FAIL: $*" >&2
  if [ -s "$work/studio.log" ]; then
    echo "--- inrgan-studio output:" >&2
    cat "$work/studio.log" >&2
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
# The studio would otherwise restart itself once to pick OpenBLAS kernels; one process is simpler
# to watch and the speed does not matter here.
export INRGAN_NO_BLAS_TUNING=1

# Statistics of a region WxH+X+Y of a picture, as ImageMagick's fx computes them (0..1).
stat() { convert "$1" -crop "$2" +repage -format "$3" info:; }
colours() { convert "$1" -crop "$2" +repage -format '%k' info:; }
# The pixel at X,Y as "R G B" (0..255).
pixel() {
  convert "$1" -crop "1x1+$2+$3" +repage -depth 8 txt:- |
    sed -n 's/.*(\([0-9]*\),\([0-9]*\),\([0-9]*\).*/\1 \2 \3/p' | head -n 1
}
# The training-domain frame (1.0, 0.78, 0.25) blended over whatever is below: strongly orange.
is_frame_colour() { [ "$1" -ge 150 ] && [ $(($1 - $3)) -ge 80 ]; }

# The canvas of the studio's 1560 x 960 window at the top left of the screen: the Explore tab
# starts below the tab bar (y ~ 32), the side panel takes the right 350 px.
canvas_left=6 canvas_top=32 canvas_width=1202 canvas_height=899
inner="800x600+200+150"  # well inside the canvas

# How far the mean colour of a region is from the empty canvas's background (20, 23, 26).
from_background() {
  stat "$1" "$2" '%[fx:abs(mean.r-20/255)+abs(mean.g-23/255)+abs(mean.b-26/255)]'
}

# Starts the studio with the given arguments and waits (up to 90 s) until the canvas region shows
# a picture (not the background with a hint) that has stopped refining (the same in two
# screenshots a second apart). Leaves the last screenshot in $1.
shoot() {
  local shot=$1 region=$2
  shift 2
  "$studio" "$@" >"$work/studio.log" 2>&1 &
  studio_pid=$!
  local steady="" shown="" seen=""
  rm -f "$work/previous.png" "$work/now.png"
  for _ in $(seq 90); do
    sleep 1
    kill -0 "$studio_pid" 2>/dev/null || fail "inrgan-studio exited early"
    import -window root "$work/now.png" 2>/dev/null || continue
    convert "$work/now.png" -crop "$region" +repage "$work/now-region.png"
    # A picture: neither the empty canvas nor the black screen before the window is mapped.
    shown=""
    awk "BEGIN{exit !($(from_background "$work/now.png" "$region") > 0.02 &&
                      $(stat "$work/now.png" "$region" '%[fx:mean]') > 0.02)}" && shown=1
    seen=${seen:-$shown}
    if [ -n "$shown" ] && [ -f "$work/previous.png" ] &&
      [ "$(compare -metric AE "$work/now-region.png" "$work/previous.png" null: 2>&1 || true)" = "0" ]; then
      steady=1
      break
    fi
    mv "$work/now-region.png" "$work/previous.png"
  done
  [ -f "$work/now.png" ] && cp "$work/now.png" "$shot"
  [ -n "$seen" ] || fail "the canvas showed no picture within 90 s (last screenshot: $shot)"
  [ -n "$steady" ] || fail "the picture did not settle within 90 s (last screenshot: $shot)"
  stop "$studio_pid"
  studio_pid=""
}

# 1. The whole domain, fitted: a square of side canvas_height centred in the canvas.
domain_shot="$out/studio-explore.png"
shoot "$domain_shot" "$inner" --explore "$run"
deviation=$(stat "$domain_shot" "$inner" '%[fx:standard_deviation]')
count=$(colours "$domain_shot" "$inner")
awk "BEGIN{exit !($deviation > 0.01)}" ||
  fail "the canvas is nearly uniform (standard deviation $deviation): no picture ($domain_shot)"
[ "$count" -gt 64 ] || fail "the canvas has only $count colours: no picture ($domain_shot)"
# The frame's left edge: find it on the middle row, near where a fitted domain puts it.
frame_x=$((canvas_left + (canvas_width - canvas_height) / 2))
mid_y=$((canvas_top + canvas_height / 2))
found=""
for x in $(seq $((frame_x - 12)) $((frame_x + 12))); do
  read -r r g b <<<"$(pixel "$domain_shot" "$x" "$mid_y")"
  if is_frame_colour "$r" "$g" "$b"; then found=$x; break; fi
done
[ -n "$found" ] || fail "no training-domain frame near x=$frame_x on row $mid_y ($domain_shot)"
echo "studio_screenshot: Explore tab ok: standard deviation $deviation, $count colours, frame at x=$found"

# 2. Zoomed onto the right border x = 1 (about 50x): the border runs down the middle of the canvas
#    and everything right of it is outpainting.
border_shot="$out/studio-explore-border.png"
outside="400x600+$((canvas_left + canvas_width / 2 + 60))+150"
shoot "$border_shot" "$outside" --explore "$run" --view 0.975,-0.015625,1.025,0.015625
centre_x=$((canvas_left + canvas_width / 2))
found=""
for x in $(seq $((centre_x - 12)) $((centre_x + 12))); do
  read -r r g b <<<"$(pixel "$border_shot" "$x" "$mid_y")"
  if is_frame_colour "$r" "$g" "$b"; then found=$x; break; fi
done
[ -n "$found" ] || fail "no frame near x=$centre_x when zoomed onto the border ($border_shot)"
background_distance=$(from_background "$border_shot" "$outside")
awk "BEGIN{exit !($background_distance > 0.02)}" ||
  fail "the outpainted side is background, not rendered ($border_shot)"
echo "studio_screenshot: border view ok: frame at x=$found, outside rendered"
echo "studio_screenshot: screenshots in $out"
