#!/usr/bin/env bash
# Benchmark (not a test): queries/s of dns-responder against Knot DNS, both pinned to one core and serving
# the same NAMES TXT records, measured with dnsperf over loopback UDP. Prints both figures and the ratio
# (goal: dns-responder >= 70 % of Knot).
#
#   scripts/bench-dns.sh                  # defaults below
#   NAMES=10000 ROUNDS=5 DURATION=8 scripts/bench-dns.sh
#
# Needs dnsperf and knotd (Debian packages dnsperf, knot; installed with apt-get when run as root), taskset,
# Maven and a JDK >= 21. Everything binds 127.0.0.1 only; every process started here is stopped on exit.
set -euo pipefail

NAMES=${NAMES:-10000}          # TXT names published on both servers
DURATION=${DURATION:-8}        # seconds per measured round, per server
ROUNDS=${ROUNDS:-5}            # alternating rounds; the figures are medians
WARMUP=${WARMUP:-30}           # seconds of load before measuring (JIT; Knot gets the same)
SERVER_CORE=${SERVER_CORE:-1}  # the one core each server runs on, one after the other
LOAD_CORE=${LOAD_CORE:-0}      # dnsperf runs here
CLIENTS=${CLIENTS:-8}          # dnsperf -c
OUTSTANDING=${OUTSTANDING:-200} # dnsperf -q
IO_THREADS=${IO_THREADS:-1}    # dns-responder network threads
APEX=bench.acme.test           # must match io.acmegate.dns.bench.StandaloneResponder.APEX

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WORK=$(mktemp -d -t bench-dns.XXXXXX)
# shellcheck source=bench-lib.sh
source "$ROOT/scripts/bench-lib.sh"

cleanup() {
  bench_stop_started
  rm -rf "$WORK"
}
trap cleanup EXIT

log() { echo "bench-dns: $*" >&2; }
die() { log "$*"; exit 1; }

