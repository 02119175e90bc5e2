#!/bin/sh
# Installs Debian's Jupyter command line and nbconvert, which `npm run notebooks:check` and
# test/e2e/notebooks.test.ts use to execute the TypeScript notebooks (notebooks/*.ipynb) with
# Deno's Jupyter kernel. Idempotent: does nothing when /usr/bin/jupyter-nbconvert and Python's
# jupyter_client are already there. Uses sudo only when not root and sudo exists.
# (PyPI is not used: `pip install jupyter` would pull a second Python stack.)
# The kernel itself is not installed here: `npm run notebooks:install` registers Deno's kernel
# in the repo-local .tools/jupyter folder, never in the user's global Jupyter folders.
set -eu

PY=/usr/bin/python3
has_jupyter() {
  [ -x /usr/bin/jupyter-nbconvert ] && [ -x "$PY" ] && "$PY" -c 'import nbconvert, nbclient, jupyter_client' >/dev/null 2>&1
}

if has_jupyter; then
  echo "install-jupyter: nbconvert already installed ($("$PY" -m nbconvert --version 2>/dev/null || echo '?'))"
  exit 0
fi

. "$(dirname "$0")/apt-install.sh"
apt_install install-jupyter jupyter-core jupyter-nbconvert python3-nbconvert python3-nbclient python3-jupyter-client

if ! has_jupyter; then
  echo "install-jupyter: the packages installed, but /usr/bin/jupyter-nbconvert or Python's nbconvert/nbclient/jupyter_client is missing." >&2
  exit 1
fi
echo "install-jupyter: installed nbconvert $("$PY" -m nbconvert --version 2>/dev/null || echo '?')"
