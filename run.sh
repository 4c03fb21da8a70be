#!/usr/bin/env bash
# Runs the whole stack locally: Azurite, BankSim (:7080), DevIdentity (:7090, the development OpenID Connect provider)
# and the host (:7071), seeds a demo tenant on first start (idempotent), prints its keys and example calls and writes
# them to .local/demo.env for `source`. Ctrl-C stops it.
# State lives under .local/ (BF_LOCAL_DIR); each run's logs go to .local/logs/<time>/ (latest: .local/logs/latest).
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
ensure_prerequisites

HOST_URL="${HOST_URL:-http://127.0.0.1:7071}"
BANKSIM_URL="${BANKSIM_URL:-http://127.0.0.1:7080}"
DEVIDENTITY_URL="${DEVIDENTITY_URL:-http://127.0.0.1:7090}"
DEVIDENTITY_URL="${DEVIDENTITY_URL%/}"
LOCAL_DIR="${BF_LOCAL_DIR:-.local}"
CONFIGURATION="${BF_CONFIGURATION:-Debug}"
AZURITE_BLOB_PORT="${AZURITE_BLOB_PORT:-10000}"
AZURITE_QUEUE_PORT="${AZURITE_QUEUE_PORT:-10001}"
AZURITE_TABLE_PORT="${AZURITE_TABLE_PORT:-10002}"
mkdir -p "$LOCAL_DIR/azurite" "$LOCAL_DIR/keys" "$LOCAL_DIR/logs"
LOCAL_DIR="$(cd "$LOCAL_DIR" && pwd)"

