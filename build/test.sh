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

# The newswatch command as the README installs it, a Native AOT executable, where a C toolchain can link one: the CLI
# tests then run it (NEWSWATCH_CLI); without one they run the JIT build (newswatch.dll beside the tests).
if command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1; then
  echo "Publishing the native newswatch command into .tools/newswatch ..." >&2
  if NEWSWATCH_CLI="$(bash build/publish-cli.sh "$root/.tools/newswatch")"; then
    export NEWSWATCH_CLI
  else
    # The analyzers of the ordinary build already refuse code AOT cannot compile; a failure here is the machine's
    # (no ILCompiler package, no linker), so the tests go on with the JIT build and say so.
    echo "WARNING: the native publish failed (see above): the CLI tests run the JIT build of newswatch." >&2
    unset NEWSWATCH_CLI
  fi
else
  echo "No clang or gcc: the CLI tests run the JIT build of newswatch, not the native one." >&2
fi

results="$root/TestResults"
rm -rf "$results"
status=0
# A test that runs longer than 10 minutes (none should take one) is ended, its test host with it, and counted as
# failed: a hang costs 10 minutes and names the test, never the whole CI budget. Each test project gets 20 minutes
# (TestSessionTimeout; the slowest takes about 4) and the whole run 45 (it takes about 10).
timeout --kill-after=2m 45m dotnet test NewsWatch.sln -c "${CONFIGURATION:-Debug}" --blame-hang-timeout 10min --blame-hang-dump-type none --logger "trx" --results-directory "$results" "$@" \
  -- RunConfiguration.TestSessionTimeout=1200000 || status=$?

passed=0; failed=0; skipped=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters"); f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters"); e=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${t:-0} - ${e:-0}))
done
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test failed with no failed test in the results: a build error, or a test host that crashed or was ended (see above)." >&2
  failed=1
fi
if [ "$passed" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test ran." >&2
  status=1
fi
echo "${passed} passed, ${failed} failed, ${skipped} skipped"
exit "$status"
