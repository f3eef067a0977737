#!/usr/bin/env bash
# Measures an embedded run as a user meets it, on a fresh data folder: from launch to the ready
# line, a load of residents and moderators (the load generator), a crash (kill -9) with all those
# records in the store, the restart on that data to the ready line, and Ctrl-C (SIGTERM) to exit.
#   newsdesk-load/measure-embedded-run.sh LAUNCHER_JAR [SECONDS] [CLIENTS]
# Run it for two builds in turn (say main and a branch) and compare the figures as ratios.
set -euo pipefail
jar=${1:?launcher jar}
seconds=${2:-20}
clients=${3:-8}
here=$(cd "$(dirname "$0")" && pwd)
data=$(mktemp -d)
log="$data/launcher.log"
pid=""
trap 'if [ -n "$pid" ]; then kill -9 $pid 2>/dev/null || true; fi' EXIT

# All the load comes from one address: the per-client tip limit would stop it after 20 tips.
launch() {
  : > "$log"
  NEWSDESK_DATA_DIR="$data" NEWSDESK_TIP_RATE_LIMIT=0 java -jar "$jar" >> "$log" 2>&1 &
  pid=$!
  local start
  start=$(date +%s.%N)
  until grep -q "Newsdesk is ready" "$log"; do
    if ! kill -0 $pid 2>/dev/null; then echo "launcher died:"; tail -20 "$log"; exit 1; fi
    sleep 0.2
  done
  printf '%s: ready after %.1f s\n' "$1" "$(echo "$(date +%s.%N) - $start" | bc)"
}

launch "fresh start"
java -jar "$here/target/newsdesk-load.jar" seconds="$seconds" clients="$clients" moderators=2
kill -9 $pid
wait $pid 2>/dev/null || true
launch "restart after kill -9"
stop=$(date +%s.%N)
kill -TERM $pid
wait $pid || true
pid=""
printf 'stopped after %.1f s\n' "$(echo "$(date +%s.%N) - $stop" | bc)"
rm -rf "$data"
