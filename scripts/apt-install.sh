#!/bin/sh
# Shared by the install-*.sh scripts (sourced, not run): `apt_install TOOL PACKAGES...` installs
# Debian packages with apt-get, as root or through `sudo -n` (never asking for a password), and
# exits with a message naming TOOL when it cannot.

apt_install() {
  tool="$1"
  shift
  if [ "$(id -u)" -eq 0 ]; then
    sudo_prefix=""
  elif command -v sudo >/dev/null 2>&1; then
    sudo_prefix="sudo -n"
  else
    echo "$tool: not root and sudo is not available: cannot install $*." >&2
    echo "$tool: install Debian's packages (apt-get install -y $*) or run as root." >&2
    exit 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "$tool: apt-get not found: this script supports Debian/Ubuntu only; install $* yourself." >&2
    exit 1
  fi
  if ! { $sudo_prefix apt-get update && DEBIAN_FRONTEND=noninteractive $sudo_prefix apt-get install -y --no-install-recommends "$@"; }; then
    echo "$tool: apt-get could not install $* (see the output above)." >&2
    exit 1
  fi
}
