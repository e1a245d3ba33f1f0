#!/usr/bin/env bash
# Quick start (2): set up, build, fetch the real photos the integration tests use, run all tests.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$ROOT/scripts/setup.sh"
"$ROOT/scripts/fetch_data.sh"
"$ROOT/scripts/build.sh"
cd "${INRGAN_BUILD_DIR:-$ROOT/build}"
ctest --output-on-failure --timeout 900 "$@"
