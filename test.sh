#!/usr/bin/env bash
# Runs every test of BankFunctions from a clean clone: installs what the tests need (openssl, the pinned
# Azurite, NuGet packages), builds with warnings as errors, and runs all test projects.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_prerequisites

# Bicep: build and lint every template with the pinned CLI (offline after its NuGet restore).
infra/build.sh
# ensure_prerequisites has restored the solution; a second restore inside the build would only repeat it.
dotnet build BankFunctions.sln -c Release --no-restore -nologo -v quiet
# The Azure Functions deployment package, from that build, with its layout checked.
scripts/publish-functionapp.sh --no-build .local/publish/BankFunctions.FunctionApp.zip
results="$(mktemp -d)"
status=0
dotnet test BankFunctions.sln -c Release --no-build -nologo --logger "trx" --results-directory "$results" || status=$?
scripts/test-summary.sh "$results"
exit $status
