#!/usr/bin/env bash
# One command for a fresh machine: install everything (browser included) and run every test,
# first on SQLite, then on PostgreSQL (127.0.0.1:5432, or TEST_DATABASE_URL), then ruff.
# With CI=true nothing is skipped: a missing PostgreSQL or Chromium fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh --test

PG_URL="${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/sasaeai}"
export SASAEAI_DATA_DIR="${SASAEAI_DATA_DIR:-$(mktemp -d)}"

echo "==> ruff"
.venv/bin/ruff check .
.venv/bin/ruff format --check . >/dev/null || { echo "ruff format: run '.venv/bin/ruff format .'"; exit 1; }

echo "==> tests on SQLite"
DATABASE_URL="sqlite:///$SASAEAI_DATA_DIR/test.sqlite3" .venv/bin/pytest -q -n 2 --dist loadfile "$@"

echo "==> tests on PostgreSQL ($PG_URL)"
if ! .venv/bin/python - "$PG_URL" <<'PY'
import sys, psycopg, dj_database_url
cfg = dj_database_url.parse(sys.argv[1])
psycopg.connect(host=cfg["HOST"], port=cfg["PORT"] or 5432, user=cfg["USER"], dbname="postgres", connect_timeout=5).close()
PY
then
  echo "PostgreSQL is not reachable at $PG_URL"
  exit 1
fi
DATABASE_URL="$PG_URL" .venv/bin/pytest -q -n 2 --dist loadfile "$@"
