#!/usr/bin/env bash
# Makes sure Debian's Chromium is installed at /usr/bin/chromium (browser tests launch it; Playwright cannot
# download browsers on these machines). Quiet and a no-op when it is already there.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "Browser tests need Debian's Chromium at /usr/bin/chromium. Install it as root:" >&2
  echo "  apt-get update && apt-get install -y chromium" >&2
  exit 1
fi

echo "Installing Debian's Chromium (apt-get install -y chromium)..." >&2
export DEBIAN_FRONTEND=noninteractive
# Wait (up to 10 min) rather than fail if another apt/dpkg run holds the lock.
apt-get -o DPkg::Lock::Timeout=600 update -qq
apt-get -o DPkg::Lock::Timeout=600 install -y -qq chromium >/dev/null
[ -x /usr/bin/chromium ] || { echo "apt-get did not install /usr/bin/chromium" >&2; exit 1; }
