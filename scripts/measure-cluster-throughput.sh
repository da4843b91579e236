#!/usr/bin/env bash
# Frames per second a local cluster applies (1, 2 or 3 nodes behind Mosquitto), offered more than it can take by the
# load harness: the sum over the nodes of accepted + gap-filled frames (/health/ready) over a 10 s window, after
# warm-up. All nodes, Mosquitto and the harness share this machine's cores.
#
#   bash scripts/measure-cluster-throughput.sh NODES [RATE]    # e.g. 1, then 3; RATE offered (default 6000/s)
set -euo pipefail
cd "$(dirname "$0")/.."
nodes=${1:?usage: $0 NODES [RATE]} rate=${2:-6000}
dir=$(mktemp -d /tmp/emergency-measure-XXXX)
chmod 755 "$dir"
trap 'bash scripts/cluster-local.sh stop "$dir" >/dev/null 2>&1 || true; kill "${harness:-0}" 2>/dev/null || true' EXIT
dotnet build -c Release benchmarks/Emergency.Benchmarks -nologo -v q >/dev/null
NODES=$nodes bash scripts/cluster-local.sh start "$dir" >/dev/null
applied() {
  local total=0
  for n in $(seq 1 "$nodes"); do
    v=$(curl -fsS "http://127.0.0.1:$((18080 + n))/health/ready" | jq '.ingest.accepted + .ingest.gapFilled')
    total=$((total + v))
  done
  echo "$total"
}
dotnet run -c Release --no-build --project benchmarks/Emergency.Benchmarks -- load --targets service --http http://127.0.0.1:18081 \
  --mqtt-port 21883 --devices 1000 --connections 16 --rate "$rate" --duration 20 --warmup 5 --out "$dir/load" >"$dir/harness.log" 2>&1 &
harness=$!
# Past the harness's start and warm-up: the nodes are applying frames.
until [ "$(applied)" -gt 5000 ]; do sleep 1; done
a=$(applied); sleep 10; b=$(applied)
echo "$nodes node(s): $(( (b - a) / 10 )) frames/s applied across the cluster (offered $rate/s through Mosquitto)"
wait "$harness" || true
