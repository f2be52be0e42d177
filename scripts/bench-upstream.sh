#!/usr/bin/env bash
# Upstream benchmark (issue 4): certbot's time to certificate through acmegate to Pebble against
# certbot straight to the same Pebble, and the time a certificate takes when the first upstream CA is
# down (connection refused) and acmegate falls back to the second.
# What it measures and how to read it: benchmarks/README.md, "Upstream: certbot through acmegate".
#
# Settings (environment):
#   BENCH_RUNS=7            measured certbot runs per target and mode (the median is reported)
#   BENCH_WARMUP_RUNS=1     unmeasured runs per target and mode first (JIT, Python caches)
#   BENCH_MODES="new-account order-only"
#                           new-account: a fresh certbot --config-dir each run (register + order);
#                           order-only: one account registered beforehand, each run orders new names
#   BENCH_CERTBOT_TIMEOUT=120  seconds one certbot run may take
#   BENCH_GATEWAY_JAVA_OPTS=""  JVM options for the gateway
#   BENCH_SKIP_BUILD=1      use gateway/target/acmegate.jar as it is
#   BENCH_KEEP=1            keep the temporary directory (all logs) and print its path
set -euo pipefail

RUNS=${BENCH_RUNS:-7}
WARMUP_RUNS=${BENCH_WARMUP_RUNS:-1}
MODES=${BENCH_MODES:-new-account order-only}
CERTBOT_TIMEOUT=${BENCH_CERTBOT_TIMEOUT:-120}
GATEWAY_JAVA_OPTS=${BENCH_GATEWAY_JAVA_OPTS:-}
GOAL_RATIO=1.1

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GATEWAY_JAR=$REPO/gateway/target/acmegate.jar

WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-upstream.XXXXXX")
# shellcheck source=bench-lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/bench-lib.sh"
TAKEN_PORTS=" "

cleanup() {
    bench_stop_started
    if [ -n "${BENCH_KEEP:-}" ]; then
        echo "kept $WORK (logs of Pebbles, gateway, certbot)"
    else
        rm -rf "$WORK"
    fi
}
trap cleanup EXIT

die() { echo "bench-upstream: $*" >&2; exit 1; }


# A loopback TCP port nothing listens on, from the kernel's ephemeral range, never handed out twice.
free_port() {
    local port
    while :; do
        port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
        case $TAKEN_PORTS in *" $port "*) continue ;; esac
        TAKEN_PORTS="$TAKEN_PORTS$port "
        echo "$port"
        return
    done
}



