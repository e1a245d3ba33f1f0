#!/usr/bin/env bash
# CTest fixture `tiny_checkpoint`: trains a tiny run (preset tiny, 20 steps) on 8 of the real photos,
# so that screenshot tests have a checkpoint to show. The run folder is FIXTURE_DIR/run; it is made
# anew each time, because `inrgan train` never overwrites a run folder that holds checkpoints.
# Usage: train_tiny_checkpoint.sh INRGAN DATA_DIR FIXTURE_DIR
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 INRGAN DATA_DIR FIXTURE_DIR" >&2
  exit 2
fi
inrgan=$1 data=$2 fixture=$3

mapfile -t photos < <(find "$data" -maxdepth 1 -type f -name '*.png' | sort | head -n 8)
if [ ${#photos[@]} -lt 8 ]; then
  echo "tiny_checkpoint: fewer than 8 PNG files in $data (run scripts/fetch_data.sh)" >&2
  exit 1
fi

rm -rf "$fixture"
mkdir -p "$fixture/data"
cp "${photos[@]}" "$fixture/data/"
"$inrgan" train --data "$fixture/data" --preset tiny --out "$fixture/run" --max-steps 20

if ! compgen -G "$fixture/run/checkpoints/*.pt" >/dev/null; then
  echo "tiny_checkpoint: training ended without a checkpoint in $fixture/run/checkpoints" >&2
  exit 1
fi
echo "tiny_checkpoint: $fixture/run"
