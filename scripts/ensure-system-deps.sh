#!/usr/bin/env bash
# Install the Debian packages the test suite needs: headless Chromium, CJK fonts, npm (for axe-core).
# As root with apt-get (CI, fresh machines) they are installed; otherwise we say what is missing.
set -euo pipefail

packages=()
command -v chromium >/dev/null 2>&1 || packages+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || packages+=(fonts-noto-cjk)
command -v npm >/dev/null 2>&1 || packages+=(npm)

if [ ${#packages[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
  exit 0
fi

echo "Missing system packages: ${packages[*]}" >&2
echo "Install them with: sudo apt-get install ${packages[*]}" >&2
if [ "${CI:-}" = "true" ]; then
  exit 1
fi
echo "(browser tests will be skipped outside CI)" >&2
