#!/usr/bin/env bash
# Stops the clamd that clamav-start.sh started and removes its folder and settings file.
set -euo pipefail
cd "$(dirname "$0")/../.."

root="artifacts/services/clamav"
if [ -f "$root/clamd.pid" ]; then
  pid="$(cat "$root/clamd.pid")"
  kill "$pid" 2>/dev/null || true
  for _ in $(seq 1 20); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
fi

rm -rf "$root"
rm -f artifacts/services/clamav.env
