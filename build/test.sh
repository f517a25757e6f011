#!/usr/bin/env bash
# Runs every test on a fresh machine: installs Azurite (npm, into .tools/), restores the Bicep CLI (NuGet), lints and
# builds the Bicep templates, then `dotnet test` over the solution. The tests start their own Azurite, HTTP and SMTP
# servers on free loopback ports. Ends with one line "N passed, N failed" counted from the TRX results.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

bash build/install-test-deps.sh
if [ -f build/bicep.sh ]; then
  bash build/bicep.sh
fi

results="$root/TestResults"
rm -rf "$results"
status=0
dotnet test NewsWatch.sln -c "${CONFIGURATION:-Debug}" --logger "trx" --results-directory "$results" "$@" || status=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
