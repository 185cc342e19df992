#!/usr/bin/env bash
# MediaKit's default variant set (150/300/800 px, JPEG q80 + WebP) of a generated 24-megapixel JPEG against sharp doing the
# same outputs on the same file, each side in a fresh process (one cold run, then seven warm runs whose median is compared),
# measured by /usr/bin/time -v (wall time, max RSS).
#   bash benchmarks/imaging/run.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$here/out"
mkdir -p "$out"

(cd "$here" && npm ci --no-audit --no-fund --silent)
dotnet build "$root/benchmarks/MediaKit.Benchmarks" -c Release -nologo -v q
bench="$root/benchmarks/MediaKit.Benchmarks/bin/Release/net10.0/MediaKit.Benchmarks"
input="$out/photo-24mp.jpg"
[ -f "$input" ] || "$bench" imaging generate "$input"

echo "== MediaKit (libvips $(basename "$(ls -d ~/.nuget/packages/netvips.native/* 2>/dev/null | tail -1)" 2>/dev/null || echo '?'))"
/usr/bin/time -v "$bench" imaging variants "$input" "$out/mediakit" 2> "$out/mediakit.time"
grep -E "Elapsed \(wall|Maximum resident" "$out/mediakit.time"

echo "== sharp"
/usr/bin/time -v node "$here/sharp-variants.mjs" "$input" "$out/sharp" 2> "$out/sharp.time"
grep -E "Elapsed \(wall|Maximum resident" "$out/sharp.time"
