#!/usr/bin/env bash
# Stops the PostgreSQL server that postgres-start.sh started and removes its folder and settings file.
set -euo pipefail
cd "$(dirname "$0")/../.."

port="${MEDIAKIT_POSTGRES_PORT:-15432}"
root="${TMPDIR:-/tmp}/mediakit-postgres-$port"

if [ -d "$root/data" ]; then
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r | head -n 1)"
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$bin/pg_ctl" -D "$root/data" stop -m fast >/dev/null 2>&1 || true
  else
    "$bin/pg_ctl" -D "$root/data" stop -m fast >/dev/null 2>&1 || true
  fi
fi

rm -rf "$root"
rm -f artifacts/services/postgres.env
