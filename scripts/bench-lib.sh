# Shared by the scripts/bench-*.sh (sourced, not run). Callers define die().

# shellcheck source=jdk.sh
source "$(dirname "${BASH_SOURCE[0]}")/jdk.sh"

# Processes a benchmark started; bench_stop_started stops them all (call it from the EXIT trap).
PIDS=()

bench_stop_started() {
    local pid
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
}

# Builds the project (mvn package, tests skipped) unless BENCH_SKIP_BUILD is set, when one of the jars $2... is
# missing or a source or pom under the repository $1 is newer than the first of them.
bench_build_if_stale() {
    local repo=$1 jar stale=""
    shift
    [ -z "${BENCH_SKIP_BUILD:-}" ] || return 0
    for jar in "$@"; do
        [ -f "$jar" ] || stale=yes
    done
    if [ -z "$stale" ] && [ -n "$(find "$repo" -path "$repo/*/target" -prune -o \
            \( -name '*.java' -o -name pom.xml \) -newer "$1" -print -quit)" ]; then
        stale=yes
    fi
    if [ -n "$stale" ]; then
        echo "building (mvn package)..."
        (cd "$repo" && mvn -B -ntp -q -DskipTests package) || die "build failed"
    fi
}

# Whether nothing listens on TCP port $1.
port_free() { ! ss -Hltn "sport = :$1" | grep -q .; }

# Milliseconds since the epoch.
now_ms() { date +%s%3N; }

# Waits up to $3 seconds for a line matching regex $2 in file $1 while process $4 lives.
await_line() {
    local file=$1 pattern=$2 seconds=$3 pid=$4 i
    for (( i = 0; i < seconds * 10; i++ )); do
        grep -qE "$pattern" "$file" 2>/dev/null && return 0
        kill -0 "$pid" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# Writes a Pebble configuration into DIR (Pebble ships none): a throwaway EC CA (DIR/ca.pem, the trust
# for Pebble's TLS), a leaf for 127.0.0.1 and localhost, and DIR/pebble.json listening on the given ports.
# Usage: pebble_config DIR LABEL PORT MGMT_PORT HTTP_PORT TLS_PORT
pebble_config() {
    local dir=$1 label=$2 port=$3 mgmt=$4 http=$5 tls=$6
    mkdir -p "$dir"
    openssl ecparam -name prime256v1 -genkey -noout -out "$dir/ca.key" 2>/dev/null
    openssl req -x509 -new -key "$dir/ca.key" -subj "/CN=$label Pebble TLS CA" -days 2 \
        -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -out "$dir/ca.pem" 2>/dev/null
    openssl ecparam -name prime256v1 -genkey -noout -out "$dir/tls.key" 2>/dev/null
    openssl req -new -key "$dir/tls.key" -subj "/CN=localhost" -out "$dir/tls.csr" 2>/dev/null
    printf '%s\n' "subjectAltName=IP:127.0.0.1,DNS:localhost" "basicConstraints=critical,CA:FALSE" \
        "keyUsage=critical,digitalSignature" "extendedKeyUsage=serverAuth" > "$dir/tls.ext"
    openssl x509 -req -in "$dir/tls.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" -CAcreateserial -days 2 \
        -extfile "$dir/tls.ext" -out "$dir/tls.pem" 2>/dev/null
    cat > "$dir/pebble.json" <<EOF
{
  "pebble": {
    "listenAddress": "127.0.0.1:$port",
    "managementListenAddress": "127.0.0.1:$mgmt",
    "certificate": "$dir/tls.pem",
    "privateKey": "$dir/tls.key",
    "httpPort": $http,
    "tlsPort": $tls,
    "ocspResponderURL": "",
    "externalAccountBindingRequired": false
  }
}
EOF
}

# Starts Pebble with the configuration pebble_config wrote into DIR, with every challenge valid at once
# without any connection, no artificial validation sleeps and no rejected good nonces; waits until it
# listens and sets PEBBLE_PID.
pebble_start() {
    local dir=$1
    PEBBLE_VA_ALWAYS_VALID=1 PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 \
        pebble -config "$dir/pebble.json" > "$dir/pebble.log" 2>&1 &
    PEBBLE_PID=$!
    PIDS+=("$PEBBLE_PID")
    await_line "$dir/pebble.log" "Listening on" 20 "$PEBBLE_PID" \
        || { cat "$dir/pebble.log" >&2; die "pebble in $dir did not start"; }
}

# Stops process PID (one this shell started) and waits for it to end.
stop_pid() {
    kill "$1"
    wait "$1" 2>/dev/null || true
}
