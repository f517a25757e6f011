#!/usr/bin/env bash
# Storage operations per source per cycle on Azurite, before and after the host scanner.
#
#   bench/storage-ops.sh [SOURCES HOSTS]            (default 100 sources on 10 hosts)
#
# Starts the loopback news simulator (bench: scale-serve, 100 ms per answer), then for each CLI:
#   after  = this worktree's cli/NewsWatch.Cli
#   before = the commit before "Scan by host" (295a174^, per-source scanning), built in a temporary git worktree
#            under /tmp (never committed to)
# starts a fresh Azurite with --debug on free ports, runs `newswatch scan --storage ...` twice (cycle 1: every
# article new; cycle 2: nothing changed) and counts the requests Azurite logged in each cycle, by operation.
# Needs .tools/azurite (build/install-test-deps.sh, or a link to /work/main/.tools). Prints one table; the
# Azurite debug logs stay in $WORK for inspection.
set -euo pipefail
SOURCES=${1:-100}
HOSTS=${2:-10}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d /tmp/nw-storage-ops.XXXXXX)
VARIANTS=${VARIANTS:-before after}   # VARIANTS=after measures this worktree alone
BEFORE_COMMIT=${BEFORE_COMMIT:-$(git -C "$ROOT" rev-parse 295a174^)}
AZURITE="$ROOT/.tools/azurite/node_modules/azurite/dist/src/azurite.js"
[ -f "$AZURITE" ] || { echo "Azurite not found at $AZURITE (run build/install-test-deps.sh)" >&2; exit 1; }
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  if [ -d "$WORK/before-src" ]; then git -C "$ROOT" worktree remove --force "$WORK/before-src" >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

echo "building (after: $(git -C "$ROOT" rev-parse --short HEAD), before: $(git -C "$ROOT" rev-parse --short "$BEFORE_COMMIT"))" >&2
dotnet build -c Release "$ROOT/bench/NewsWatch.Benchmarks" -o "$WORK/bench" >/dev/null
dotnet build -c Release "$ROOT/cli/NewsWatch.Cli" -o "$WORK/after" >/dev/null
if [[ " $VARIANTS " == *" before "* ]]; then
  git -C "$ROOT" worktree add --detach "$WORK/before-src" "$BEFORE_COMMIT" >/dev/null 2>&1
  dotnet build -c Release "$WORK/before-src/cli/NewsWatch.Cli" -o "$WORK/before" >/dev/null
fi

dotnet "$WORK/bench/NewsWatch.Benchmarks.dll" scale-serve --sources "$SOURCES" --hosts "$HOSTS" --config "$WORK/newswatch.json" >"$WORK/serve.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 120); do [ -f "$WORK/newswatch.json" ] && break; sleep 0.5; done
[ -f "$WORK/newswatch.json" ] || { echo "the simulator did not start" >&2; cat "$WORK/serve.log" >&2; exit 1; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
requests() { grep -c 'DispatchMiddleware: Operation=' "$1" 2>/dev/null || true; }

printf '%-7s %-6s %9s %9s %10s  %s\n' variant cycle requests "per src" "seconds" "by operation"
for variant in $VARIANTS; do
  B=$(free_port); Q=$(free_port); T=$(free_port)
  node "$AZURITE" --silent --disableTelemetry --skipApiVersionCheck --location "$WORK/azurite-$variant" \
    --debug "$WORK/azurite-$variant.log" --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --blobPort "$B" --queuePort "$Q" --tablePort "$T" >/dev/null 2>&1 &
  AZ=$!
  PIDS+=($AZ)
  for _ in $(seq 1 60); do (echo > /dev/tcp/127.0.0.1/"$T") 2>/dev/null && break; sleep 0.5; done
  KEY='Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=='
  CONN="DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=$KEY;BlobEndpoint=http://127.0.0.1:$B/devstoreaccount1;QueueEndpoint=http://127.0.0.1:$Q/devstoreaccount1;TableEndpoint=http://127.0.0.1:$T/devstoreaccount1;"
  LOG="$WORK/azurite-$variant.log"
  for cycle in 1 2; do
    start=$(requests "$LOG"); mark=$(wc -l < "$LOG")
    t0=$(date +%s.%N)
    dotnet "$WORK/$variant/newswatch.dll" scan --config "$WORK/newswatch.json" --storage "$CONN" >"$WORK/$variant-scan$cycle.txt" 2>"$WORK/$variant-scan$cycle.err" || true
    t1=$(date +%s.%N)
    sleep 1
    end=$(requests "$LOG")
    n=$((end - start))
    ops=$(tail -n +"$((mark + 1))" "$LOG" | grep -o 'DispatchMiddleware: Operation=[A-Za-z_]*' | sed 's/.*Operation=//' | sort | uniq -c | sort -rn | awk '{printf "%s %s, ", $2, $1}')
    printf '%-7s %-6s %9d %9.1f %10.1f  %s\n' "$variant" "$cycle" "$n" "$(echo "$n / $SOURCES" | bc -l)" "$(echo "$t1 - $t0" | bc -l)" "${ops%, }"
  done
  kill "$AZ" 2>/dev/null || true
done
for variant in $VARIANTS; do echo "alerts, $variant: $(grep -i 'alerts written' "$WORK/$variant-scan1.txt" | head -1)" >&2; done
echo "logs in $WORK" >&2
