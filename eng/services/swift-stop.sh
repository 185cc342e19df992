#!/usr/bin/env bash
# Stops what eng/services/swift-start.sh started (by the process ids it recorded) and removes its temporary folder
# and settings file. Safe to run when nothing is running. --keep-env leaves artifacts/services/s3.env in place.
set -uo pipefail
cd "$(dirname "$0")/../.."

root="${MEDIAKIT_SWIFT_ROOT:-/tmp/mediakit-swift}"

if [ -f "$root/pids" ]; then
  pids=()
  while read -r pid; do
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && pids+=("$pid")
  done < "$root/pids"
  # The servers run in their own session (setsid), so their worker children share the server's process group.
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true; done
  for _ in $(seq 50); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.1
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true; done
fi

rm -rf "$root"
[ "${1:-}" = "--keep-env" ] || rm -f artifacts/services/s3.env
exit 0
