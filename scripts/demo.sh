#!/usr/bin/env bash
# One command for a fresh machine: install everything, build the demo database (SQLite under
# ./var) and start the server on http://127.0.0.1:8000/ (or --port N). The logins are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
exec .venv/bin/sasaeai demo "$@"
