#!/usr/bin/env bash
# Installs every Debian package that the build, the tests and the GUIs need. Idempotent: when all
# are present it installs nothing. Runs as root, or through sudo.
set -euo pipefail

PACKAGES=(
  # build
  build-essential cmake ninja-build ccache pkg-config git
  # core
  libtorch-dev libopenblas0-pthread libstb-dev libtomlplusplus-dev nlohmann-json3-dev
  libspdlog-dev libfmt-dev libcli11-dev zlib1g-dev libpng-dev
  # studio and viewer
  qt6-base-dev qt6-charts-dev libqt6opengl6-dev libgl-dev libglm-dev libimgui-dev libglfw3-dev
  libgl1-mesa-dri fonts-dejavu-core
  # tests: GoogleTest, and a virtual display for GUI checks and screenshots
  libgtest-dev libgmock-dev xvfb xauth x11-utils imagemagick
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: all ${#PACKAGES[@]} packages are installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "setup: these packages are missing and this is not root (and there is no sudo):" >&2
    echo "  ${missing[*]}" >&2
    exit 1
  fi
fi
echo "setup: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends "${missing[@]}"
