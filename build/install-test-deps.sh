#!/usr/bin/env bash
# Installs what the tests need into ignored folders: Azurite (npm) in .tools/azurite.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$root/.tools/azurite/node_modules/azurite/dist/src/azurite.js" ]; then
  echo "Installing Azurite 3.37.0 into .tools/azurite ..." >&2
  mkdir -p "$root/.tools/azurite"
  npm install --prefix "$root/.tools/azurite" --no-audit --no-fund --loglevel=error azurite@3.37.0 >&2
fi
