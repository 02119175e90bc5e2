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

. "$(dirname "$0")/apt-install.sh"
apt_install install-chromium chromium

if [ ! -x /usr/bin/chromium ]; then
  echo "install-chromium: the chromium package installed, but /usr/bin/chromium is missing (an Ubuntu snap stub?); the browser tests need a real binary there." >&2
  exit 1
fi
echo "install-chromium: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
