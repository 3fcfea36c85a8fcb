#!/usr/bin/env bash
# Build the one-folder Greenroom bundle with PyInstaller: dist/greenroom/greenroom.
#
#   packaging/build_bundle.sh [--venv DIR] [--dist DIR]
#
# --venv DIR  the virtualenv to build in (created when missing; default /tmp/greenroom-bundle-venv).
#             Greenroom is installed into it as a wheel would install it (not editable), plus
#             PyInstaller, so the bundle holds exactly what an install holds.
# --dist DIR  where the bundle goes (default: dist/ at the repository root).
# Then check it:  xvfb-run -a dist/greenroom/greenroom --self-test
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VENV=${GREENROOM_BUNDLE_VENV:-/tmp/greenroom-bundle-venv}
DIST=$ROOT/dist
while [ $# -gt 0 ]; do
  case "$1" in
    --venv) VENV=$2; shift 2 ;;
    --dist) DIST=$2; shift 2 ;;
    *) echo "usage: $0 [--venv DIR] [--dist DIR]" >&2; exit 2 ;;
  esac
done
WORK=$(mktemp -d /tmp/greenroom-pyinstaller.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

start=$(date +%s)
[ -x "$VENV/bin/python" ] || { say "creating $VENV"; "${PYTHON:-python3}" -m venv "$VENV"; }
say "installing Greenroom and PyInstaller into $VENV"
# A non-editable install from a copy of the sources, so no build/ or egg-info lands in the tree.
cp -r "$ROOT/pyproject.toml" "$ROOT/README.md" "$ROOT/src" "$ROOT/question_banks" "$ROOT/resources" "$WORK/"
rm -rf "$WORK"/src/*.egg-info
"$VENV/bin/python" -m pip install -q --disable-pip-version-check "$WORK" "pyinstaller>=6.10,<7"
say "building the bundle into $DIST/greenroom"
"$VENV/bin/python" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$DIST" --workpath "$WORK/pyinstaller" "$ROOT/packaging/greenroom.spec"
say "bundle: $(du -sh "$DIST/greenroom" | cut -f1) in $DIST/greenroom, built in $(( $(date +%s) - start )) s"
