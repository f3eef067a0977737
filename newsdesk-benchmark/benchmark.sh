#!/usr/bin/env bash
# The benchmark: an embedded run of LAUNCHER_JAR measured on a fresh store, then seeded with an
# archive of RECORDS copies of each kind of record and restarted on it, measured again; each size
# beside its baselines in the same run. Writes newsdesk-benchmark/target/benchmark-report.md.
#   newsdesk-benchmark/benchmark.sh [LAUNCHER_JAR] [setting=value ...]
# Settings (seconds=5, ingestRates=50,150, readRates=100,300, ...) go to every size's run;
# RECORDS=100000 in the environment sets the archive's size, RECORDS=0 measures the fresh store only.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=$here/../newsdesk-launcher/target/newsdesk-exec.jar
# The launcher's jar first if given; everything else is a setting (name=value).
if [ $# -gt 0 ] && [[ "$1" == *.jar ]]; then
  jar=$1
  shift
fi
records=${RECORDS:-100000}
bench="$here/target/newsdesk-benchmark.jar"
results="$here/target/benchmark/results.tsv"
data=$(mktemp -d)
log="$data/launcher.log"
pid=""
# Whatever happens, the report of what was measured: a restart that fails still leaves the fresh size.
report() {
  if [ -n "$pid" ]; then kill -9 $pid 2>/dev/null || true; fi
  rm -rf "$data"
  java -jar "$bench" report results="$results" out="$here/target/benchmark-report.md" \
    commit="$(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
}
trap report EXIT

. "$here/embedded-run.sh"

mkdir -p "$(dirname "$results")"
: > "$results"
launch "fresh store"
java -jar "$bench" benchmark size="fresh store" pid="$pid" startSeconds="$ready" results="$results" "$@"
if [ "$records" -gt 0 ]; then
  java -jar "$bench" seed-archive records="$records"
  stop
  launch "restart holding $records of each record"
  java -jar "$bench" benchmark size="$records tips and stories" pid="$pid" startSeconds="$ready" \
    results="$results" "$@"
fi
stop