ensure_tools() {
  local missing=()
  command -v dnsperf >/dev/null 2>&1 || missing+=(dnsperf)
  command -v knotd >/dev/null 2>&1 || [[ -x /usr/sbin/knotd ]] || missing+=(knot)
  command -v dig >/dev/null 2>&1 || missing+=(bind9-dnsutils)
  command -v taskset >/dev/null 2>&1 || missing+=(util-linux)
  ((${#missing[@]} == 0)) && return
  if [[ $(id -u) -ne 0 ]]; then
    log "missing ${missing[*]}: run as root or apt-get install ${missing[*]}"
    exit 1
  fi
  log "installing ${missing[*]}"
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" >/dev/null
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# The value StandaloneResponder publishes for name i: i, "-", then "k" up to 43 characters.
value_of() {
  local digits=$1
  printf '%s-%s' "$digits" "$(printf 'k%.0s' $(seq 1 $((42 - ${#digits}))))"
}

wait_for_answer() {
  local port=$1 name=$2 i
  for i in $(seq 1 100); do
    if dig +norec +time=1 +tries=1 -p "$port" @127.0.0.1 "$name" TXT 2>/dev/null | grep -q 'status: NOERROR'; then
      return 0
    fi
    sleep 0.2
  done
  log "server on port $port never answered $name"
  exit 1
}

# Runs dnsperf against port $1 for $2 seconds; prints queries per second.
run_dnsperf() {
  local port=$1 seconds=$2 out
  out=$(taskset -c "$LOAD_CORE" dnsperf -s 127.0.0.1 -p "$port" -d "$WORK/queries.txt" -l "$seconds" \
    -c "$CLIENTS" -q "$OUTSTANDING" -t 2 2>&1)
  echo "$out" | sed 's/^/    /' >&2
  echo "$out" | awk '/Queries per second:/ {print $4}'
}

ensure_tools
JAVA_HOME=$(find_jdk) || die "$JDK_MISSING"
JAVA=$JAVA_HOME/bin/java
log "java: $JAVA; cores: $(nproc); server core $SERVER_CORE, dnsperf core $LOAD_CORE"

log "building dns-responder (test classes hold the standalone main)"
(cd "$ROOT" && mvn -B -ntp -q -pl dns-responder test-compile dependency:build-classpath \
  -Dmdep.outputFile="$WORK/classpath.txt" >"$WORK/build.log" 2>&1) || { cat "$WORK/build.log" >&2; exit 1; }
CLASSPATH_JAVA="$ROOT/dns-responder/target/classes:$ROOT/dns-responder/target/test-classes:$(cat "$WORK/classpath.txt")"

log "generating $NAMES names, the query file and Knot's zone"
awk -v n="$NAMES" -v apex="$APEX" 'BEGIN { srand(7); for (i = 0; i < n; i++) { j = int(rand() * n); printf "n%d.%s TXT\n", j, apex } }' \
  > "$WORK/queries.txt"
{
  echo "\$ORIGIN $APEX."
  echo "\$TTL 3600"
  echo "@ IN SOA ns1.$APEX. hostmaster.$APEX. 1 3600 600 86400 60"
  echo "@ IN NS ns1.$APEX."
  echo "ns1 IN A 127.0.0.1"
  awk -v n="$NAMES" 'BEGIN { for (i = 0; i < n; i++) { d = i ""; v = d "-"; for (k = 0; k < 42 - length(d); k++) v = v "k"; printf "n%d 60 IN TXT \"%s\"\n", i, v } }'
} > "$WORK/$APEX.zone"
# Same value as StandaloneResponder.value: check one name in both.
[ "$NAMES" -ge 1 ] || die "NAMES must be at least 1"
PROBE=$(( NAMES / 2 ))   # a published name both servers must answer alike before the load
expected_value=$(value_of "$PROBE")

# --- start both servers on the same core -----------------------------------------------------------------------
JPORT=$(free_port)
taskset -c "$SERVER_CORE" "$JAVA" -Xms512m -Xmx512m -XX:+UseParallelGC -XX:+AlwaysPreTouch \
  -cp "$CLASSPATH_JAVA" io.acmegate.dns.bench.StandaloneResponder "$JPORT" "$NAMES" "$IO_THREADS" \
  > "$WORK/java.log" 2>&1 &
PIDS+=($!)

KPORT=$(free_port)
mkdir -p "$WORK/knot"
cat > "$WORK/knot.conf" <<CONF
server:
    rundir: "$WORK/knot"
    listen: 127.0.0.1@$KPORT
    udp-workers: 1
    tcp-workers: 1
    background-workers: 1
log:
  - target: stderr
    any: warning
database:
    storage: "$WORK/knot"
control:
    listen: "$WORK/knot/knot.sock"
template:
  - id: default
    storage: "$WORK"
    file: "%s.zone"
    zonefile-sync: -1
    journal-content: none
zone:
  - domain: $APEX
CONF
taskset -c "$SERVER_CORE" knotd -c "$WORK/knot.conf" > "$WORK/knot.log" 2>&1 &
PIDS+=($!)

for port in "$JPORT" "$KPORT"; do
  wait_for_answer "$port" "n$PROBE.$APEX"
  got=$(dig +norec +short +time=1 +tries=1 -p "$port" @127.0.0.1 "n$PROBE.$APEX" TXT | tr -d '"')
  [[ $got == "$expected_value" ]] || { log "port $port serves '$got', expected '$expected_value'"; exit 1; }
done
log "dns-responder on 127.0.0.1:$JPORT, knotd $(knotd --version | awk '{print $NF}') on 127.0.0.1:$KPORT"

# The machine may be shared: measure in alternating rounds so that background load hits both alike, and
# compare medians.
log "warm-up ${WARMUP}s each"
run_dnsperf "$JPORT" "$WARMUP" >/dev/null
run_dnsperf "$KPORT" "$WARMUP" >/dev/null
JAVA_RUNS=()
KNOT_RUNS=()
for round in $(seq 1 "$ROUNDS"); do
  log "round $round/$ROUNDS: dns-responder ${DURATION}s"
  JAVA_RUNS+=("$(run_dnsperf "$JPORT" "$DURATION")")
  log "round $round/$ROUNDS: knot ${DURATION}s"
  KNOT_RUNS+=("$(run_dnsperf "$KPORT" "$DURATION")")
done
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
JAVA_QPS=$(median "${JAVA_RUNS[@]}")
KNOT_QPS=$(median "${KNOT_RUNS[@]}")

echo
echo "names=$NAMES rounds=$ROUNDS x ${DURATION}s clients=$CLIENTS outstanding=$OUTSTANDING server-core=$SERVER_CORE dnsperf-core=$LOAD_CORE"
echo "load average before the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
printf 'dns-responder  %12.0f queries/s (median; rounds: %s)\n' "$JAVA_QPS" "$(printf '%.0f ' "${JAVA_RUNS[@]}")"
printf 'knot           %12.0f queries/s (median; rounds: %s)\n' "$KNOT_QPS" "$(printf '%.0f ' "${KNOT_RUNS[@]}")"
awk -v j="$JAVA_QPS" -v k="$KNOT_QPS" 'BEGIN { printf "ratio          %11.1f %% of knot (goal >= 70 %%)\n", 100 * j / k }'
