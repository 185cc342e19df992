#!/usr/bin/env bash
# Delivery of one 100 KB image over HTTP on loopback: MediaKit's delivery endpoint (Kestrel, Release build, SQLite catalog,
# local disk, MapMediaKit) against nginx serving the same file from disk, both measured with wrk at the same concurrency.
# Three requests each: a plain GET (200), a conditional GET with the current ETag (304), and a Range GET of 4 KiB (206).
# Results in benchmarks/README.md ("Delivery vs nginx").
#
#   bash benchmarks/delivery/run.sh            # 12 s per run, 2 threads, 32 connections
#   DURATION=15s CONNECTIONS=64 bash benchmarks/delivery/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."

duration="${DURATION:-12s}"
warmup="${WARMUP:-10s}"
threads="${THREADS:-2}"
connections="${CONNECTIONS:-32}"
app_port="${APP_PORT:-18095}"
nginx_port="${NGINX_PORT:-18096}"
work="$(pwd)/artifacts/bench/delivery"
results="$work/results.txt"

# Debian's nginx and wrk; RUNLEVEL=1 keeps the package from starting a system nginx on port 80.
if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  RUNLEVEL=1 DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light wrk >/dev/null
fi

dotnet build benchmarks/MediaKit.Benchmarks -c Release -nologo -v q >/dev/null
mkdir -p "$work"
app_log="$work/app.log"
dotnet benchmarks/MediaKit.Benchmarks/bin/Release/net10.0/MediaKit.Benchmarks.dll delivery-server --dir "$work/app" --port "$app_port" >"$app_log" 2>&1 &
app_pid=$!
nginx_pid_file="$work/nginx.pid"
cleanup() {
  kill "$app_pid" 2>/dev/null || true
  [ -s "$nginx_pid_file" ] && kill "$(cat "$nginx_pid_file")" 2>/dev/null || true
}
trap cleanup EXIT

for _ in $(seq 1 120); do
  grep -q '^ready ' "$app_log" 2>/dev/null && break
  kill -0 "$app_pid" 2>/dev/null || { cat "$app_log"; exit 1; }
  sleep 0.5
done
read -r _ asset_id storage_key _ < <(grep '^ready ' "$app_log")
media_root="$work/app/media"

# nginx: the same file, from the same folder, on loopback; its own ETag (mtime-size) and sendfile, as nginx ships.
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
pid $nginx_pid_file;
error_log $work/nginx-error.log warn;
daemon on;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 100000;
  types { image/png png; }
  client_body_temp_path $work/nginx-tmp;
  proxy_temp_path $work/nginx-tmp;
  fastcgi_temp_path $work/nginx-tmp;
  uwsgi_temp_path $work/nginx-tmp;
  scgi_temp_path $work/nginx-tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    root $media_root;
    location / { add_header X-Content-Type-Options nosniff; add_header Cache-Control "public, max-age=31536000"; }
  }
}
CONF
mkdir -p "$work/nginx-tmp"
nginx -c "$work/nginx.conf" -p "$work"

app_url="http://127.0.0.1:$app_port/api/media/$asset_id/content"
nginx_url="http://127.0.0.1:$nginx_port/$storage_key"
app_etag=$(curl -s -D - -o /dev/null "$app_url" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
nginx_etag=$(curl -s -D - -o /dev/null "$nginx_url" | tr -d '\r' | awk -F': ' 'tolower($1)=="etag"{print $2}')
for url in "$app_url" "$nginx_url"; do
  size=$(curl -s -o /dev/null -w '%{size_download}' "$url")
  [ "$size" = 102400 ] || { echo "unexpected size $size from $url" >&2; exit 1; }
done
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $app_etag" "$app_url")" = 304 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $nginx_etag" "$nginx_url")" = 304 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Range: bytes=1000-5095' "$app_url")" = 206 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'Range: bytes=1000-5095' "$nginx_url")" = 206 ]

run() { # name url header...
  local name=$1 url=$2 label=$3; shift 3
  local args=()
  for h in "$@"; do args+=(-H "$h"); done
  # Warm-up (JIT, connection pools), then the measured run.
  wrk -t"$threads" -c"$connections" -d"$warmup" "${args[@]}" "$url" >/dev/null
  local out
  out=$(wrk -t"$threads" -c"$connections" -d"$duration" --latency "${args[@]}" "$url")
  local rps p99 p50 non2xx
  rps=$(echo "$out" | awk '/Requests\/sec/{print $2}')
  p50=$(echo "$out" | awk '$1=="50%"{print $2}')
  p99=$(echo "$out" | awk '$1=="99%"{print $2}')
  non2xx=$(echo "$out" | awk '/Non-2xx or 3xx/{print $5}')
  printf '%-8s %-12s %10s req/s  p50 %8s  p99 %8s  errors %s\n' "$name" "$label" "$rps" "$p50" "$p99" "${non2xx:-0}" | tee -a "$results"
}

: >"$results"
echo "wrk -t$threads -c$connections -d$duration; $(nproc) cores; $(date -u +%FT%TZ); load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$results"
run mediakit "$app_url"   "GET 200"
run nginx    "$nginx_url" "GET 200"
run mediakit "$app_url"   "INM 304" "If-None-Match: $app_etag"
run nginx    "$nginx_url" "INM 304" "If-None-Match: $nginx_etag"
run mediakit "$app_url"   "Range 206" "Range: bytes=1000-5095"
run nginx    "$nginx_url" "Range 206" "Range: bytes=1000-5095"
