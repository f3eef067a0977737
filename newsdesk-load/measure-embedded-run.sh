#!/usr/bin/env bash
# Measures an embedded run as a user meets it: from launch to the ready line, a load of residents
# and moderators (the load generator), and from Ctrl-C (SIGTERM) to exit, on a fresh data folder.
#   newsdesk-load/measure-embedded-run.sh LAUNCHER_JAR [SECONDS] [CLIENTS]
# Run it for two builds in turn (say main and a branch) and compare the figures as ratios.
set -euo pipefail
jar=${1:?launcher jar}
seconds=${2:-20}
clients=${3:-8}
here=$(cd "$(dirname "$0")" && pwd)
data=$(mktemp -d)
log="$data/launcher.log"
start=$(date +%s.%N)
NEWSDESK_DATA_DIR="$data" java -jar "$jar" > "$log" 2>&1 &
pid=$!
trap 'kill -9 $pid 2>/dev/null || true' EXIT
until grep -q "Newsdesk is ready" "$log"; do
  if ! kill -0 $pid 2>/dev/null; then echo "launcher died:"; tail -20 "$log"; exit 1; fi
  sleep 0.2
done
ready=$(date +%s.%N)
printf 'ready after %.1f s\n' "$(echo "$ready - $start" | bc)"
java -jar "$here/target/newsdesk-load.jar" seconds="$seconds" clients="$clients" moderators=2
stop=$(date +%s.%N)
kill -TERM $pid
wait $pid || true
stopped=$(date +%s.%N)
printf 'stopped after %.1f s\n' "$(echo "$stopped - $stop" | bc)"
rm -rf "$data"
