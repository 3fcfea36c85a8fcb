#!/usr/bin/env bash
# Greenroom's one set-up script. Idempotent: installs only what is missing, then
#   ./dev.sh run   [greenroom args]  starts the app
#   ./dev.sh test  [pytest args]     runs lint, types, layering contracts and the whole test suite
#   ./dev.sh bundle [--venv DIR]     builds the PyInstaller bundle (dist/greenroom/) and self-tests it
set -euo pipefail
cd "$(dirname "$0")"

SYSTEM_PACKAGES=(
  python3-venv python3-dev                      # the virtualenv
  espeak-ng                                     # the offline voice behind pyttsx3
  libsndfile1                                   # soundfile: FLAC answers
  pulseaudio pulseaudio-utils                   # Qt audio backend, virtual microphone in tests
  libegl1 libgl1 libfontconfig1 libdbus-1-3 libxkbcommon0 fonts-dejavu-core
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0
  libxcb-render-util0 libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  xvfb xauth                                    # tests and screenshots without a display
  openbox xdotool x11-utils                     # acceptance: a window manager, keystrokes, xwininfo
  desktop-file-utils appstream                  # validators for packaging/linux (tests/packaging)
  binutils                                      # objdump/objcopy for PyInstaller (the bundle)
)
VENV=.venv

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

ensure_system_packages() {
  command -v dpkg-query >/dev/null || { say "not Debian/Ubuntu: install the equivalents of: ${SYSTEM_PACKAGES[*]}"; return 0; }
  local missing=()
  for pkg in "${SYSTEM_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { say "missing system packages; run as root: apt-get install ${missing[*]}"; exit 1; }
    sudo="sudo"
  fi
  say "installing system packages: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
}

ensure_venv() {
  local py=${PYTHON:-python3}
  "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' || { say "Greenroom needs Python 3.11+ ($py is $("$py" --version))"; exit 1; }
  [ -x "$VENV/bin/python" ] || { say "creating $VENV"; "$py" -m venv "$VENV"; }
  local stamp="$VENV/.greenroom-installed" want
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    say "installing Python packages into $VENV"
    "$VENV/bin/python" -m pip install -q --upgrade pip
    "$VENV/bin/python" -m pip install -q -e ".[dev]"
    echo "$want" > "$stamp"
  fi
}

ensure_pulseaudio() {
  # A sound server with a virtual microphone, for the real capture tests on machines without one.
  command -v pulseaudio >/dev/null || return 0
  pactl info >/dev/null 2>&1 || pulseaudio --start --exit-idle-time=-1 --daemonize=yes 2>/dev/null || true
}

cmd=${1:-run}
shift || true
ensure_system_packages
ensure_venv
case "$cmd" in
  run)
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
      say "no display found: starting Greenroom on a virtual screen (xvfb-run); use a desktop session to see it"
      exec xvfb-run -a "$VENV/bin/greenroom" "$@"
    fi
    exec "$VENV/bin/greenroom" "$@"
    ;;
  test)
    ensure_pulseaudio
    say "ruff";          "$VENV/bin/ruff" check src tests benchmarks && "$VENV/bin/ruff" format --check src tests benchmarks
    say "mypy";          "$VENV/bin/mypy"
    say "import-linter"; "$VENV/bin/lint-imports"
    say "pytest";        exec xvfb-run -a "$VENV/bin/python" -m pytest "$@"
    ;;
  bundle)
    packaging/build_bundle.sh "$@"
    say "self-test of the bundle"
    exec xvfb-run -a -s "-screen 0 1280x800x24" dist/greenroom/greenroom --self-test
    ;;
  *) echo "usage: ./dev.sh run|test|bundle [args]" >&2; exit 2 ;;
esac
