#!/usr/bin/env bash
# Statement parse benchmark: our readers against the npm peers mt940-js, @centrapay/swift-parser and iso20022.js on the
# same files in the same run, then the peak memory of stream-parsing a generated 100 MB camt.053 and 100 MB MT940:
# in process (parser alone) and as a process (the CLI writing JSON, Maximum resident set size from /usr/bin/time -v).
# Usage: bench/parse.sh [payload MB, default 8] [iterations, default 7]
# Each parser is timed on its fastest iteration after a warm-up (the figure least distorted by other load).
# Peers are installed into a temp folder (npm install --prefix), never into the project.
set -euo pipefail
cd "$(dirname "$0")/.."
megabytes="${1:-8}"
iterations="${2:-7}"
corpus=tests/TestData/conformance
mt940="$corpus/mt940/wolph_betterplace_sepa_mt9401.sta"           # largest MT940 of the corpus
camt053="$corpus/camt.053/iso20022js_abnamro_example_camt.xml"     # largest camt.053 of the corpus
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

dotnet build bench/BankFunctions.Bench.Parse -c Release -nologo -v q >/dev/null
bench="dotnet bench/BankFunctions.Bench.Parse/bin/Release/net10.0/BankFunctions.Bench.Parse.dll"

echo "peers: installing into $tmp"
npm install --prefix "$tmp" --no-audit --no-fund --silent mt940-js@1.0.0 @centrapay/swift-parser@1.0.1 iso20022.js@0.0.15 tslib >/dev/null 2>&1  # tslib: mt940-js requires it without declaring it

$bench payload "$mt940" "$camt053" "$tmp/payload" "$megabytes"
results="$tmp/results.txt"
{
  echo "BankFunctions mt940 $($bench throughput "$tmp/payload/payload.mt940" "$iterations")"
  echo "BankFunctions camt.053 $($bench throughput "$tmp/payload/payload.camt053.xml" "$iterations")"
  NODE_PATH="$tmp/node_modules" node bench/peers.cjs "$tmp/payload/payload.mt940" "$tmp/payload/payload.camt053.xml" "$iterations" || echo "peers failed to run"
} > "$results"

echo
printf '%-26s %-9s %10s %10s %12s %14s\n' parser format MB seconds MB/s entries/s
awk '$4 != "failed" { mb = $3 / 1048576; printf "%-26s %-9s %10.1f %10.4f %12.1f %14.0f\n", $1, $2, mb, $4, mb / $4, $5 / $4 }
     $4 == "failed" { printf "%-26s %-9s %10.1f %10s  (%s)\n", $1, $2, $3 / 1048576, "failed", $5 }' "$results"
echo
awk '$4 != "failed" { rate[$1 " " $2] = $3 / $4; fmt[$1 " " $2] = $2 }
     END {
       for (k in rate) if (k ~ /^BankFunctions/) {
         f = fmt[k]; best = 0; name = "";
         for (p in rate) if (p !~ /^BankFunctions/ && fmt[p] == f && rate[p] > best) { best = rate[p]; name = p }
         if (best > 0) printf "%s: ours / fastest peer (%s) = %.1fx\n", f, name, rate[k] / best
       }
     }' "$results"

echo
echo "peak memory: generating a 100 MB camt.053 and a 100 MB MT940"
$bench generate "$tmp/large.camt053.xml" 100
$bench generate-mt940 "$tmp/large.mt940" 100

# In process: the parser alone, entries handed out one by one (as an import would store them).
for file in "$tmp/large.camt053.xml" "$tmp/large.mt940"; do
  echo "in process, $(basename "$file"): $($bench rss "$file")"
done

# As a process: what a user running the CLI gets, JSON written to stdout while the file is read (target < 150 MB).
dotnet build functions/BankFunctions.Cli -c Release -nologo -v q >/dev/null
cli="dotnet functions/BankFunctions.Cli/bin/Release/net10.0/BankFunctions.Cli.dll"
if [ -x /usr/bin/time ]; then
  for file in "$tmp/large.camt053.xml" "$tmp/large.mt940"; do
    /usr/bin/time -v $cli statement parse "$file" --json > /dev/null 2> "$tmp/time.txt"
    rss_kb="$(awk -F: '/Maximum resident set size/ { gsub(/ /, "", $2); print $2 }' "$tmp/time.txt")"
    wall="$(awk '/Elapsed \(wall clock\)/ { print $NF }' "$tmp/time.txt")"
    rss_mb="$(awk -v kb="$rss_kb" 'BEGIN { printf "%.1f", kb / 1024 }')"
    echo "process, statement parse $(basename "$file") --json > /dev/null: peak RSS $rss_mb MB (Maximum resident set size $rss_kb kB), $wall wall"
  done
else
  echo "process RSS not measured: /usr/bin/time missing (apt-get install -y time)"
fi
