#!/usr/bin/env bash
# Installs everything sasaeai needs on a fresh Debian/Ubuntu machine with Python 3.11:
# system packages (Japanese fonts for PDFs, Pango for WeasyPrint, gettext, Debian's chromium for
# browser tests), a virtualenv in .venv, the Python package, the npm assets, compiled translations.
# Safe to run again: each step skips what is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

WITH_TEST=0
[ "${1:-}" = "--test" ] && WITH_TEST=1

APT_PACKAGES="fonts-ipaexfont-gothic fonts-ipaexfont-mincho gettext libpango-1.0-0 libpangoft2-1.0-0 npm"
[ "$WITH_TEST" = 1 ] && APT_PACKAGES="$APT_PACKAGES chromium poppler-utils"

missing=""
for pkg in $APT_PACKAGES; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
# npm is only needed when node is missing altogether
if command -v npm >/dev/null 2>&1; then missing="${missing/ npm/}"; fi
if [ -n "$missing" ]; then
  echo "==> installing system packages:$missing"
  SUDO=""; [ "$(id -u)" != 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

PYTHON="${PYTHON:-$(command -v python3.11 || command -v python3)}"
"$PYTHON" -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "sasaeai needs Python 3.11")'
if [ ! -x .venv/bin/python ]; then
  echo "==> creating .venv"
  "$PYTHON" -m venv .venv
fi
echo "==> installing Python packages"
.venv/bin/python -m pip install -q --upgrade pip 2>&1 | grep -v -i warning || true
if [ "$WITH_TEST" = 1 ]; then
  .venv/bin/python -m pip install -q -e ".[test]" 2>&1 | grep -v -i warning || true
else
  .venv/bin/python -m pip install -q -e . 2>&1 | grep -v -i warning || true
fi
.venv/bin/python -c "import sasaeai, django" # fail here, not later, if the install went wrong

echo "==> installing front-end assets (npm)"
npm ci --no-audit --no-fund --silent

echo "==> compiling translations"
( cd src/sasaeai && ../../.venv/bin/sasaeai compilemessages -v 0 )
