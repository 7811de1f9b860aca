#!/usr/bin/env bash
# Installs what the tests need and this machine lacks, or fails naming what is missing and why it could not be
# installed: Chromium (report and page tests), GTK 3 (OpenCV's native library links against it), Azurite 3.37.0
# (storage, queue and worker tests; into .ci/node, where the fixtures look first), playwright-core 1.65.2 (the web page
# test of `personalize serve` drives Debian's Chromium with it; into .ci/node; it downloads no browser). Used by scripts/test.sh and
# .ci/run, so the README's test command runs every test rather than silently skipping the ones over Azurite.
set -euo pipefail
cd "$(dirname "$0")/.."

apt_install() {
  local package=$1 purpose=$2
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
    echo "prerequisites: $package is missing ($purpose) and cannot be installed here (needs apt-get as root); install it and rerun" >&2
    exit 2
  fi
  echo "installing $package ($purpose)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq "$package" >/dev/null
}

command -v chromium >/dev/null || apt_install chromium "the report and web page tests render in headless Chromium"
ldconfig -p | grep -q 'libgtk-3\.so\.0' || apt_install libgtk-3-0 "OpenCV's native library links against GTK 3"

if [ ! -x .ci/node/node_modules/.bin/azurite ] && ! command -v azurite >/dev/null; then
  command -v npm >/dev/null || apt_install npm "Azurite, the storage emulator of the queue and worker tests, comes from npm"
  echo "installing azurite 3.37.0 into .ci/node"
  npm install --prefix .ci/node --no-audit --no-fund --loglevel=error azurite@3.37.0 >/dev/null \
    || { echo "prerequisites: npm could not install azurite@3.37.0 into .ci/node" >&2; exit 2; }
fi

if [ ! -f .ci/node/node_modules/playwright-core/package.json ]; then
  command -v npm >/dev/null || apt_install npm "playwright-core, which drives Chromium in the web page test, comes from npm"
  echo "installing playwright-core 1.65.2 into .ci/node"
  npm install --prefix .ci/node --no-audit --no-fund --loglevel=error playwright-core@1.65.2 >/dev/null \
    || { echo "prerequisites: npm could not install playwright-core@1.65.2 into .ci/node" >&2; exit 2; }
fi