# Logs: one folder per run, so a restart does not overwrite the run that went wrong; the last 10 runs are kept.
LOG_DIR="$LOCAL_DIR/logs/$(date -u +%Y%m%dT%H%M%SZ)-$$"
mkdir -p "$LOG_DIR"
ln -sfn "$LOG_DIR" "$LOCAL_DIR/logs/latest"
ls -1dt "$LOCAL_DIR"/logs/*/ 2>/dev/null | grep -v '/latest/$' | tail -n +11 | xargs -r rm -rf

# The operator key: from the environment, else the one generated on a previous run, else a new random one.
if [ -z "${Operator__ApiKey:-}" ]; then
  [ -s "$LOCAL_DIR/operator-key" ] || (umask 077; openssl rand -hex 24 > "$LOCAL_DIR/operator-key")
  Operator__ApiKey="$(cat "$LOCAL_DIR/operator-key")"
fi
export Operator__ApiKey
# The audit seal key, likewise kept across runs so earlier audit rows still verify.
if [ -z "${Audit__SealKey:-}" ]; then
  [ -s "$LOCAL_DIR/audit-seal-key" ] || (umask 077; openssl rand -hex 32 > "$LOCAL_DIR/audit-seal-key")
  Audit__SealKey="$(cat "$LOCAL_DIR/audit-seal-key")"
fi
export Audit__SealKey
# DevIdentity's signing key, client secret and demo passwords, generated once and kept, so a restart keeps sign-ins
# valid and the printed passwords stay the same (tools/DevIdentity/README.md).
mkdir -p "$LOCAL_DIR/devidentity"
for secret in client-secret submitter-password approver-password; do
  [ -s "$LOCAL_DIR/devidentity/$secret" ] || (umask 077; openssl rand -hex 12 > "$LOCAL_DIR/devidentity/$secret")
done
DEVIDENTITY_CLIENT_ID="bankfunctions-console"
DEVIDENTITY_CLIENT_SECRET="$(cat "$LOCAL_DIR/devidentity/client-secret")"
SUBMITTER_PASSWORD="$(cat "$LOCAL_DIR/devidentity/submitter-password")"
APPROVER_PASSWORD="$(cat "$LOCAL_DIR/devidentity/approver-password")"

echo "Building…"
# ensure_prerequisites has restored the solution, so the builds skip their own restore.
dotnet build functions/BankFunctions.Host/BankFunctions.Host.csproj -c "$CONFIGURATION" --no-restore -nologo -v quiet
dotnet build tools/BankSim/BankSim.csproj -c "$CONFIGURATION" --no-restore -nologo -v quiet
dotnet build tools/DevIdentity/DevIdentity.csproj -c "$CONFIGURATION" --no-restore -nologo -v quiet

# Every port must be free: otherwise a component fails to bind and the seeding would talk to whatever holds the port.
port_of() { local rest="${1#*://}"; rest="${rest%%/*}"; [[ "$rest" == *:* ]] && echo "${rest##*:}" || echo 80; }
for use in "HOST_URL $(port_of "$HOST_URL")" "BANKSIM_URL $(port_of "$BANKSIM_URL")" "DEVIDENTITY_URL $(port_of "$DEVIDENTITY_URL")" \
  "AZURITE_BLOB_PORT $AZURITE_BLOB_PORT" "AZURITE_QUEUE_PORT $AZURITE_QUEUE_PORT" "AZURITE_TABLE_PORT $AZURITE_TABLE_PORT"; do
  set -- $use
  if (exec 3<>"/dev/tcp/127.0.0.1/$2") 2>/dev/null; then
    echo "Port $2 ($1) is in use by another process: stop it, or choose another port with $1=… ./run.sh." >&2
    exit 1
  fi
done

pids=()
names=()
stopping=0
stop_all() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
# Ctrl-C (or a TERM) is the normal way to stop: stop the components and exit quietly with success.
on_signal() {
  stopping=1
  trap - INT TERM EXIT
  echo; echo "Stopping…"
  stop_all
  exit 0
}
trap on_signal INT TERM
trap stop_all EXIT

node_modules/.bin/azurite --silent --disableTelemetry --skipApiVersionCheck --location "$LOCAL_DIR/azurite" \
  --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
  --blobPort "$AZURITE_BLOB_PORT" --queuePort "$AZURITE_QUEUE_PORT" --tablePort "$AZURITE_TABLE_PORT" \
  > "$LOG_DIR/azurite.log" 2>&1 &
pids+=($!); names+=(azurite)

dotnet "tools/BankSim/bin/$CONFIGURATION/net10.0/BankSim.dll" --urls "$BANKSIM_URL" > "$LOG_DIR/banksim.log" 2>&1 &
pids+=($!); names+=(banksim)

# Settings through the environment rather than the command line, so the passwords do not show in `ps`.
env "DevIdentity__Issuer=$DEVIDENTITY_URL" "DevIdentity__KeyPath=$LOCAL_DIR/devidentity/signing-key.pem" \
  "DevIdentity__Clients__0__ClientId=$DEVIDENTITY_CLIENT_ID" "DevIdentity__Clients__0__ClientSecret=$DEVIDENTITY_CLIENT_SECRET" \
  "DevIdentity__Clients__0__RedirectUris__0=$HOST_URL/auth/callback" \
  "DevIdentity__Clients__0__PostLogoutRedirectUris__0=$HOST_URL/console/" \
  "DevIdentity__Users__0__Email=submitter@demo.test" "DevIdentity__Users__0__Name=Sam Submitter" \
  "DevIdentity__Users__0__Password=$SUBMITTER_PASSWORD" \
  "DevIdentity__Users__1__Email=approver@demo.test" "DevIdentity__Users__1__Name=Alex Approver" \
  "DevIdentity__Users__1__Password=$APPROVER_PASSWORD" \
  dotnet "tools/DevIdentity/bin/$CONFIGURATION/net10.0/DevIdentity.dll" --urls "$DEVIDENTITY_URL" > "$LOG_DIR/devidentity.log" 2>&1 &
pids+=($!); names+=(devidentity)

# The host creates its tables and queues at start and gives up after the SDK's retries: wait for Azurite first
# (a cold start on a busy machine can take longer than those retries).
for port in "$AZURITE_BLOB_PORT" "$AZURITE_QUEUE_PORT" "$AZURITE_TABLE_PORT"; do
  for _ in $(seq 1 120); do
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
    sleep 0.5
  done
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "Azurite did not listen on port $port within 60 s; see $LOG_DIR/azurite.log" >&2; exit 1; }
done

# Azurite's well-known development account (public, documented by Microsoft), on the ports chosen above.
devstore="devstoreaccount1"
export Storage__ConnectionString="DefaultEndpointsProtocol=http;AccountName=$devstore;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;BlobEndpoint=http://127.0.0.1:$AZURITE_BLOB_PORT/$devstore;QueueEndpoint=http://127.0.0.1:$AZURITE_QUEUE_PORT/$devstore;TableEndpoint=http://127.0.0.1:$AZURITE_TABLE_PORT/$devstore;"
export Signing__Mode="${Signing__Mode:-Local}"
export Signing__LocalKeyPath="${Signing__LocalKeyPath:-$LOCAL_DIR/keys}"
# Encryption at rest with a local key-file KEK (docs/ENCRYPTION.md); Encryption__Kek=none turns it off.
export Encryption__Kek="${Encryption__Kek:-file}"
export Encryption__KeyFile="${Encryption__KeyFile:-$LOCAL_DIR/kek.json}"
export HostJson__Path="$PWD/host.json"
# A development run: webhook endpoints on loopback (http included) may be registered, so a receiver on this machine
# works (the curl line printed below); a deployment leaves it off and the SSRF guard refuses them.
export Webhooks__AllowLoopback="${Webhooks__AllowLoopback:-true}"
# Console sign-in through DevIdentity. The host accepts an http identity provider only on loopback and outside the
# Production environment, hence Development here (a deployment runs as Production and needs https, e.g. Entra ID).
env "Banks__simbank_iso__BaseUrl=$BANKSIM_URL" "Banks__simbank_cmb__BaseUrl=$BANKSIM_URL" \
  "ASPNETCORE_ENVIRONMENT=Development" "Oidc__Authority=$DEVIDENTITY_URL" "Oidc__ClientId=$DEVIDENTITY_CLIENT_ID" \
  "Oidc__ClientSecret=$DEVIDENTITY_CLIENT_SECRET" \
  dotnet "functions/BankFunctions.Host/bin/$CONFIGURATION/net10.0/BankFunctions.Host.dll" --urls "$HOST_URL" > "$LOG_DIR/host.log" 2>&1 &
pids+=($!); names+=(host)

# Seeding waits for the host; a component that exits meanwhile (e.g. a port taken since the check) ends the start.
node scripts/seed-demo.mjs --host "$HOST_URL" --banksim "$BANKSIM_URL" --operator-key "$Operator__ApiKey" \
  --state "$LOCAL_DIR/demo.json" --env "$LOCAL_DIR/demo.env" &
seed_pid=$!
ended=""
seed_status=0
wait -n -p ended "$seed_pid" "${pids[@]}" || seed_status=$?
if [ "$ended" != "$seed_pid" ]; then
  for i in "${!pids[@]}"; do
    if [ "${pids[$i]}" = "$ended" ]; then
      echo "The ${names[$i]} exited during start-up; see $LOG_DIR/${names[$i]}.log." >&2
    fi
  done
  kill "$seed_pid" 2>/dev/null || true
  exit 1
fi
[ "$seed_status" -eq 0 ] || exit "$seed_status"

# seed-demo.mjs writes demo.env afresh on every run; DevIdentity's settings are added to it.
{
  echo "# DevIdentity, the development OpenID Connect provider (tools/DevIdentity/README.md)."
  printf 'export %s=%q\n' DEVIDENTITY_URL "$DEVIDENTITY_URL" DEVIDENTITY_CLIENT_ID "$DEVIDENTITY_CLIENT_ID" \
    DEVIDENTITY_CLIENT_SECRET "$DEVIDENTITY_CLIENT_SECRET" SUBMITTER_PASSWORD "$SUBMITTER_PASSWORD" APPROVER_PASSWORD "$APPROVER_PASSWORD"
} >> "$LOCAL_DIR/demo.env"
echo
echo "Treasury console: $HOST_URL/console/  — sign in as one of the two demo people below (DevIdentity's sign-in page)."
echo "DevIdentity (OpenID Connect sign-in, development only) at $DEVIDENTITY_URL/.well-known/openid-configuration"
echo "  client $DEVIDENTITY_CLIENT_ID (secret in demo.env), redirect URI $HOST_URL/auth/callback"
echo "  submitter@demo.test (Sam Submitter)  password $SUBMITTER_PASSWORD"
echo "  approver@demo.test  (Alex Approver)  password $APPROVER_PASSWORD"

echo
echo "Logs: $LOG_DIR/{azurite,banksim,devidentity,host}.log (also $LOCAL_DIR/logs/latest). Press Ctrl-C to stop."
if [ -n "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]; then
  echo "Telemetry: traces, metrics and logs go over OTLP to $OTEL_EXPORTER_OTLP_ENDPOINT."
else
  echo "Telemetry: spans (Activity.TraceId …) and metrics (bankfn.*, every 60 s) are written by the console exporter into"
  echo "  $LOG_DIR/host.log; platform figures: curl -H \"Authorization: Bearer \$(cat $LOCAL_DIR/operator-key)\" $HOST_URL/v1/admin/overview"
  echo "  For a UI, start an OTLP collector (e.g. the Aspire dashboard: docker run -p 18888:18888 -p 4317:18889"
  echo "  mcr.microsoft.com/dotnet/aspire-dashboard) and run OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4317 ./run.sh"
fi
wait -n "${pids[@]}" || true
[ "$stopping" -eq 1 ] && exit 0
echo "A component exited on its own; see $LOG_DIR." >&2
exit 1
