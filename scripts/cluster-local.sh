#!/usr/bin/env bash
# A three-node cluster on this machine, for trying scale-out: PostgreSQL (membership and grain state), Mosquitto
# (devices publish there; the nodes share one subscription), Redis (SignalR backplane) and three hosts, everything
# on 127.0.0.1, files under DIR. Development mode (demo accounts, any MQTT client id): never expose this layout.
#
#   scripts/cluster-local.sh start [DIR]   # default DIR: /tmp/emergency-cluster
#   scripts/cluster-local.sh stop  [DIR]
#   NODES=1 scripts/cluster-local.sh start  # fewer nodes (1-3), e.g. to compare one node with three
#
# Ports: PostgreSQL 25432, Mosquitto 21883, Redis 26379; node N (1-3): HTTP 1808N, silo 2111N, gateway 3111N.
# Then: boards on http://127.0.0.1:18081/?region=sh (or :18082, :18083), devices on mqtt 127.0.0.1:21883, e.g.
#   dotnet run --project device-sim/Emergency.DeviceSim -- --port 21883 --ambulances 20 --wearables 100
# Needs: scripts/install-test-deps.sh (postgresql, mosquitto, redis-server) and Orleans' SQL (scripts/orleans-sql.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
action=${1:-}
nodes=${NODES:-3}
dir=${2:-/tmp/emergency-cluster}
pg_port=25432 mqtt_port=21883 redis_port=26379
connection="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres"
host_dll=dashboard/Emergency.Dashboard/bin/Release/net10.0/Emergency.Dashboard.dll

start_node() {
  local n=$1 node="$dir/node$n"
  mkdir -p "$node"
  ( cd "$node" && \
    Cluster__Mode=AdoNet Cluster__ConnectionString="$connection" \
    Mqtt__Broker="mqtt://127.0.0.1:$mqtt_port" Mqtt__ClientId="node-$n" LivePush__Redis="127.0.0.1:$redis_port" \
    Orleans__SiloPort=$((21110 + n)) Orleans__GatewayPort=$((31110 + n)) Urls="http://127.0.0.1:$((18080 + n))" \
    Data__Directory="$node/data" Security__Development=true \
    nohup dotnet "$OLDPWD/$host_dll" --contentRoot "$OLDPWD/dashboard/Emergency.Dashboard" >"$node/host.log" 2>&1 &
    echo $! >"$node/pid" )
}

case "$action" in
  start)
    mkdir -p "$dir"
    dotnet build -c Release dashboard/Emergency.Dashboard -nologo -v q >/dev/null
    bash scripts/postgres-local.sh start "$dir/pg" $pg_port
    scripts=$(bash scripts/orleans-sql.sh)
    dotnet "$host_dll" cluster setup --connection "$connection" --scripts "$scripts"
    mkdir -p "$dir/mosquitto"
    cat >"$dir/mosquitto/mosquitto.conf" <<CONF
listener $mqtt_port 127.0.0.1
allow_anonymous true
persistence true
persistence_location $dir/mosquitto/
autosave_interval 1
max_queued_messages 0
persistent_client_expiration 1d
CONF
    [ "$(id -u)" -eq 0 ] && chown -R mosquitto "$dir/mosquitto"
    mosquitto -d -c "$dir/mosquitto/mosquitto.conf" </dev/null >/dev/null 2>&1
    pgrep -n -f "mosquitto -d -c $dir/mosquitto/mosquitto.conf" >"$dir/mosquitto/pid"
    redis-server --port $redis_port --bind 127.0.0.1 --save "" --appendonly no --daemonize yes --pidfile "$dir/redis.pid" >/dev/null
    for n in $(seq 1 "$nodes"); do start_node $n; done
    for n in $(seq 1 "$nodes"); do
      until curl -fs -o /dev/null "http://127.0.0.1:$((18080 + n))/health/ready"; do sleep 0.5; done
      echo "node $n ready: http://127.0.0.1:$((18080 + n))/?region=sh (log $dir/node$n/host.log)"
    done
    echo "devices: mqtt://127.0.0.1:$mqtt_port"
    ;;
  stop)
    for n in 1 2 3; do
      [ -f "$dir/node$n/pid" ] && kill -TERM "$(cat "$dir/node$n/pid")" 2>/dev/null || true
    done
    sleep 3
    [ -f "$dir/redis.pid" ] && kill "$(cat "$dir/redis.pid")" 2>/dev/null || true
    [ -f "$dir/mosquitto/pid" ] && kill "$(cat "$dir/mosquitto/pid")" 2>/dev/null || true
    bash scripts/postgres-local.sh stop "$dir/pg" $pg_port || true
    echo "stopped (files kept in $dir)"
    ;;
  *) echo "usage: $0 start|stop [DIR]" >&2; exit 2 ;;
esac
