#!/usr/bin/env bash
# A throwaway PostgreSQL server for the cluster tests and for trying a cluster by hand: initdb + pg_ctl with the
# data, socket, log and pid in DIR, listening on 127.0.0.1:PORT only, trust authentication for user "postgres"
# (loopback only: never use this layout for a real deployment). PostgreSQL refuses to run as root, so as root it
# runs as the "postgres" user (created by Debian's postgresql package).
#
#   scripts/postgres-local.sh start DIR PORT   # initdb if DIR is empty, start, wait until it accepts connections
#   scripts/postgres-local.sh stop  DIR PORT   # fast shutdown; DIR is kept (rm -rf it to throw it away)
#
# Connection string: Host=127.0.0.1;Port=PORT;Username=postgres;Database=postgres
set -euo pipefail

usage() { echo "usage: $0 start|stop DIR PORT" >&2; exit 2; }
[ $# -eq 3 ] || usage
action=$1 dir=$2 port=$3
[[ $port =~ ^[0-9]+$ ]] && [ "$port" -gt 0 ] && [ "$port" -lt 65535 ] || usage

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
[ -n "$bin" ] && [ -x "$bin/pg_ctl" ] || { echo "PostgreSQL not found: run scripts/install-test-deps.sh" >&2; exit 1; }

as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi

case "$action" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" -eq 0 ] && chown postgres "$dir" && chmod 700 "$dir"
    if [ ! -f "$dir/PG_VERSION" ]; then
      "${as_owner[@]}" "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --no-locale >"$dir.initdb.log" 2>&1 ||
        { cat "$dir.initdb.log" >&2; exit 1; }
    fi
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir" -l "$dir/postgres.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=on" start >/dev/null
    echo "postgres listening on 127.0.0.1:$port (files in $dir)"
    ;;
  stop)
    [ -f "$dir/postmaster.pid" ] || { echo "postgres not running in $dir" >&2; exit 0; }
    "${as_owner[@]}" "$bin/pg_ctl" -D "$dir" -m fast -w -t 60 stop >/dev/null
    echo "postgres stopped ($dir)"
    ;;
  *) usage ;;
esac
