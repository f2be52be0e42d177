# Shared by scripts/bench-issuance.sh and scripts/bench-upstream.sh (sourced, not run).

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

# The newest JDK under /usr/lib/jvm whose `java -version` says 21 or later.
pick_java_home() {
    local dir major best="" best_major=0
    for dir in /usr/lib/jvm/*/; do
        dir=${dir%/}
        [ -x "$dir/bin/java" ] || continue
        major=$("$dir/bin/java" -version 2>&1 | sed -n '1s/^[^"]*"\([0-9][0-9]*\).*/\1/p')
        [[ $major =~ ^[0-9]+$ ]] || continue
        if (( major >= 21 && major > best_major )); then
            best=$dir
            best_major=$major
        fi
    done
    [ -n "$best" ] || return 1
    echo "$best"
}
