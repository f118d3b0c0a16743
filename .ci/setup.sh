#!/usr/bin/env bash
# Sets up Doorline on a fresh Debian/Ubuntu machine, idempotently and quickly when already done:
# installs the missing system packages listed in .ci/apt-packages.txt, creates .venv/ at the
# repo root with Python >= 3.11, and installs the project with its dev tools into it.
# Extra Debian packages a tool needs only for itself may follow as arguments
# (tools/screenshots.sh passes Xvfb this way).
set -euo pipefail
cd "$(dirname "$0")/.."

log() { printf 'setup: %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root (or sudo) to install: $*"; exit 2; fi
}

install_system_packages() {
  local wanted missing=()
  wanted=$(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' .ci/apt-packages.txt | awk '{print $1}')
  wanted="$wanted $*"
  python3 -m venv --help >/dev/null 2>&1 && python3 -c 'import ensurepip' 2>/dev/null \
    || wanted="$wanted python3-venv"
  for pkg in $wanted; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    if ! command -v apt-get >/dev/null; then
      log "not a Debian/Ubuntu system: install these yourself: ${missing[*]}"; exit 2
    fi
    log "installing system packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
}

find_python() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$candidate"; return
    fi
  done
  log "Python 3.11 or newer is required"; exit 2
}

install_python_packages() {
  local stamp=.venv/.doorline-installed digest
  [ -x .venv/bin/python ] || "$(find_python)" -m venv .venv
  digest=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$digest" ] || ! .venv/bin/python -c 'import kiosk' 2>/dev/null; then
    log "installing Python packages into .venv/"
    local pip_log=.venv/pip-install.log
    if ! { .venv/bin/python -m pip install -q --upgrade pip &&
           .venv/bin/python -m pip install -q -e '.[dev]'; } >"$pip_log" 2>&1; then
      tail -n 40 "$pip_log" >&2; log "pip install failed (full log: $pip_log)"; exit 2
    fi
    echo "$digest" > "$stamp"
  fi
}

compile_translations() {
  # The window's languages: Qt Linguist sources (kiosk/ui/i18n/*.ts, kept in git) compiled to
  # .qm catalogues with PySide6's own lrelease; the .qm files are build output.
  local ts qm
  for ts in kiosk/ui/i18n/*.ts; do
    qm=${ts%.ts}.qm
    if [ ! -f "$qm" ] || [ "$ts" -nt "$qm" ]; then
      .venv/bin/pyside6-lrelease -silent "$ts" -qm "$qm" || { log "lrelease failed on $ts"; exit 2; }
    fi
  done
}

compile_bytecode() {
  # Doorline's own modules compiled once here, as a non-editable `pip install` would at install
  # time: otherwise the first of the suite's processes (and of a fresh checkout's first demo)
  # compiles them on import, ~3.5 s of the test run from a fresh clone. Quick when nothing
  # changed (compileall skips files whose bytecode is current).
  .venv/bin/python -m compileall -q -j 0 kiosk sync printing server_stub benchmarks tests >/dev/null \
    || { log "compiling the bytecode failed"; exit 2; }
}

install_system_packages "$@"
install_python_packages
compile_translations
compile_bytecode
log "ready: .venv/bin/doorline"
