#!/usr/bin/env bash
# Benchmarks (not part of ./test.sh). Usage:
#   ./bench.sh submit [payments=2000] [concurrency=16]   raw storage work vs POST /v1/payments, and a 10,000-item payroll
#   ./bench.sh dispatch [rate=20] [seconds=60]              submit → accepted latency end to end; signing operations
#   ./bench.sh statements [entries=10000]                  statement pull → stored throughput for one busy day (Azurite)
#   ./bench.sh receivables [entries=10000]                 a day of credits matched against as many open expected payments (Azurite)
#   ./bench.sh screening [entries=10000] [names=5000]   sanctions screening: mean/p99 per creditor name against an N-entry list
#   ./bench.sh chaos [payments=1000] [faultRate=0.2] [rate=25]
#                                                        bank faults + the host SIGKILLed twice: drain time, exactly-once
#   ./bench.sh webhooks [rate=20] [payments=1000] [timeoutMinutes=15] [down=refused|503] [seconds=60]
#                                                        [recovery=wait|reenable]
#                                                        state change → webhook received at a rate (p50/p99 targets); then the
#                                                        receiver down for half of a run: every event delivered, drain time
#   ./bench.sh parse [args…]                             statement parse throughput vs npm peers; peak RSS (in process and
#                                                        the CLI as a process) on a 100 MB camt.053 and a 100 MB MT940
#   ./bench.sh contract [seconds=120] [seed=19] [workers=4]
#                                                        requests generated from the served OpenAPI, every response checked
#                                                        against its schema; exits 1 on any violation or 5xx
#   ./bench.sh backup [rows=100000]                      CLI backup / verify / restore of one tenant between two Azurites:
#                                                        rows/s and the CLI process's peak RSS (/usr/bin/time)
#   ./bench.sh flows [--list]                            source files the payment and statement flows execute (coverage)
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_prerequisites
# Benches collect telemetry as Azure does (spans and metrics recorded, exported in batches off the request path) but
# export nowhere: the local default, the console exporter, writes every span synchronously to stdout — a development
# view, not what a deployment runs — and would make the benches measure console I/O. Set it to override.
export Telemetry__Exporter="${Telemetry__Exporter:-custom}"
what="${1:-}"; shift || true
case "$what" in
  submit) dotnet run -c Release --project bench/BankFunctions.Bench.Submit -- "$@" ;;
  parse) bench/parse.sh "$@" ;;
  dispatch) dotnet run -c Release --project bench/BankFunctions.Bench.Dispatch -- "$@" ;;
  statements) dotnet run -c Release --project bench/BankFunctions.Bench.Statements -- "$@" ;;
  receivables) dotnet run -c Release --project bench/BankFunctions.Bench.Receivables -- "$@" ;;
  screening) dotnet run -c Release --project bench/BankFunctions.Bench.Screening -- "$@" ;;
  # Builds the host in Release too (a build-only project reference): the bench runs it as a child process.
  chaos) dotnet run -c Release --project bench/BankFunctions.Bench.Chaos -- "$@" ;;
  # The host as a child process too (webhooks need its queue processors and timers, as deployed).
  webhooks) dotnet run -c Release --project bench/BankFunctions.Bench.Webhooks -- "$@" ;;
  contract) dotnet run -c Release --project bench/BankFunctions.Bench.Contract -- "$@" ;;
  # Builds the CLI in Release too (a build-only project reference): the bench runs it as a child process.
  backup) dotnet run -c Release --project bench/BankFunctions.Bench.Backup -- "$@" ;;
  reseal) dotnet run -c Release --project bench/BankFunctions.Bench.Reseal -- "$@" ;;
  flows) bench/flow-files.sh "$@" ;;
  *) echo "usage: ./bench.sh submit [payments] [concurrency] | dispatch [rate] [seconds] | statements [entries] | receivables [entries] | chaos [payments] [faultRate] [rate] | webhooks [rate] [payments] [timeoutMinutes] [refused|503] [seconds] [wait|reenable] | parse [args] | contract [seconds] [seed] [workers] | screening [entries] [names] | backup [rows] | reseal [rows] | flows [--list]" >&2; exit 2 ;;
esac
