#!/usr/bin/env bash
# Measures an embedded run at two sizes, as readers and moderators meet it: on a fresh store, then
# holding an archive of RECORDS copies of each kind of record (tips, queue entries, stories,
# receipts: newsdesk-benchmark.jar seed-archive), restarted on it. Reports the time to the ready line and
# the median and worst of 20 calls to the pages whose cost could grow with the archive.
#   newsdesk-benchmark/measure-archive.sh LAUNCHER_JAR [RECORDS]
# Run it for two builds in turn and compare the figures as ratios.
set -euo pipefail
jar=${1:?launcher jar}
records=${2:-100000}
here=$(cd "$(dirname "$0")" && pwd)
load="$here/target/newsdesk-benchmark.jar"
data=$(mktemp -d)
log="$data/launcher.log"
pid=""
trap 'if [ -n "$pid" ]; then kill -9 $pid 2>/dev/null || true; fi; rm -rf "$data"' EXIT

. "$here/embedded-run.sh"

# The median and the worst of 20 calls, after 3 to warm up.
time_calls() {
  local name=$1 url=$2
  shift 2
  for _ in 1 2 3; do curl -s -o /dev/null "$@" "$url"; done
  for _ in $(seq 20); do curl -s -o /dev/null -w '%{time_total}\n' "$@" "$url"; done \
    | sort -n | awk -v name="$name" '{t[NR]=$1} END {printf "  %-28s p50 %6.1f ms  max %6.1f ms\n", name, t[int((NR+1)/2)]*1000, t[NR]*1000}'
}

pages() {
  time_calls "reader front page" http://127.0.0.1:8083/
  time_calls "stories API, first page" "http://127.0.0.1:8083/api/stories?limit=20"
  time_calls "reader search" "http://127.0.0.1:8083/search?q=tip"
  time_calls "Atom feed" http://127.0.0.1:8083/feed.atom
  time_calls "moderation queue API" "http://127.0.0.1:8082/api/queue?limit=20" -u moderator:moderator
}

launch "fresh store"
java -jar "$load" seconds=5 clients=2 moderators=1 > /dev/null
# The copies are cloned from the newest record of each kind: wait for the first story.
for _ in $(seq 120); do
  curl -s "http://127.0.0.1:8083/api/stories?limit=1" | grep -q '"slug"' && break
  sleep 0.5
done
echo "fresh store:"
pages
java -jar "$load" seed-archive records="$records"
stop
launch "restart holding $records of each record"
echo "holding $records of each record:"
pages
stop
