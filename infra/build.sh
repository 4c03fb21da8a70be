#!/usr/bin/env bash
# Builds and lints every Bicep template and parameter file under infra/ with the pinned Bicep CLI, offline.
# Fails on any diagnostic, error or warning (infra/bicepconfig.json raises the important linter rules to error).
#
#   infra/build.sh                 install the CLI if needed, then build + lint (skipped if nothing changed)
#   infra/build.sh --force         build + lint even if nothing changed
#   infra/build.sh --install-only  install the CLI if needed and print its path (used by the tests)
#
# The CLI comes from the NuGet package Azure.Bicep.CommandLine.<rid> (it ships tools/bicep), restored once
# by a throwaway project into .local/bicep/ - no network access after that.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly BICEP_VERSION=0.49.2
readonly CACHE=.local/bicep

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) rid=linux-x64 ;;
  Linux-aarch64 | Linux-arm64) rid=linux-arm64 ;;
  Darwin-x86_64) rid=osx-x64 ;;
  Darwin-arm64) rid=osx-arm64 ;;
  *) echo "infra/build.sh: no Bicep CLI package for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac
readonly package="Azure.Bicep.CommandLine.$rid"
readonly bicep="$CACHE/packages/${package,,}/$BICEP_VERSION/tools/bicep"

install_bicep() {
  [ -x "$bicep" ] && return 0
  local project="$CACHE/restore"
  mkdir -p "$project"
  # Empty Directory.* files stop MSBuild from importing the repository's props (central package management).
  for file in Directory.Build.props Directory.Build.targets Directory.Packages.props; do
    echo '<Project />' > "$project/$file"
  done
  cat > "$project/restore.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup>
  <ItemGroup><PackageDownload Include="$package" Version="[$BICEP_VERSION]" /></ItemGroup>
</Project>
EOF
  dotnet restore "$project/restore.csproj" --packages "$CACHE/packages" -nologo -v quiet >&2
  chmod +x "$bicep"
  "$bicep" --version >&2
}

install_bicep
if [ "${1:-}" = "--install-only" ]; then
  echo "$PWD/$bicep"
  exit 0
fi

# Skip when neither the sources nor the CLI changed since the last clean run.
stamp="$CACHE/last-clean-build"
fingerprint="$( (echo "$BICEP_VERSION"; find infra -type f \( -name '*.bicep' -o -name '*.bicepparam' -o -name 'bicepconfig.json' -o -name build.sh \) -print0 | sort -z | xargs -0 sha256sum) | sha256sum | cut -d' ' -f1)"
if [ "${1:-}" != "--force" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$fingerprint" ]; then
  echo "infra: Bicep templates unchanged since the last clean build"
  exit 0
fi
rm -f "$stamp"

# prod.bicepparam requires these (no defaults, so a real deployment must set them); placeholders for the build.
export BANKFN_BANK_ISO_BASE_URL="${BANKFN_BANK_ISO_BASE_URL:-https://bank-iso.build.invalid}"
export BANKFN_BANK_CMB_BASE_URL="${BANKFN_BANK_CMB_BASE_URL:-https://bank-cmb.build.invalid}"

out="$CACHE/out"
rm -rf "$out"
mkdir -p "$out/parameters"
diagnostics="$(mktemp)"
trap 'rm -f "$diagnostics"' EXIT

failed=0
run() {
  # Bicep prints diagnostics on stderr and exits 0 on warnings; any diagnostic line fails the build here.
  if ! "$bicep" "$@" 2>"$diagnostics" || grep -qE ' : (Error|Warning|Info) ' "$diagnostics"; then
    cat "$diagnostics" >&2
    failed=1
  fi
}

run build infra/main.bicep --outfile "$out/main.json"
run lint --pattern 'infra/**/*.bicep'
run build-params --pattern 'infra/parameters/*.bicepparam' --outdir "$out/parameters"
run lint --pattern 'infra/parameters/*.bicepparam'

if [ "$failed" -ne 0 ]; then
  echo "infra: Bicep build/lint failed" >&2
  exit 1
fi
echo "$fingerprint" > "$stamp"
echo "infra: main.bicep, modules and $(find infra/parameters -name '*.bicepparam' | wc -l) parameter files build and lint clean ($out)"
