#!/usr/bin/env bash
# Installs what the tests need into ignored folders: Azurite (npm) in .tools/azurite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$root/.tools/azurite/node_modules/azurite/dist/src/azurite.js" ]; then
  echo "Installing Azurite 3.37.0 into .tools/azurite ..." >&2
  mkdir -p "$root/.tools/azurite"
  npm install --prefix "$root/.tools/azurite" --no-audit --no-fund --loglevel=error azurite@3.37.0 >&2
fi
# Headless Chromium (Debian's package) renders the email HTML at phone and desktop widths; those tests skip without it.
if ! command -v chromium >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1; then
  echo "Installing chromium (apt) ..." >&2
  if [ "$(id -u)" = "0" ]; then
    apt-get install -y --no-install-recommends chromium >&2 || { apt-get update >&2 && apt-get install -y --no-install-recommends chromium >&2; } || echo "chromium could not be installed; the email rendering tests will skip" >&2
  else
    echo "not root: install chromium with 'sudo apt-get install -y chromium' to run the email rendering tests" >&2
  fi
fi
