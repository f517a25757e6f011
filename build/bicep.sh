#!/usr/bin/env bash
# Lints and builds infra/ with the Bicep CLI from NuGet (these machines reach NuGet, not the Bicep releases):
#   infra/main.bicep      -> infra/main.json             (the ARM JSON the Infra tests read)
#   infra/main.bicepparam -> infra/main.parameters.json
# Fails on any warning or error of lint or build. Works from any directory; restores build/BicepCli (a project
# that only downloads the CLI) when the CLI is not in the NuGet cache yet.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

tools_project="build/BicepCli/BicepCli.csproj"
version="$(sed -n 's/.*"Azure\.Bicep\.CommandLine\.linux-x64" *Version="\[\([0-9.]*\)\]".*/\1/p' "$tools_project")"
if [[ -z "$version" ]]; then
  echo "bicep.sh: no exact Azure.Bicep.CommandLine.linux-x64 version in $tools_project" >&2
  exit 1
fi
if [[ "$(uname -s)-$(uname -m)" != "Linux-x86_64" ]]; then
  echo "bicep.sh: $tools_project downloads the linux-x64 CLI; this machine is $(uname -s)-$(uname -m)" >&2
  exit 1
fi

packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
bicep="${packages%/}/azure.bicep.commandline.linux-x64/$version/tools/bicep"
if [[ ! -f "$bicep" ]]; then
  echo "bicep.sh: restoring the Bicep CLI $version from NuGet"
  dotnet restore "$tools_project" --nologo
fi
if [[ ! -f "$bicep" ]]; then
  echo "bicep.sh: $bicep is still missing after dotnet restore $tools_project" >&2
  exit 1
fi
[[ -x "$bicep" ]] || chmod +x "$bicep"

# Runs one step, shows what it printed, and stops on a non-zero exit or on any warning or error line.
run_step() {
  local label="$1" output status=0
  shift
  output="$("$@" 2>&1)" || status=$?
  if [[ -n "$output" ]]; then
    printf '%s\n' "$output"
  fi
  if (( status != 0 )) || grep -qE '(^|[[:space:]])(Warning|Error)[[:space:]]' <<<"$output"; then
    echo "bicep.sh: FAILED: $label (exit $status; warnings count as failures)" >&2
    exit 1
  fi
}

# No stale output: when a step fails, the Infra tests find no main.json rather than an old one.
rm -f infra/main.json infra/main.parameters.json

run_step "bicep lint infra/main.bicep" "$bicep" lint infra/main.bicep
run_step "bicep build infra/main.bicep" "$bicep" build infra/main.bicep --outfile infra/main.json
# A password in this shell would otherwise be written in clear into main.parameters.json: build without it.
run_step "bicep build-params infra/main.bicepparam" \
  env -u NEWSWATCH_SMTP_PASSWORD "$bicep" build-params infra/main.bicepparam --outfile infra/main.parameters.json

echo "bicep.sh: Bicep $version: lint clean; built infra/main.json and infra/main.parameters.json"
