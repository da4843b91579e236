#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK, from Debian's packages, only where missing:
#   mosquitto_pub (mosquitto-clients): a second, independent MQTT client for the end-to-end tests;
#   influxd (influxdb): the real InfluxDB 1.x server the history tests write to (started by the tests themselves,
#   on 127.0.0.1 and a free port, with a temporary data folder; the package's own service is not used);
#   /usr/bin/chromium (chromium): the browser the Playwright tests drive (tests/Emergency.Browser.Tests); Playwright
#   never downloads a browser of its own here;
#   PostgreSQL (postgresql), Mosquitto 2 (mosquitto) and Redis (redis-server): what the cluster tests
#   (tests/Emergency.EndToEnd.Tests/Cluster) stand on, each started by the tests on 127.0.0.1 and a free port in a
#   temporary folder (the packages' own services are not used).
# Needs root (or sudo). Safe to run again.
set -euo pipefail

need=()
command -v mosquitto_pub >/dev/null 2>&1 || need+=(mosquitto-clients)
command -v influxd >/dev/null 2>&1 || need+=(influxdb)
[ -x /usr/bin/chromium ] || need+=(chromium)
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || need+=(postgresql)
command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || need+=(mosquitto)
command -v redis-server >/dev/null 2>&1 || need+=(redis-server)

if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); else
    echo "install-test-deps: need root to install: ${need[*]}" >&2; exit 1
  fi
fi

echo "install-test-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
