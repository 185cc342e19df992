#!/usr/bin/env bash
# Makes ffmpeg and ffprobe available for the video and audio tests (no server: they are command-line tools) and writes
# their paths to artifacts/services/ffmpeg.env (MEDIAKIT_FFMPEG, MEDIAKIT_FFPROBE). Installs Debian's ffmpeg package with
# apt-get when either is missing. Idempotent and fast when they are installed.
set -euo pipefail
cd "$(dirname "$0")/../.."

env_file="artifacts/services/ffmpeg.env"

if ! command -v ffmpeg >/dev/null 2>&1 || ! command -v ffprobe >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "ffmpeg-start: ffmpeg/ffprobe are not installed and this is not root; install the ffmpeg package." >&2
    exit 1
  fi
  echo "ffmpeg-start: installing ffmpeg" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null
fi

mkdir -p "$(dirname "$env_file")"
cat > "$env_file" <<ENV
MEDIAKIT_FFMPEG=$(command -v ffmpeg)
MEDIAKIT_FFPROBE=$(command -v ffprobe)
ENV
echo "ffmpeg-start: $(ffmpeg -hide_banner -version | head -n 1); settings in $env_file" >&2
