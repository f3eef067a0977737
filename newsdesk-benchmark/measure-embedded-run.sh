#!/usr/bin/env bash
# Measures an embedded run as a user meets it, on a fresh data folder: from launch to the ready
# line, a load of residents and moderators (the load generator), a crash (kill -9) with all those
# records in the store, the restart on that data to the ready line, and Ctrl-C (SIGTERM) to exit.
#   newsdesk-benchmark/measure-embedded-run.sh LAUNCHER_JAR [SECONDS] [CLIENTS]
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

. "$here/embedded-run.sh"

launch "fresh start"
java -jar "$here/target/newsdesk-benchmark.jar" seconds="$seconds" clients="$clients" moderators=2
kill -9 $pid
wait $pid 2>/dev/null || true
launch "restart after kill -9"
stop=$(date +%s.%N)
kill -TERM $pid
wait $pid || true
pid=""
printf 'stopped after %.1f s\n' "$(echo "$(date +%s.%N) - $stop" | bc)"
rm -rf "$data"
