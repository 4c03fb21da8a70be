#!/usr/bin/env bash
# Benchmarks (not part of ./test.sh). Usage:
#   ./bench.sh submit [payments=2000] [concurrency=16]   raw storage work vs POST /v1/payments, and a 10,000-item payroll
#   ./bench.sh dispatch [rate=20] [seconds=60]              submit → accepted latency end to end; signing operations
#   ./bench.sh statements [entries=10000]                  statement pull → stored throughput for one busy day (Azurite)
#   ./bench.sh parse [args…]                             statement parse throughput vs npm peers, peak RSS on 100 MB camt.053
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_prerequisites
what="${1:-}"; shift || true
case "$what" in
  submit) dotnet run -c Release --project bench/BankFunctions.Bench.Submit -- "$@" ;;
  parse) bench/parse.sh "$@" ;;
  dispatch) dotnet run -c Release --project bench/BankFunctions.Bench.Dispatch -- "$@" ;;
  statements) dotnet run -c Release --project bench/BankFunctions.Bench.Statements -- "$@" ;;
  *) echo "usage: ./bench.sh submit [payments] [concurrency] | dispatch [rate] [seconds] | statements [entries] | parse [args]" >&2; exit 2 ;;
esac
