#!/usr/bin/env bash
# Runs the whole test suite (unit, master, agent, CLI and end-to-end on the real Docker
# Engine) and ends with one line "N passed, N failed". Needs a Docker Engine answering on
# /var/run/docker.sock and busybox-static (.ci/run sets both up on a fresh machine).
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== build"
if ! dotnet build Satama.slnx -c Release -nologo -clp:ErrorsOnly; then
  echo "0 passed, 1 failed"
  exit 1
fi

echo "== test"
dotnet test Satama.slnx -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# Each test assembly ends with "Passed!  - Failed: F, Passed: P, ..." (or "Failed!  - ...").
sum() { grep -E '^(Passed|Failed)!' "$log" | sed -E "s/.*$1: *([0-9]+).*/\\1/" | awk '{ s += $1 } END { print s + 0 }'; }
passed=$(sum Passed)
failed=$(sum Failed)
passed=${passed:-0}
failed=${failed:-0}
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # A test host that crashed prints no summary: count it as a failure, never as a pass.
  echo "dotnet test exited with $status without a failed test: a test run aborted"
  failed=1
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$status" -eq 0 ]
