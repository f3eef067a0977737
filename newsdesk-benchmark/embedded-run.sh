# Shared by the measurement scripts (source it): starts and stops an embedded run of the launcher
# jar in $jar on the data folder in $data, its output in $log, and times the start (in $ready, s).

# As the README starts it. All the load comes from one address: the per-client tip limit would stop it after 20 tips.
launch() {
  : > "$log"
  NEWSDESK_DATA_DIR="$data" NEWSDESK_TIP_RATE_LIMIT=0 java -Xmx512m -jar "$jar" >> "$log" 2>&1 &
  pid=$!
  local start
  start=$(date +%s.%N)
  until grep -q "Newsdesk is ready" "$log"; do
    if ! kill -0 $pid 2>/dev/null; then
      cp "$log" /tmp/newsdesk-measured-launcher.log
      echo "launcher died (its log: /tmp/newsdesk-measured-launcher.log):"; tail -20 "$log"; exit 1
    fi
    sleep 0.2
  done
  ready=$(printf '%.1f' "$(echo "$(date +%s.%N) - $start" | bc)")
  printf '%s: ready after %s s\n' "$1" "$ready"
}

# Ctrl-C, as a person stops it.
stop() {
  kill -TERM $pid
  wait $pid || true
  pid=""
}
