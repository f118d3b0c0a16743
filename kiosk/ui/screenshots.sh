#!/usr/bin/env bash
# Renders every Doorline screen under Xvfb (Qt's xcb platform, as on a real X display) into
# docs/screenshots/ (or --out DIR). Installs what Xvfb and Qt's xcb plugin need when missing
# (Debian/Ubuntu; as root or with sudo). These packages are for this script only: the tests
# run on Qt's offscreen platform and do not need them.
#
#   kiosk/ui/screenshots.sh [--out docs/screenshots]
set -euo pipefail
cd "$(dirname "$0")/../.."

PACKAGES=(xvfb xauth libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
          libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0)
PYTHON=${PYTHON:-.venv/bin/python}

log() { printf 'screenshots: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo "$@"
  else log "need root (or sudo) to install: $*"; exit 2; fi
}

missing=()
for pkg in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null; then
    log "not a Debian/Ubuntu system: install these yourself: ${missing[*]}"; exit 2
  fi
  log "installing: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

if [ ! -x "$PYTHON" ]; then
  log "no $PYTHON: run .ci/setup.sh first (or set PYTHON=...)"; exit 2
fi

# Qt's own error names the wrong library when the xcb plugin cannot load; ldd names the right.
plugin=$("$PYTHON" -c 'import pathlib, PySide6; print(pathlib.Path(PySide6.__file__).parent
      / "Qt/plugins/platforms/libqxcb.so")')
if [ -f "$plugin" ] && ldd "$plugin" | grep -q "not found"; then
  log "Qt's xcb plugin still lacks libraries:"; ldd "$plugin" | grep "not found" >&2; exit 2
fi

export QT_QPA_PLATFORM=xcb
unset QT_QPA_PLATFORM_PLUGIN_PATH  # set by opencv-python's bundled Qt, if installed
exec xvfb-run --auto-servernum --server-args="-screen 0 1280x800x24 -nolisten tcp" \
  "$PYTHON" -m kiosk.ui.screenshots "$@"