# Median of the numbers given as arguments (mean of the middle two for an even count).
median() {
    printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END {
        if (NR == 0) { print "n/a"; exit }
        if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

seconds() { awk -v ms="$1" 'BEGIN { if (ms == "n/a") print "n/a"; else printf "%.2f s", ms / 1000 }'; }

# ---- Pebble ---------------------------------------------------------------------------------------

# Writes Pebble NAME's TLS certificate (from a throwaway EC CA, $WORK/NAME/ca.pem) and configuration,
# and sets NAME_PORT / NAME_MGMT. Pebble ships neither (as in bench-issuance.sh).
configure_pebble() {
    local name=$1 dir=$WORK/$1
    local port mgmt
    port=$(free_port)
    mgmt=$(free_port)
    # httpPort/tlsPort are where Pebble's VA would connect; with PEBBLE_VA_ALWAYS_VALID it never does.
    pebble_config "$dir" "bench-upstream $name" "$port" "$mgmt" "$(free_port)" "$(free_port)"
    printf -v "${name//-/_}_PORT" '%s' "$port"
    printf -v "${name//-/_}_MGMT" '%s' "$mgmt"
}

# Starts Pebble NAME (configured before), waits until it listens; its pid goes to NAME_PID. The same
# settings for direct and upstream use (pebble_start).
start_pebble() {
    pebble_start "$WORK/$1"
    printf -v "${1//-/_}_PID" '%s' "$PEBBLE_PID"
}

stop_pebble() {
    local pid_var="${1//-/_}_PID"
    stop_pid "${!pid_var}"
}

# Subject of the intermediate Pebble NAME signs leaves with (new at each Pebble start).
pebble_issuer() {
    local name=$1 mgmt_var="${1//-/_}_MGMT"
    curl -fsS --cacert "$WORK/$name/ca.pem" "https://127.0.0.1:${!mgmt_var}/intermediates/0" \
        | openssl x509 -noout -subject -nameopt RFC2253 | sed 's/^subject=//'
}

# ---- certbot --------------------------------------------------------------------------------------

# Runs certbot with state under HOME against SERVER trusting TRUST; the rest are certbot arguments.
certbot_in() {
    local home=$1 server=$2 trust=$3
    shift 3
    # python-requests reads REQUESTS_CA_BUNDLE, then CURL_CA_BUNDLE; set both.
    REQUESTS_CA_BUNDLE=$trust CURL_CA_BUNDLE=$trust timeout "$CERTBOT_TIMEOUT" certbot "$@" \
        --non-interactive --agree-tos --register-unsafely-without-email --server "$server" \
        --config-dir "$home/config" --work-dir "$home/work" --logs-dir "$home/logs" \
        > "$home/certbot.out" 2>&1
}

# One timed `certbot certonly` for a new name. Prints its milliseconds, the name and when certbot sent
# finalize (epoch milliseconds, or "none"); fails when certbot fails or the
# leaf is not signed by the expected issuer. Arguments: sequence-number label mode server trust issuer.
# (It runs in a subshell: everything it must not repeat comes from its arguments.)
timed_certonly() {
    local seq=$1 label=$2 mode=$3 server=$4 trust=$5 issuer=$6 home name start end leaf_issuer finalize_at
    name="r$seq-$RANDOM.$label.bench-upstream.test"
    if [ "$mode" = new-account ]; then
        home=$WORK/certbot/$label-$seq
        mkdir -p "$home"
    else
        home=$WORK/certbot/$label-account   # registered by register_account
    fi
    start=$(now_ms)
    if ! certbot_in "$home" "$server" "$trust" certonly --standalone --http-01-address 127.0.0.1 \
            --http-01-port "$(free_port)" --cert-name "$name" -d "$name"; then
        echo "bench-upstream: $label $mode: certbot failed for $name:" >&2
        tail -n 20 "$home/certbot.out" >&2
        grep -E 'urn:ietf:params:acme:error|"detail"' "$home/logs/letsencrypt.log" 2>/dev/null | tail -n 5 >&2 || true
        return 1
    fi
    end=$(now_ms)
    leaf_issuer=$(openssl x509 -in "$home/config/live/$name/cert.pem" -noout -issuer -nameopt RFC2253 \
        | sed 's/^issuer=//')
    if [ "$leaf_issuer" != "$issuer" ]; then
        echo "bench-upstream: $label $mode: $name was issued by '$leaf_issuer', expected '$issuer'" >&2
        return 1
    fi
    # When certbot sent its finalize request (certbot logs local time, with a decimal comma).
    finalize_at=$(sed -n 's/^\([0-9-]* [0-9:]*\),\([0-9]*\):DEBUG:acme.client:Sending POST request to .*\/finalize.*/\1.\2/p' \
        "$home/logs/letsencrypt.log" | tail -n 1)
    finalize_at=$( [ -n "$finalize_at" ] && date -d "$finalize_at" +%s%3N || echo none)
    echo "$(( end - start )) $name $finalize_at"
}

register_account() {
    local label=$1 server=$2 trust=$3 home=$WORK/certbot/$1-account
    mkdir -p "$home"
    certbot_in "$home" "$server" "$trust" register \
        || { cat "$home/certbot.out" >&2; die "$label: certbot register failed"; }
}

# ---- the runs -------------------------------------------------------------------------------------

RUN_SEQ=0
declare -A TIMES       # "label mode" -> space-separated milliseconds of the measured runs
declare -A FINALIZED   # "label mode" -> space-separated NAME=epoch-ms when certbot sent finalize

# Runs WARMUP_RUNS unmeasured then RUNS measured certonly for each target, interleaved run by run so
# that drift in the machine's load touches every target alike. Arguments: mode, then triples of
# label server trust, with issuer variables named ISSUER_<label>.
measure() {
    local mode=$1 i t ms name finalize_at result label server trust issuer_var
    shift
    local targets=("$@")
    if [ "$mode" = order-only ]; then
        for (( t = 0; t < ${#targets[@]}; t += 3 )); do
            [ -d "$WORK/certbot/${targets[t]}-account" ] \
                || register_account "${targets[t]}" "${targets[t + 1]}" "${targets[t + 2]}"
        done
    fi
    for (( i = 1 - WARMUP_RUNS; i <= RUNS; i++ )); do
        for (( t = 0; t < ${#targets[@]}; t += 3 )); do
            label=${targets[t]} server=${targets[t + 1]} trust=${targets[t + 2]}
            issuer_var="ISSUER_${label//-/_}"
            RUN_SEQ=$(( RUN_SEQ + 1 ))
            result=$(timed_certonly "$RUN_SEQ" "$label" "$mode" "$server" "$trust" "${!issuer_var}") \
                || die "$label $mode run $i failed"
            read -r ms name finalize_at <<< "$result"
            if (( i >= 1 )); then
                TIMES["$label $mode"]+="$ms "
                FINALIZED["$label $mode"]+="$name=$finalize_at "
                echo "  $mode run $i/$RUNS $label: $(seconds "$ms")"
            else
                echo "  $mode warm-up $label: $(seconds "$ms")"
            fi
        done
    done
}

report_line() {   # label mode
    local times=${TIMES["$1 $2"]:-}
    # shellcheck disable=SC2086 # a list of numbers
    printf '%-28s %-12s median=%-9s runs(ms)=%s\n' "$1" "$2" "$(seconds "$(median $times)")" "$times"
}

ratio() {   # numerator-label denominator-label mode
    local a b
    # shellcheck disable=SC2086 # lists of numbers
    a=$(median ${TIMES["$1 $3"]:-})
    # shellcheck disable=SC2086
    b=$(median ${TIMES["$2 $3"]:-})
    awk -v a="$a" -v b="$b" 'BEGIN { if (a == "n/a" || b == "n/a" || b == 0) print "n/a"; else printf "%.2f", a / b }'
}

# acmegate's audit trail (every upstream attempt and issuance, with its time) into $WORK/audit.txt.
read_audit() {
    "$JAVA" -jar "$GATEWAY_JAR" audit --data "$WORK/gateway/data" --limit 100000 > "$WORK/audit.txt" 2>&1 && return 0
    # The store may be held by the running gateway: read it once the gateway has stopped.
    kill "$GATEWAY_PID" 2>/dev/null || true
    wait "$GATEWAY_PID" 2>/dev/null || true
    "$JAVA" -jar "$GATEWAY_JAR" audit --data "$WORK/gateway/data" --limit 100000 > "$WORK/audit.txt" 2>&1
}

# The upstream leg of each measured run of label/mode: from certbot sending finalize to acmegate
# recording the certificate as issued by an upstream (audit). Prints the milliseconds, space-separated.
upstream_legs() {
    local entry name finalize_at issued_at legs=""
    for entry in ${FINALIZED["$1 $2"]:-}; do
        name=${entry%%=*}
        finalize_at=${entry#*=}
        issued_at=$(grep -iF "[\"$name\"]" "$WORK/audit.txt" | awk '$2 == "issued" && $3 == "issued" { print $1; exit }')
        [ -n "$issued_at" ] && [ "$finalize_at" != none ] || continue
        legs+="$(( $(date -d "$issued_at" +%s%3N) - finalize_at )) "
    done
    echo "$legs"
}

# How many of label/mode's measured orders acmegate tried at pebble-a (and saw fail) before another CA.
failed_a_attempts() {
    local entry count=0
    for entry in ${FINALIZED["$1 $2"]:-}; do
        grep -iF "[\"${entry%%=*}\"]" "$WORK/audit.txt" \
            | awk '$2 == "upstream-attempt" && $3 == "failed" && $4 == "pebble-a"' | grep -q . && count=$(( count + 1 ))
    done
    echo "$count"
}

# ---- main -----------------------------------------------------------------------------------------

for tool in pebble certbot openssl curl python3 timeout; do
    command -v "$tool" > /dev/null || die "$tool is not installed"
done
JAVA_HOME=$(find_jdk) || die "$JDK_MISSING"
export JAVA_HOME
JAVA=$JAVA_HOME/bin/java
bench_build_if_stale "$REPO" "$GATEWAY_JAR"
[ -f "$GATEWAY_JAR" ] || die "missing $GATEWAY_JAR"

configure_pebble pebble-a
configure_pebble pebble-b
start_pebble pebble-a
start_pebble pebble-b

# Both Pebbles as upstream accounts, A first. http-01 through acmegate's responder (never contacted:
# Pebble always validates). The circuit breaker never opens (failures-before-cooldown far above the
# number of orders), so that every order while A is down tries A first and pays for the fallback.
cat > "$WORK/upstreams.yaml" <<EOF
upstreams:
  - name: pebble-a
    directory: https://127.0.0.1:$pebble_a_PORT/dir
    trust: $WORK/pebble-a/ca.pem
    challenges: [http-01]
    timeout: PT60S
  - name: pebble-b
    directory: https://127.0.0.1:$pebble_b_PORT/dir
    trust: $WORK/pebble-b/ca.pem
    challenges: [http-01]
    timeout: PT60S
routing:
  default: [pebble-a, pebble-b]
fallback:
  failures-before-cooldown: 1000000
  cooldown: PT1S
EOF

mkdir -p "$WORK/gateway/data"
ACMEGATE_SECRET_KEY=$("$JAVA" -jar "$GATEWAY_JAR" secret-key) || die "acmegate secret-key failed"
# shellcheck disable=SC2086 # GATEWAY_JAVA_OPTS is a list of options
ACMEGATE_SECRET_KEY=$ACMEGATE_SECRET_KEY "$JAVA" $GATEWAY_JAVA_OPTS -jar "$GATEWAY_JAR" serve \
    --data "$WORK/gateway/data" --host 127.0.0.1 --acme-port "$(free_port)" --admin-port 0 \
    --acme-dns-port 0 --dns-port 0 --http01-port 0 --config "$WORK/upstreams.yaml" \
    > "$WORK/gateway/gateway.log" 2>&1 &
GATEWAY_PID=$!
PIDS+=("$GATEWAY_PID")
await_line "$WORK/gateway/gateway.log" '^ready' 60 "$GATEWAY_PID" \
    || { tail -n 30 "$WORK/gateway/gateway.log" >&2; die "acmegate did not print 'ready'"; }
GATEWAY_DIRECTORY=$(sed -n 's/^acme-directory: *//p' "$WORK/gateway/gateway.log" | head -n 1)
GATEWAY_ROOT=$(sed -n 's/^root-certificate: *//p' "$WORK/gateway/gateway.log" | head -n 1)
[ -n "$GATEWAY_DIRECTORY" ] && [ -f "$GATEWAY_ROOT" ] \
    || { cat "$WORK/gateway/gateway.log" >&2; die "no acme-directory / root-certificate lines from acmegate"; }

ISSUER_direct=$(pebble_issuer pebble-a)
ISSUER_via_acmegate=$ISSUER_direct
ISSUER_via_acmegate_A_down=$(pebble_issuer pebble-b)
[ -n "$ISSUER_direct" ] && [ -n "$ISSUER_via_acmegate_A_down" ] || die "cannot read the Pebbles' intermediates"

echo "settings: runs=$RUNS warm-up=$WARMUP_RUNS modes=\"$MODES\" cores=$(nproc)" \
     "certbot=$(certbot --version 2>&1 | awk '{ print $2 }') java=$("$JAVA" -version 2>&1 | head -n 1)"
echo "pebble (both A and B, direct and upstream alike): PEBBLE_VA_ALWAYS_VALID=1 PEBBLE_VA_NOSLEEP=1" \
     "PEBBLE_WFE_NONCEREJECT=0"

echo "1. certbot -> Pebble A directly vs certbot -> acmegate -> Pebble A (B up, unused)"
for mode in $MODES; do
    measure "$mode" \
        direct "https://127.0.0.1:$pebble_a_PORT/dir" "$WORK/pebble-a/ca.pem" \
        via-acmegate "$GATEWAY_DIRECTORY" "$GATEWAY_ROOT"
done

echo "2. failover: Pebble A stopped (connection refused), acmegate falls back to Pebble B"
stop_pebble pebble-a
for mode in $MODES; do
    measure "$mode" via-acmegate-A-down "$GATEWAY_DIRECTORY" "$GATEWAY_ROOT"
done

echo
echo "results (time from certbot start to certificate on disk, median of $RUNS):"
for mode in $MODES; do
    report_line direct "$mode"
    report_line via-acmegate "$mode"
    report_line via-acmegate-A-down "$mode"
done
for mode in $MODES; do
    r=$(ratio via-acmegate direct "$mode")
    verdict=$(awk -v r="$r" -v g="$GOAL_RATIO" 'BEGIN { if (r == "n/a") print "n/a"; else print (r <= g ? "met" : "NOT met") }')
    echo "ratio via-acmegate/direct $mode=$r (goal <= $GOAL_RATIO: $verdict)"
done
read_audit || { cat "$WORK/audit.txt" >&2; die "acmegate audit failed"; }
echo "acmegate's upstream leg (certbot's finalize sent -> certificate from the upstream, per acmegate's audit), median:"
for mode in $MODES; do
    for label in via-acmegate via-acmegate-A-down; do
        legs=$(upstream_legs "$label" "$mode")
        # shellcheck disable=SC2086 # a list of numbers
        printf '%-28s %-12s median=%-9s runs(ms)=%s\n' "$label" "$mode" "$(seconds "$(median $legs)")" "$legs"
    done
done
for mode in $MODES; do
    # shellcheck disable=SC2086 # lists of numbers
    echo "failover $mode: orders that tried pebble-a first and fell back:" \
         "$(failed_a_attempts via-acmegate-A-down "$mode")/$RUNS"
    # shellcheck disable=SC2086 # lists of numbers
    echo "failover $mode: A down $(seconds "$(median ${TIMES["via-acmegate-A-down $mode"]:-})")" \
         "vs A up $(seconds "$(median ${TIMES["via-acmegate $mode"]:-})")" \
         "(ratio $(ratio via-acmegate-A-down via-acmegate "$mode"))"
done
