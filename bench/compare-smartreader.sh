#!/usr/bin/env bash
# CPU time of `newswatch extract` over the 109 pages of ../shared/corpus/extraction, as one process the way a user
# runs it, against SmartReader over the same pages in one process (bench mode `smartreader`). Prints both and the ratio,
# for the CLI as `dotnet build` leaves it (JIT at start-up) and as the README installs it: the native executable
# (Native AOT) that build/publish-cli.sh publishes.
# Usage: [RUNS=N] bench/compare-smartreader.sh [corpus-dir]   (default: ../shared/corpus beside the repository)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
corpus="${1:-$root/../shared/corpus}"
pages=("$corpus"/extraction/html/*.html)
[ -e "${pages[0]}" ] || { echo "no pages in $corpus/extraction/html (pass the corpus folder)" >&2; exit 1; }
published="$(mktemp -d)"
trap 'rm -rf "$published"' EXIT
dotnet build -c Release "$root/cli/NewsWatch.Cli" -v q -nologo >/dev/null
native="$(bash "$root/build/publish-cli.sh" "$published")"
dotnet build -c Release "$root/bench/NewsWatch.Benchmarks" -v q -nologo >/dev/null
cli="$root/cli/NewsWatch.Cli/bin/Release/net10.0/newswatch.dll"
bench="$root/bench/NewsWatch.Benchmarks/bin/Release/net10.0/NewsWatch.Benchmarks.dll"
cpu() { /usr/bin/time -f "%U %S" -o /tmp/nw-cpu.$$ "$@" >/dev/null 2>/dev/null || true; tail -n 1 /tmp/nw-cpu.$$ | awk '{ printf "%.2f", $1 + $2 }'; rm -f /tmp/nw-cpu.$$; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
low() { printf '%s\n' "$@" | sort -n | head -n 1; }
# RUNS=N (default 1) runs the three in turn N times, so that a busy machine's load falls on all three alike; the
# lowest CPU time of each is compared.
runs="${RUNS:-1}"
sr=(); nw=(); aot=()
for _ in $(seq "$runs"); do
  sr+=("$(cpu dotnet "$bench" smartreader "${pages[@]}")")
  nw+=("$(cpu dotnet "$cli" extract "${pages[@]}")")
  aot+=("$(cpu "$native" extract "${pages[@]}")")
done
echo "SmartReader: $(low "${sr[@]}") s CPU (runs: ${sr[*]})"
echo "newswatch extract (dotnet build): $(low "${nw[@]}") s CPU (runs: ${nw[*]}); ratio $(ratio "$(low "${nw[@]}")" "$(low "${sr[@]}")")"
echo "newswatch extract (native, as installed): $(low "${aot[@]}") s CPU (runs: ${aot[*]}); ratio $(ratio "$(low "${aot[@]}")" "$(low "${sr[@]}")")"
