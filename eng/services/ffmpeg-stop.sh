#!/usr/bin/env bash
# Nothing runs in the background for ffmpeg; only the settings file of ffmpeg-start.sh is removed.
set -euo pipefail
cd "$(dirname "$0")/../.."
rm -f artifacts/services/ffmpeg.env
