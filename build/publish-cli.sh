#!/usr/bin/env bash
# Publishes the `newswatch` command as one native executable (Native AOT: no JIT at start-up, a third of the CPU time of
# the JIT build on a corpus run) into OUT (default .tools/newswatch/). Needs a C toolchain for the final link: clang
# (the SDK's default) or, where there is none, gcc. Usage: build/publish-cli.sh [OUT]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/.tools/newswatch}"
rid="$(dotnet --info | awk '/RID:/ { print $2; exit }')"
linker=()
if ! command -v clang >/dev/null 2>&1; then
  command -v gcc >/dev/null 2>&1 || { echo "Native AOT needs clang or gcc to link; install one (apt-get install clang), or run the JIT build: dotnet run --project cli/NewsWatch.Cli -- ..." >&2; exit 1; }
  linker=(-p:CppCompilerAndLinker=gcc)
fi
dotnet publish "$root/cli/NewsWatch.Cli" -c Release -r "$rid" -p:PublishAot=true "${linker[@]}" -o "$out" -v q -nologo >&2
echo "$out/newswatch"
