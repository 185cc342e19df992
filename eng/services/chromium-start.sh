#!/usr/bin/env bash
# Makes Debian's Chromium available for the browser tests (tests/MediaKit.EndToEndTests drive it with Playwright; no
# browser is downloaded) and writes its path to artifacts/services/chromium.env (MEDIAKIT_CHROMIUM). Installs the
# chromium package with apt-get when it is missing. Idempotent and fast when it is installed. Chromium is started by
# each test run itself, headless, with no network beyond 127.0.0.1, and ends with it: there is nothing to stop.
set -euo pipefail
cd "$(dirname "$0")/../.."

env_file="artifacts/services/chromium.env"

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "chromium-start: chromium is not installed and this is not root; install Debian's chromium package." >&2
    exit 1
  fi
  echo "chromium-start: installing chromium" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi

mkdir -p "$(dirname "$env_file")"
cat > "$env_file" <<ENV
MEDIAKIT_CHROMIUM=$(command -v chromium)
ENV
echo "chromium-start: $(chromium --version 2>/dev/null | head -n 1); settings in $env_file" >&2
