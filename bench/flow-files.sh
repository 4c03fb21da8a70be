#!/usr/bin/env bash
# Which source files the two reference flows execute (issue #12's "the flows touch fewer files"), measured, not
# counted by hand: each flow is one end-to-end test run under the code-coverage collector that Microsoft.NET.Test.Sdk
# already brings (Microsoft.CodeCoverage, MIT), and a file counts when at least one of its lines ran.
#   payment:   POST /v1/payments → approve → sign → dispatch → status → completed (ISO bank)
#   statement: the same payment, then the statement timer's pulls → stored entries → reconciliation → balance
# The Host.Tests fixture's own setup (tenant, keys, accounts, connection) runs in both, so compare like with like:
# the same command on two commits. Usage: bench/flow-files.sh [--list]
set -euo pipefail
cd "$(dirname "$0")/.."
list="${1:-}"
dotnet build tests/BankFunctions.Host.Tests -c Release -nologo -v quiet >/dev/null
declare -A tests=(
  [payment]="DispatchEndToEndTests.Iso_payment_completes_once_and_the_stored_file_verifies_with_openssl"
  [statement]="StatementPullEndToEndTests.Iso_pull_books_the_payment_once_across_feeds_and_pulls_and_sets_the_balance"
)
for flow in payment statement; do
  out="$(mktemp -d)"
  dotnet test tests/BankFunctions.Host.Tests -c Release --no-build -nologo -v quiet \
    --filter "FullyQualifiedName~${tests[$flow]}" --collect "Code Coverage;Format=cobertura" --results-directory "$out" >/dev/null
  # A file counts when one of its lines has hits > 0 (a class with no coverable lines reports line-rate 1: not counted).
  awk -v flow="$flow" -v listing="$list" '
    match($0, /<class [^>]*filename="[^"]*"/) { f = substr($0, RSTART, RLENGTH); sub(/.*filename="/, "", f); sub(/"$/, "", f); gsub(/\\/, "/", f); next }
    /<line / && /hits="[1-9]/ && f ~ /\/functions\// && f !~ /\/obj\// { g = f; sub(/.*\/functions\//, "", g); ran[g] = 1 }
    END {
      for (f in ran) { n++; p = f; sub(/\/.*/, "", p); sub(/^BankFunctions\./, "", p); per[p]++ }
      line = flow ": " n " files —"; sep = " "
      for (p in per) { line = line sep p " " per[p]; sep = ", " }
      print line
      if (listing == "--list") for (f in ran) print "  " f | "sort"
    }' "$out"/*/*.cobertura.xml
  rm -rf "$out"
done
