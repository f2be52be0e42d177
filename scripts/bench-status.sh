#!/usr/bin/env bash
# Status benchmark (issue: 1,000,000 lineages): GET /status?state=overdue p50/p99 and other status queries
# against a gateway holding BENCH_LINEAGES lineages, the gateway's resident memory with and without a heap cap,
# its start-up (the status index load), and the time to recompute states in-process (index load, scans, sweep).
# What it measures and how to read it: benchmarks/README.md ("Status").
#
# Settings (environment):
#   BENCH_LINEAGES=1000000  BENCH_CLIENTS=50000  BENCH_BATCH=10000     (the dataset)
#   BENCH_THREADS=4  BENCH_WARMUP=500  BENCH_REQUESTS=2000            (per HTTP scenario)
#   BENCH_HEAP_OPTS="-Xms256m -Xmx256m"   JVM options of the capped gateway run (the launcher's default)
#   BENCH_UNCAPPED=1             also run the gateway with the JVM's default heap sizing (0: skip)
#   BENCH_SWEEP_UNSETTLED=40000  lineages the timed sweep has to settle (0: skip the sweep)
#   BENCH_ACME_PORT=16543  BENCH_ADMIN_PORT=16544
#   BENCH_DATASET=DIR   use (and keep) DIR/acmegate.mapdb from an earlier run instead of generating one;
#                       generated lineages keep their states for a day (DatasetLineages.MARGIN)
#   BENCH_JFR=1         record the capped gateway run with JFR into the work directory (kept)
#   BENCH_KEEP=1        keep the work directory (logs, dataset)
#   BENCH_SKIP_BUILD=1  use the jars as they are
set -euo pipefail

LINEAGES=${BENCH_LINEAGES:-1000000}
CLIENTS=${BENCH_CLIENTS:-50000}
BATCH=${BENCH_BATCH:-10000}
THREADS=${BENCH_THREADS:-4}
WARMUP=${BENCH_WARMUP:-500}
REQUESTS=${BENCH_REQUESTS:-2000}
HEAP_OPTS=${BENCH_HEAP_OPTS:--Xms256m -Xmx256m}
UNCAPPED=${BENCH_UNCAPPED:-1}
SWEEP_UNSETTLED=${BENCH_SWEEP_UNSETTLED:-40000}
ACME_PORT=${BENCH_ACME_PORT:-16543}
ADMIN_PORT=${BENCH_ADMIN_PORT:-16544}
STARTUP_TIMEOUT=900   # seconds to 'ready' (the index load of a million lineages takes a while)

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GATEWAY_JAR=$REPO/gateway/target/acmegate.jar
BENCH_CP="$REPO/benchmarks/target/acmegate-benchmarks.jar:$REPO/benchmarks/target/lib/*"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-status.XXXXXX")
# shellcheck source=bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"

