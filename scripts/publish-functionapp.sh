#!/usr/bin/env bash
# Builds the deployable package of the Azure Functions app (functions/BankFunctions.FunctionApp): the `dotnet publish`
# output zipped with the worker at its root, for `az functionapp deployment source config-zip` or a Flex Consumption
# one-deploy (docs/DEPLOY.md). Checks the package's layout — what the Functions host reads from it — before it says done.
#
#   scripts/publish-functionapp.sh [--no-build] [package.zip]     default: .local/publish/BankFunctions.FunctionApp.zip
#
# --no-build publishes what the Release build already produced (test.sh, right after building the solution).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/prerequisites.sh

no_build=()
if [ "${1:-}" = "--no-build" ]; then
  no_build=(--no-build)
  shift
fi
package="${1:-.local/publish/BankFunctions.FunctionApp.zip}"
mkdir -p "$(dirname "$package")"
package="$(cd "$(dirname "$package")" && pwd)/$(basename "$package")"

command -v zip >/dev/null && command -v unzip >/dev/null || apt_install zip unzip

staging="$(mktemp -d)"
trap 'rm -rf "$staging"' EXIT
dotnet publish functions/BankFunctions.FunctionApp -c Release -o "$staging" "${no_build[@]}" -nologo -v quiet
rm -f "$package"
# -X: no extra file attributes; the dot folder .azurefunctions (the host's WebJobs extensions) is included by -r.
(cd "$staging" && zip -qrX "$package" .)

# What the Functions host reads from the package root; a package without one of these does not run.
entries="$(unzip -Z1 "$package")"
missing=0
for required in BankFunctions.FunctionApp.dll functions.metadata host.json worker.config.json extensions.json \
                 .azurefunctions/Microsoft.Azure.WebJobs.Extensions.Storage.Queues.dll; do
  if ! grep -qxF "$required" <<<"$entries"; then
    echo "publish-functionapp: $required is missing from $package" >&2
    missing=1
  fi
done
[ "$missing" -eq 0 ] || exit 1
echo "publish-functionapp: $package ($(du -h "$package" | cut -f1), $(grep -c . <<<"$entries") files; worker, functions.metadata, host.json, .azurefunctions/ at the root)"
