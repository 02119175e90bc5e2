#!/bin/sh
# Installs Debian's chromium for the HTML report browser tests (test/e2e/report-browser.test.ts),
# which drive it with playwright-core at /usr/bin/chromium. Idempotent: does nothing when
# chromium is already installed. Uses sudo only when not root and sudo exists.
# (`npx playwright install` is not used: it downloads its own browser builds.)
set -eu

if command -v chromium >/dev/null 2>&1 && [ -x /usr/bin/chromium ]; then
  echo "install-chromium: chromium already installed at /usr/bin/chromium"
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  SUDO=""
elif command -v sudo >/dev/null 2>&1; then
  SUDO="sudo -n"
else
  echo "install-chromium: not root and sudo is not available: cannot install chromium." >&2
  echo "install-chromium: install Debian's chromium package (apt-get install -y chromium) or run as root." >&2
  exit 1
fi

if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: apt-get not found: this script supports Debian/Ubuntu only; install chromium at /usr/bin/chromium yourself." >&2
  exit 1
fi

if ! { $SUDO apt-get update && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium; }; then
  echo "install-chromium: apt-get could not install chromium (see the output above)." >&2
  exit 1
fi

if [ ! -x /usr/bin/chromium ]; then
  echo "install-chromium: the chromium package installed, but /usr/bin/chromium is missing (an Ubuntu snap stub?); the browser tests need a real binary there." >&2
  exit 1
fi
echo "install-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