cleanup() {
    bench_stop_started
    if [ -n "${BENCH_KEEP:-}" ] || [ -n "${BENCH_JFR:-}" ]; then
        echo "kept $WORK"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

die() { echo "bench-status: $*" >&2; exit 1; }

# "VmRSS=.. MiB VmHWM=.. MiB" of process $1.
memory_of() {
    awk '/^VmRSS:/ { rss = $2 } /^VmHWM:/ { hwm = $2 }
         END { printf "rss=%.0fMiB hwm=%.0fMiB", rss / 1024, hwm / 1024 }' "/proc/$1/status"
}

JAVA_HOME=$(find_jdk) || die "$JDK_MISSING"
export JAVA_HOME
JAVA=$JAVA_HOME/bin/java

bench_build_if_stale "$REPO" "$REPO/benchmarks/target/acmegate-benchmarks.jar" "$GATEWAY_JAR"
[ -f "$GATEWAY_JAR" ] || die "missing $GATEWAY_JAR"
for port in "$ACME_PORT" "$ADMIN_PORT"; do
    port_free "$port" || die "port $port is taken (set BENCH_ACME_PORT / BENCH_ADMIN_PORT)"
done

FIGURES=$WORK/figures
: > "$FIGURES"
figure() { echo "$*" | tee -a "$FIGURES"; }

echo "settings: lineages=$LINEAGES clients=$CLIENTS threads=$THREADS warmup=$WARMUP requests=$REQUESTS" \
     "heap-opts=$HEAP_OPTS cores=$(nproc) java=$("$JAVA" -version 2>&1 | head -n 1)"

bench_main() { # CLASS ARGS...: a main of the benchmarks module, in the foreground
    local class=$1
    shift
    "$JAVA" --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" "io.acmegate.benchmarks.$class" "$@"
}

if [ -n "${BENCH_DATASET:-}" ]; then
    DATA=$BENCH_DATASET
    [ -f "$DATA/acmegate.mapdb" ] || die "no $DATA/acmegate.mapdb"
    figure "dataset reused=$DATA store-mib=$(( $(stat -c %s "$DATA/acmegate.mapdb") / 1048576 ))"
else
    DATA=$WORK/data
    mkdir -p "$DATA"
    echo "generating $LINEAGES lineages..."
    bench_main StatusDataset --store "$DATA/acmegate.mapdb" --lineages "$LINEAGES" --clients "$CLIENTS" \
        --batch "$BATCH" | tee "$WORK/dataset.out"
    grep -E '^dataset (lineages|mix)' "$WORK/dataset.out" >> "$FIGURES"
fi
figure "dataset disk-mib=$(du -sm "$DATA" | cut -f1) (store file and its write-ahead log)"

# Starts the gateway on DATA with JVM options $2, drives the status API, records memory; label $1.
run_gateway() {
    local label=$1 opts=$2 log=$WORK/gateway-$1.log started pid ready_ms
    started=$(now_ms)
    # The jar as ./acmegate runs it, but with these JVM options and no build step on the measured start.
    # shellcheck disable=SC2086 # opts is a list of options
    "$JAVA" --enable-native-access=ALL-UNNAMED $opts -jar "$GATEWAY_JAR" serve --data "$DATA" --host 127.0.0.1 \
        --acme-port "$ACME_PORT" --admin-port "$ADMIN_PORT" --acme-dns-port 0 --dns-port 0 --http01-port 0 \
        > "$log" 2>&1 &
    pid=$!
    PIDS+=("$pid")
    await_line "$log" '^ready' "$STARTUP_TIMEOUT" "$pid" \
        || { tail -n 30 "$log" >&2; die "acmegate ($label) did not print 'ready'"; }
    ready_ms=$(( $(now_ms) - started ))
    figure "gateway $label opts=\"$opts\" start-to-ready=$(awk -v m="$ready_ms" 'BEGIN { printf "%.1fs", m / 1000 }')" \
        "$(memory_of "$pid") (at ready)"
    bench_main StatusLoad --admin "http://127.0.0.1:$ADMIN_PORT" --token-file "$DATA/status.token" \
        --lineages "$LINEAGES" --clients "$CLIENTS" --threads "$THREADS" --warmup "$WARMUP" --requests "$REQUESTS" \
        | sed "s/^status /status $label /" | tee "$WORK/load-$label.out"
    grep '^status ' "$WORK/load-$label.out" >> "$FIGURES"
    figure "gateway $label $(memory_of "$pid") (after the load)"
    stop_pid "$pid"
}

jfr_opts=""
if [ -n "${BENCH_JFR:-}" ]; then
    jfr_opts="-XX:StartFlightRecording=filename=$WORK/gateway.jfr,settings=profile,dumponexit=true"
fi
run_gateway capped "$HEAP_OPTS $jfr_opts"
if [ "$UNCAPPED" = 1 ]; then
    run_gateway uncapped ""
fi

echo "recomputing states in-process..."
bench_main StatusRecompute --store "$DATA/acmegate.mapdb" --sweep-unsettled "$SWEEP_UNSETTLED" \
    | tee "$WORK/recompute.out"
grep '^recompute ' "$WORK/recompute.out" | grep -v 'not part of' >> "$FIGURES"

echo
echo "== figures: lineages=$LINEAGES cores=$(nproc) $("$JAVA" -version 2>&1 | head -n 1) =="
cat "$FIGURES"
awk '/^status capped overdue-(first|deep) / {
         for (i = 1; i <= NF; i++) if ($i ~ /^p99=/) { v = substr($i, 5) + 0 }
         printf "goal %s p99 < 50 ms: %s (%.1f ms)\n", $3, v < 50 ? "met" : "missed", v }
     /^gateway capped .*after the load/ {
         for (i = 1; i <= NF; i++) if ($i ~ /^hwm=/) { v = substr($i, 5) + 0 }
         printf "goal RSS < 512 MiB (capped, peak): %s (%d MiB)\n", v < 512 ? "met" : "missed", v }' "$FIGURES"
