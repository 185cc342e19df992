#!/usr/bin/env bash
# Starts an S3-compatible object store for the storage tests: OpenStack Swift (Debian packages) with its s3api and
# tempauth middleware, a one-device, one-replica ring in a temporary folder, every server bound to 127.0.0.1.
# Writes the connection settings to artifacts/services/s3.env (read by eng/test.sh).
#
# Idempotent: when the proxy started by an earlier run still answers, it only rewrites the settings file.
# Needs root on Debian 12 (it installs the packages once). Stop it with eng/services/swift-stop.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

root="${MEDIAKIT_SWIFT_ROOT:-/tmp/mediakit-swift}"
proxy_port="${MEDIAKIT_SWIFT_PROXY_PORT:-18080}"
object_port=16010
container_port=16011
account_port=16012
memcached_port=18211
access_key="test:tester"
secret_key="testing"
region="us-east-1"
env_file="artifacts/services/s3.env"

# The distribution's interpreter: swift lives in its site-packages, not in a pyenv or virtualenv one.
python=/usr/bin/python3

log() { echo "swift-start: $*" >&2; }

write_env() {
  mkdir -p "$(dirname "$env_file")"
  cat > "$env_file" <<EOF
MEDIAKIT_S3_SERVICE_URL=http://127.0.0.1:${proxy_port}
MEDIAKIT_S3_ACCESS_KEY=${access_key}
MEDIAKIT_S3_SECRET_KEY=${secret_key}
MEDIAKIT_S3_REGION=${region}
EOF
}

# Lists the buckets with a SigV4-signed request: proves the proxy, tempauth, s3api, memcached and the account
# server all answer, not just that a port is open.
s3_ready() {
  "$python" - "$proxy_port" "$access_key" "$secret_key" "$region" <<'PY' >/dev/null 2>&1
import datetime, hashlib, hmac, sys, urllib.request
port, access, secret, region = sys.argv[1:5]
host = f"127.0.0.1:{port}"
now = datetime.datetime.now(datetime.timezone.utc)
amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
payload = hashlib.sha256(b"").hexdigest()
canonical = f"GET\n/\n\nhost:{host}\nx-amz-content-sha256:{payload}\nx-amz-date:{amz_date}\n\nhost;x-amz-content-sha256;x-amz-date\n{payload}"
scope = f"{day}/{region}/s3/aws4_request"
to_sign = f"AWS4-HMAC-SHA256\n{amz_date}\n{scope}\n{hashlib.sha256(canonical.encode()).hexdigest()}"
key = ("AWS4" + secret).encode()
for part in (day, region, "s3", "aws4_request"):
    key = hmac.new(key, part.encode(), hashlib.sha256).digest()
signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
request = urllib.request.Request(f"http://{host}/", headers={
    "x-amz-date": amz_date, "x-amz-content-sha256": payload,
    "Authorization": f"AWS4-HMAC-SHA256 Credential={access}/{scope}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature={signature}"})
with urllib.request.urlopen(request, timeout=5) as response:
    body = response.read()
    sys.exit(0 if response.status == 200 and b"ListAllMyBucketsResult" in body else 1)
PY
}

if [ -f "$root/pids" ] && s3_ready; then
  log "already running on 127.0.0.1:${proxy_port}"
  write_env
  exit 0
fi

# A half-started earlier run (crashed, or killed mid-way) is cleared first.
if [ -e "$root" ]; then
  bash "$(dirname "$0")/swift-stop.sh" --keep-env || true
fi

# --- Install (once) -------------------------------------------------------------------------------------------------
packages=(swift-proxy swift-account swift-container swift-object memcached)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  log "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi
id swift >/dev/null 2>&1 || useradd --system --no-create-home --home-dir /var/lib/swift --shell /usr/sbin/nologin swift

# Swift reads this one file from /etc/swift whatever swift_dir says; the package may leave it as a .dpkg-new.
mkdir -p /etc/swift
if ! grep -qs '^swift_hash_path_suffix *= *[^ ]' /etc/swift/swift.conf; then
  cat > /etc/swift/swift.conf <<EOF
[swift-hash]
swift_hash_path_suffix = mediakit-tests-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')
swift_hash_path_prefix =

[storage-policy:0]
name = Policy-0
default = yes
EOF
fi

# --- Layout: configuration, one device, one-replica rings ----------------------------------------------------------
etc="$root/etc"
devices="$root/srv"
run="$root/run"
logs="$root/log"
mkdir -p "$etc" "$devices/d1" "$run" "$logs"

server_conf() { # name port app
  cat > "$etc/$1-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $2
workers = 1
user = swift
swift_dir = $etc
devices = $devices
mount_check = false
log_name = $1-server
log_level = WARNING

[pipeline:main]
pipeline = $1-server

[app:$1-server]
use = egg:swift#$1
EOF
}
server_conf account "$account_port"
server_conf container "$container_port"
server_conf object "$object_port"

cat > "$etc/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $proxy_port
workers = 1
user = swift
swift_dir = $etc
log_name = proxy-server
log_level = WARNING

[pipeline:main]
# s3api before tempauth: it turns the S3 signature into a tempauth identity; slo carries multipart uploads.
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats s3api tempauth copy slo dlo proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
allow_account_management = true

[filter:s3api]
use = egg:swift#s3api
location = $region
s3_acl = false
dns_compliant_bucket_names = true
allow_multipart_uploads = true
check_bucket_owner = false

[filter:tempauth]
use = egg:swift#tempauth
user_test_tester = $secret_key .admin

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$memcached_port

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:listing_formats]
use = egg:swift#listing_formats

[filter:copy]
use = egg:swift#copy

[filter:slo]
use = egg:swift#slo

[filter:dlo]
use = egg:swift#dlo
EOF

(
  cd "$etc"
  for ring in account:$account_port container:$container_port object:$object_port; do
    name="${ring%%:*}"
    port="${ring##*:}"
    swift-ring-builder "$name.builder" create 6 1 1 >/dev/null
    swift-ring-builder "$name.builder" add "r1z1-127.0.0.1:$port/d1" 100 >/dev/null
    swift-ring-builder "$name.builder" rebalance >/dev/null
  done
)
chown -R swift: "$root"

# --- Start ---------------------------------------------------------------------------------------------------------
: > "$root/pids"
setsid memcached -u memcache -l 127.0.0.1 -p "$memcached_port" -U 0 -m 64 > "$logs/memcached.log" 2>&1 < /dev/null &
echo $! >> "$root/pids"

# Each server drops to the swift user itself (user = swift); setsid keeps them out of the caller's process group.
for server in account container object proxy; do
  setsid "swift-$server-server" "$etc/$server-server.conf" > "$logs/$server.log" 2>&1 < /dev/null &
  echo $! >> "$root/pids"
done

for _ in $(seq 120); do
  if s3_ready; then
    write_env
    log "S3 (Swift s3api) ready on http://127.0.0.1:${proxy_port}, access key ${access_key}"
    exit 0
  fi
  sleep 0.5
done

log "Swift did not answer on 127.0.0.1:${proxy_port} within 60 seconds; logs:"
tail -n 20 "$logs"/*.log >&2 || true
exit 1
