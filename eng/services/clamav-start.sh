#!/usr/bin/env bash
# Starts a throwaway clamd for the malware-scanning tests, listening on 127.0.0.1 (TCP) and on a Unix socket under
# artifacts/services/clamav/, and writes artifacts/services/clamav.env (MEDIAKIT_CLAMAV_HOST, _PORT, _SOCKET,
# _STREAM_MAX_LENGTH). Idempotent: a clamd this script already started and that still answers PING is reused.
#
# Installs Debian's clamav-daemon with apt-get when clamd is missing. No signature download (no freshclam): the database
# folder holds ONE signature, written here, that matches the EICAR test string. The string is assembled from parts and
# only its hex form lands in the database, so no file of the repository is itself the test virus.
# eng/services/clamav-stop.sh stops it and removes the folder.
set -euo pipefail
cd "$(dirname "$0")/../.."

port="${MEDIAKIT_CLAMAV_PORT:-13310}"
root="$(pwd)/artifacts/services/clamav"
env_file="artifacts/services/clamav.env"
socket="$root/clamd.sock"
pid_file="$root/clamd.pid"
stream_max=10485760 # 10 MiB: small, so a test can cross it

log() { echo "clamav-start: $*" >&2; }

write_env() {
  mkdir -p "$(dirname "$env_file")"
  cat > "$env_file" <<ENV
MEDIAKIT_CLAMAV_HOST=127.0.0.1
MEDIAKIT_CLAMAV_PORT=$port
MEDIAKIT_CLAMAV_SOCKET=$socket
MEDIAKIT_CLAMAV_STREAM_MAX_LENGTH=$stream_max
ENV
}

# clamd's own liveness check: zPING answers PONG once the database is loaded.
ping_clamd() {
  local reply
  exec 3<>"/dev/tcp/127.0.0.1/$port" || return 1
  printf 'zPING\0' >&3
  IFS= read -r -d '' -t 2 reply <&3 || true
  exec 3<&- 3>&-
  [ "$reply" = "PONG" ]
}

clamd_bin="$(command -v clamd || true)"
[ -z "$clamd_bin" ] && [ -x /usr/sbin/clamd ] && clamd_bin=/usr/sbin/clamd
if [ -z "$clamd_bin" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    log "clamd is not installed and this is not root; install clamav-daemon."
    exit 1
  fi
  log "installing clamav-daemon"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends clamav-daemon >/dev/null
  clamd_bin=/usr/sbin/clamd
fi

if [ -f "$pid_file" ] && kill -0 "$(cat "$pid_file")" 2>/dev/null && ping_clamd 2>/dev/null; then
  write_env
  log "already running on 127.0.0.1:$port"
  exit 0
fi

# Anything left from an earlier run that was not stopped cleanly.
if [ -f "$pid_file" ]; then
  kill "$(cat "$pid_file")" 2>/dev/null || true
fi
rm -rf "$root"

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
  log "port $port on 127.0.0.1 is taken by another program; set MEDIAKIT_CLAMAV_PORT."
  exit 1
fi

mkdir -p "$root/db"

# The EICAR test file (68 bytes), assembled from harmless parts, as the hex body of an .ndb signature that matches
# it anywhere in any file type.
eicar_hex="$(printf '%s%s%s' 'X5O!P%@AP[4\PZX54(P^)7CC)7}$' 'EICAR-STANDARD-ANTIVIRUS-' 'TEST-FILE!$H+H*' | od -An -v -tx1 | tr -d ' \n')"
[ "${#eicar_hex}" -eq 136 ] || { log "the EICAR string came out wrong (${#eicar_hex} hex digits)"; exit 1; }
echo "Eicar-Test-Signature:0:*:$eicar_hex" > "$root/db/mediakit-test.ndb"

cat > "$root/clamd.conf" <<CONF
LogFile $root/clamd.log
LogTime yes
PidFile $pid_file
DatabaseDirectory $root/db
LocalSocket $socket
LocalSocketMode 666
TCPSocket $port
TCPAddr 127.0.0.1
StreamMaxLength $stream_max
MaxThreads 4
SelfCheck 0
Foreground no
Bytecode no
CONF

# Without Foreground, clamd loads the database, then detaches and writes its pid file.
"$clamd_bin" --config-file="$root/clamd.conf" >"$root/start.log" 2>&1 || { cat "$root/start.log" "$root/clamd.log" >&2 || true; exit 1; }
for _ in $(seq 1 60); do
  ping_clamd 2>/dev/null && break
  sleep 0.5
done
if ! ping_clamd 2>/dev/null; then
  log "clamd did not answer PING"
  cat "$root/clamd.log" >&2 || true
  exit 1
fi

write_env
log "$("$clamd_bin" --version) on 127.0.0.1:$port and $socket; settings in $env_file"
