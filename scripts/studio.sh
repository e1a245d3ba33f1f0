#!/usr/bin/env bash
# Quick start (1): set up, build, fetch the default data set (real telescope photos), and train on
# it in the studio. Without a display it says so and runs the same training from the CLI.
# Extra arguments go to the studio (or to `inrgan train`), e.g. --preset tiny.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/fetch_data.sh"
"$ROOT/scripts/build.sh"
BUILD_DIR="${INRGAN_BUILD_DIR:-$ROOT/build}"
DATA_DIR="${INRGAN_DATA_DIR:-$ROOT/data/deep-sky}"
RUN_DIR="${INRGAN_RUN_DIR:-$ROOT/runs/deep-sky-$(date +%Y%m%d-%H%M%S)}"

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "Starting the studio on $DATA_DIR (run folder $RUN_DIR)"
  exec "$BUILD_DIR/app/studio/inrgan-studio" --data "$DATA_DIR" --run "$RUN_DIR" --start "$@"
fi
echo "No display found (neither DISPLAY nor WAYLAND_DISPLAY is set): running the same training"
echo "from the command line instead. Watch $RUN_DIR/samples/latest.png; Ctrl-C stops with a checkpoint,"
echo "and '$BUILD_DIR/app/cli/inrgan train --data $DATA_DIR --out $RUN_DIR --resume' continues it."
exec "$BUILD_DIR/app/cli/inrgan" train --data "$DATA_DIR" --out "$RUN_DIR" "$@"
