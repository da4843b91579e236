#!/usr/bin/env bash
# A private InfluxDB 1.x server for benchmarks and manual runs, bound to 127.0.0.1 only (as the test fixture does),
# with its config, data, WAL, pid file and log all in DIR. The package's own service is not used.
#
#   scripts/influxd-local.sh start PORT DIR   # starts influxd on 127.0.0.1:PORT, waits until /ping answers
#   scripts/influxd-local.sh stop  PORT DIR   # stops it (SIGTERM, then SIGKILL after 15 s); DIR is kept
#
# The RPC (backup) port is PORT+1, also on 127.0.0.1. Example:
#   scripts/influxd-local.sh start 18086 /tmp/influx-bench
#   dotnet run -c Release --project benchmarks/Emergency.Benchmarks -- history --influx http://127.0.0.1:18086
#   scripts/influxd-local.sh stop 18086 /tmp/influx-bench && rm -rf /tmp/influx-bench
set -euo pipefail

usage() { echo "usage: $0 start|stop PORT DIR" >&2; exit 2; }
[ $# -eq 3 ] || usage
action=$1 port=$2 dir=$3
[[ $port =~ ^[0-9]+$ ]] && [ "$port" -gt 0 ] && [ "$port" -lt 65535 ] || usage

pidfile="$dir/influxd.pid"

case "$action" in
  start)
    influxd=$(command -v influxd || true)
    [ -n "$influxd" ] || { echo "influxd not found: run scripts/install-test-deps.sh" >&2; exit 1; }
    if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "influxd already running (pid $(cat "$pidfile"))" >&2; exit 1
    fi
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    cat >"$dir/influxdb.conf" <<EOF
reporting-disabled = true
bind-address = "127.0.0.1:$((port + 1))"

[meta]
  dir = "$dir/meta"
  logging-enabled = false

[data]
  dir = "$dir/data"
  wal-dir = "$dir/wal"
  query-log-enabled = false

[monitor]
  store-enabled = false

[http]
  enabled = true
  bind-address = "127.0.0.1:$port"
  log-enabled = false

[continuous_queries]
  enabled = false
EOF
    nohup "$influxd" -config "$dir/influxdb.conf" >"$dir/influxd.log" 2>&1 &
    echo $! >"$pidfile"
    for _ in $(seq 1 300); do
      if curl -fsS -o /dev/null "http://127.0.0.1:$port/ping" 2>/dev/null; then
        echo "influxd listening on http://127.0.0.1:$port (pid $(cat "$pidfile"), files in $dir)"
        exit 0
      fi
      kill -0 "$(cat "$pidfile")" 2>/dev/null || { echo "influxd exited; see $dir/influxd.log" >&2; tail -20 "$dir/influxd.log" >&2; exit 1; }
      sleep 0.1
    done
    echo "influxd did not answer /ping within 30 s; see $dir/influxd.log" >&2
    exit 1
    ;;
  stop)
    [ -f "$pidfile" ] || { echo "no $pidfile: not started here" >&2; exit 1; }
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid"
      for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
    fi
    rm -f "$pidfile"
    echo "influxd (pid $pid) stopped"
    ;;
  *) usage ;;
esac
