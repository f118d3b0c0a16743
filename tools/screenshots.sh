#!/usr/bin/env bash
# Renders every Doorline screen under Xvfb (Qt's xcb platform, as on a real X display) into
# docs/screenshots/ (or --out DIR). Installs Xvfb when missing (Debian/Ubuntu; as root or with
# sudo) through .ci/setup.sh: it is for this script only, the tests run on Qt's offscreen platform.
#
#   tools/screenshots.sh [--out docs/screenshots]
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(xvfb xauth)  # Qt's xcb libraries are in .ci/apt-packages.txt already (the demo needs them)
PYTHON=.venv/bin/python

log() { printf 'screenshots: %s\n' "$*" >&2; }

# The project's own setup installs what is missing, these packages included.
bash .ci/setup.sh "${PACKAGES[@]}"

# Qt's own error names the wrong library when the xcb plugin cannot load; ldd names the right.
plugin=$("$PYTHON" -c 'import pathlib, PySide6; print(pathlib.Path(PySide6.__file__).parent
      / "Qt/plugins/platforms/libqxcb.so")')
if [ -f "$plugin" ] && ldd "$plugin" | grep -q "not found"; then
  log "Qt's xcb plugin still lacks libraries:"; ldd "$plugin" | grep "not found" >&2; exit 2
fi

export QT_QPA_PLATFORM=xcb
unset QT_QPA_PLATFORM_PLUGIN_PATH  # set by opencv-python's bundled Qt, if installed
exec xvfb-run --auto-servernum --server-args="-screen 0 1920x1920x24 -nolisten tcp" \
  "$PYTHON" tools/screenshots.py "$@"
