#!/usr/bin/env bash
# Configures and builds everything into build/ (Release, Ninja, ccache).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD_DIR="${INRGAN_BUILD_DIR:-$ROOT/build}"
JOBS="${INRGAN_JOBS:-$(nproc)}"
cmake -S "$ROOT" -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
cmake --build "$BUILD_DIR" --parallel "$JOBS"
