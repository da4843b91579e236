#!/usr/bin/env bash
# Per-request latency of an audited patient read against an unaudited hospital read, and of the token endpoint
# (PBKDF2), on a host in development mode; sequential curl on loopback. Needs a Release build and mosquitto_pub.
# Usage: bash scripts/measure-audit-latency.sh
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d); cd "$WORK"
PORT=$((20000 + RANDOM % 20000)); MQTT=$((PORT+1)); SILO=$((PORT+2)); GW=$((PORT+3))
Security__Development=true ASPNETCORE_URLS=http://127.0.0.1:$PORT Urls=http://127.0.0.1:$PORT Mqtt__Port=$MQTT \
Orleans__SiloPort=$SILO Orleans__GatewayPort=$GW Data__Directory=$PWD/data Logging__LogLevel__Default=Warning \
  dotnet $ROOT/dashboard/Emergency.Dashboard/bin/Release/net10.0/Emergency.Dashboard.dll --contentRoot $ROOT/dashboard/Emergency.Dashboard > host.log 2>&1 &
HOST=$!
trap 'kill $HOST; rm -rf "$WORK"' EXIT
until curl -sf -o /dev/null http://127.0.0.1:$PORT/health/ready; do sleep 0.2; done
TOKEN=$(curl -s -H 'Content-Type: application/json' -d '{"userName":"admin","password":"demo"}' http://127.0.0.1:$PORT/api/auth/token | sed 's/.*"accessToken":"\([^"]*\)".*/\1/')
mosquitto_pub -p $MQTT -i AMB-M1 -q 1 -t ems/sh/ambulance/AMB-M1/vitals -m "{\"patientId\":\"P-M1\",\"seq\":1,\"ts\":\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\",\"hr\":90,\"rr\":18,\"spo2\":96,\"sbp\":120,\"temp\":37.0,\"acvpu\":\"A\",\"o2\":false}"
measure() { # name url [curl args]
  local name=$1 url=$2; shift 2
  for i in $(seq 1 300); do curl -s -o /dev/null -w '%{time_total}\n' "$@" "$url"; done | sort -n |
    awk -v n="$name" '{a[NR]=$1} END {printf "%-40s p50 %.2f ms  p95 %.2f ms  (n=%d)\n", n, a[int(NR*0.5)]*1000, a[int(NR*0.95)]*1000, NR}'
}
measure "GET /api/hospitals/H-08 (not audited)" http://127.0.0.1:$PORT/api/hospitals/H-08 -H "Authorization: Bearer $TOKEN"
measure "GET /api/patients/P-M1 (audited)" http://127.0.0.1:$PORT/api/patients/P-M1 -H "Authorization: Bearer $TOKEN"
for i in $(seq 1 30); do curl -s -o /dev/null -w '%{time_total}\n' -H 'Content-Type: application/json' -d '{"userName":"dispatch.sh","password":"demo"}' http://127.0.0.1:$PORT/api/auth/token; done | sort -n |
  awk '{a[NR]=$1} END {printf "%-40s p50 %.2f ms  p95 %.2f ms  (n=%d)\n", "POST /api/auth/token", a[int(NR*0.5)]*1000, a[int(NR*0.95)]*1000, NR}'
curl -s -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT/api/audit?patientId=P-M1&limit=10000" | grep -o '"action":"patient.read"' | wc -l | sed 's/^/audit entries for P-M1 patient.read: /'
