#!/usr/bin/env bash
# Installs what the tests need beyond the .NET SDK, from Debian's packages, only where missing:
#   mosquitto_pub (mosquitto-clients): a second, independent MQTT client for the end-to-end tests;
#   influxd (influxdb): the real InfluxDB 1.x server the history tests write to (started by the tests themselves,
#   on 127.0.0.1 and a free port, with a temporary data folder; the package's own service is not used);
#   /usr/bin/chromium (chromium): the browser the Playwright tests drive (tests/Emergency.Browser.Tests); Playwright
#   never downloads a browser of its own here.
# Needs root (or sudo). Safe to run again.
set -euo pipefail

need=()
command -v mosquitto_pub >/dev/null 2>&1 || need+=(mosquitto-clients)
command -v influxd >/dev/null 2>&1 || need+=(influxdb)
[ -x /usr/bin/chromium ] || need+=(chromium)

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
