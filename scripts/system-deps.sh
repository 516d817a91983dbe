#!/usr/bin/env bash
# Install the Debian packages the test suite needs (Chromium for the browser tests, and a CJK
# font so screenshots of Chinese show characters, not boxes),
# when they are missing and we may (root + apt-get). Never downloads a browser any other way.
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q 'install ok installed' \
  || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: ${need[*]} missing and cannot be installed here (not root or no apt-get);" \
       "browser tests will be skipped or show CJK text as boxes" >&2
  exit 0
fi
echo "installing Debian packages: ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
