#!/usr/bin/env bash
# Installs and starts what the tests need, runs every test, stops what it started, and prints
# one closing line: "N passed, N failed, N skipped".
#
# SQLite is embedded and storage tests use temporary folders.
# Services that later test suites need (PostgreSQL, an S3 server, Chromium) are started by
# scripts beside this one, bound to 127.0.0.1, and stopped by the trap below.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration="${CONFIGURATION:-Release}"
results_dir="artifacts/test-results"
rm -rf "$results_dir"
mkdir -p "$results_dir"

cleanup() {
  for stop in eng/services/*-stop.sh; do
    [ -e "$stop" ] && bash "$stop" || true
  done
}
trap cleanup EXIT

for start in eng/services/*-start.sh; do
  [ -e "$start" ] && bash "$start"
done

# Start scripts write the settings of what they started (connection strings, ports) to artifacts/services/*.env.
for f in artifacts/services/*.env; do [ -e "$f" ] && { set -a; . "$f"; set +a; }; done

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

dotnet restore MediaKit.sln
dotnet build MediaKit.sln -c "$configuration" --no-restore

status=0
dotnet test MediaKit.sln -c "$configuration" --no-build --results-directory "$results_dir" \
  --logger "trx" --logger "console;verbosity=minimal" 2>&1 | tee "$results_dir/console.log" || status=$?

# The consumer test packs every package and runs tests/ConsumerApp against them by version; it prints
# "consumer test: passed (...)" or "consumer test: FAILED: ..." and counts as one test in the closing line.
consumer_failed=0
bash eng/consumer-test.sh 2>&1 | tee "$results_dir/consumer-test.log" || { consumer_failed=1; status=1; }

# Sum the per-project summaries ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, Total: 12").
summary=$(grep -E '(Passed|Failed)! +- +Failed: +[0-9]+, +Passed: +[0-9]+, +Skipped: +[0-9]+' "$results_dir/console.log" \
  | sed -E 's/.*Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+).*/\1 \2 \3/' \
  | awk -v cf="$consumer_failed" '{ f += $1; p += $2; s += $3 } END { p += 1 - cf; f += cf; printf "%d passed, %d failed, %d skipped\n", p, f, s }')
echo
echo "$summary"
exit "$status"
