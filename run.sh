#!/usr/bin/env bash
# Runs the whole stack locally: Azurite (data under .local/azurite), BankSim on :7080 and the host on :7071,
# seeds a demo tenant on first start (idempotent) and prints its keys and example calls. Ctrl-C stops all of it.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_prerequisites

HOST_URL="${HOST_URL:-http://127.0.0.1:7071}"
BANKSIM_URL="${BANKSIM_URL:-http://127.0.0.1:7080}"
mkdir -p .local/azurite .local/keys .local/logs

# The operator key: from the environment, else the one generated on a previous run, else a new random one.
if [ -z "${Operator__ApiKey:-}" ]; then
  [ -s .local/operator-key ] || (umask 077; openssl rand -hex 24 > .local/operator-key)
  Operator__ApiKey="$(cat .local/operator-key)"
fi
export Operator__ApiKey
# The audit seal key, likewise kept across runs so earlier audit rows still verify.
if [ -z "${Audit__SealKey:-}" ]; then
  [ -s .local/audit-seal-key ] || (umask 077; openssl rand -hex 32 > .local/audit-seal-key)
  Audit__SealKey="$(cat .local/audit-seal-key)"
fi
export Audit__SealKey

echo "Building…"
dotnet build functions/BankFunctions.Host/BankFunctions.Host.csproj -c Debug -nologo -v quiet
dotnet build tools/BankSim/BankSim.csproj -c Debug -nologo -v quiet

pids=()
cleanup() {
  trap - INT TERM EXIT
  echo; echo "Stopping…"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup INT TERM EXIT

node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --location .local/azurite \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 > .local/logs/azurite.log 2>&1 &
pids+=($!)

dotnet tools/BankSim/bin/Debug/net10.0/BankSim.dll --urls "$BANKSIM_URL" > .local/logs/banksim.log 2>&1 &
pids+=($!)

# The host creates its tables and queues at start and gives up after the SDK's retries: wait for Azurite first
# (a cold start on a busy machine can take longer than those retries).
for port in 10000 10001 10002; do
  for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.5
  done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "Azurite did not listen on port $port within 60 s; see .local/logs/azurite.log" >&2; exit 1; }
done

export Storage__ConnectionString="UseDevelopmentStorage=true"
export Signing__Mode="${Signing__Mode:-Local}"
export Signing__LocalKeyPath="${Signing__LocalKeyPath:-$PWD/.local/keys}"
export HostJson__Path="$PWD/host.json"
env "Banks__simbank_iso__BaseUrl=$BANKSIM_URL" "Banks__simbank_cmb__BaseUrl=$BANKSIM_URL" \
  dotnet functions/BankFunctions.Host/bin/Debug/net10.0/BankFunctions.Host.dll --urls "$HOST_URL" > .local/logs/host.log 2>&1 &
pids+=($!)

node scripts/seed-demo.mjs --host "$HOST_URL" --banksim "$BANKSIM_URL" --operator-key "$Operator__ApiKey" --state .local/demo.json

echo
echo "Logs: .local/logs/{azurite,banksim,host}.log. Press Ctrl-C to stop."
wait -n "${pids[@]}" || true
echo "A component exited; see .local/logs." >&2
