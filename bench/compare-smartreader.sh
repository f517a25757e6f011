#!/usr/bin/env bash
# CPU time of `newswatch extract` over the 109 pages of ../shared/corpus/extraction, as one process the way a user
# runs it, against SmartReader over the same pages in one process (bench mode `smartreader`). Prints both and the ratio.
# Usage: bench/compare-smartreader.sh [corpus-dir]   (default: ../shared/corpus beside the repository)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$root/../shared/corpus}"
pages=("$corpus"/extraction/html/*.html)
[ -e "${pages[0]}" ] || { echo "no pages in $corpus/extraction/html (pass the corpus folder)" >&2; exit 1; }
dotnet build -c Release "$root/cli/NewsWatch.Cli" -v q -nologo >/dev/null
dotnet build -c Release "$root/bench/NewsWatch.Benchmarks" -v q -nologo >/dev/null
cli="$root/cli/NewsWatch.Cli/bin/Release/net10.0/newswatch.dll"
bench="$root/bench/NewsWatch.Benchmarks/bin/Release/net10.0/NewsWatch.Benchmarks.dll"
cpu() { /usr/bin/time -f "%U %S" -o /tmp/nw-cpu.$$ "$@" >/dev/null 2>/dev/null || true; tail -n 1 /tmp/nw-cpu.$$ | awk '{ printf "%.2f", $1 + $2 }'; rm -f /tmp/nw-cpu.$$; }
nw=$(cpu dotnet "$cli" extract "${pages[@]}")
sr=$(cpu dotnet "$bench" smartreader "${pages[@]}")
echo "newswatch extract: ${nw} s CPU; SmartReader: ${sr} s CPU; ratio $(awk -v a="$nw" -v b="$sr" 'BEGIN { printf "%.2f", a / b }')"
