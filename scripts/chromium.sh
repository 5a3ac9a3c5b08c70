#!/usr/bin/env bash
# Install Debian's chromium for the browser tests (tests/browser) when it is missing. The tests drive it with
# Python Playwright through executable_path; no browser is ever downloaded ('playwright install' is not used).
# CI runs as root on Debian 12; elsewhere apt-get runs through sudo.
set -euo pipefail

if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "chromium is missing and apt-get is not available: install Chromium as 'chromium' on the PATH" >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update
$sudo apt-get install -y --no-install-recommends chromium fonts-dejavu-core
