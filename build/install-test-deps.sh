#!/usr/bin/env bash
# Installs what the tests need into ignored folders: Azurite (npm) in .tools/azurite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# From the lock file in build/azurite (npm ci): every dependency at a version the registry served when it was locked, so
# that a newer release of one of them (whose own dependencies the registry may not have yet) cannot break the install.
if [ ! -f "$root/.tools/azurite/node_modules/azurite/dist/src/azurite.js" ] \
  || ! cmp -s "$root/build/azurite/package-lock.json" "$root/.tools/azurite/package-lock.json"; then
  echo "Installing Azurite 3.37.0 into .tools/azurite (npm ci from build/azurite/package-lock.json) ..." >&2
  rm -rf "$root/.tools/azurite"
  mkdir -p "$root/.tools/azurite"
  cp "$root/build/azurite/package.json" "$root/build/azurite/package-lock.json" "$root/.tools/azurite/"
  (cd "$root/.tools/azurite" && npm ci --no-audit --no-fund --loglevel=error >&2)
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
