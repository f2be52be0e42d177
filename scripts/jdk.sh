# Which JDK runs acmegate: sourced by ./acmegate and scripts/bench-*.sh, so that the rule is written once.
# The default java on these machines may be 17; acmegate needs 21 or newer (the Maven build picks its own through
# the toolchains plugin, see pom.xml).

ACMEGATE_MIN_JAVA=21

# Prints the feature version of the java binary $1 (25 for "25.0.3"), or nothing.
java_major() {
    "$1" -XshowSettings:properties -version 2>&1 \
        | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}

# Prints the JAVA_HOME of the newest JDK (java and javac) >= ACMEGATE_MIN_JAVA among JAVA_HOME, the java on the
# PATH and /usr/lib/jvm/*; returns 1 when there is none.
find_jdk() {
    local candidates=() home v best="" best_v=0
    [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
    if command -v java >/dev/null 2>&1; then
        candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
    fi
    for home in /usr/lib/jvm/*; do candidates+=("$home"); done
    for home in "${candidates[@]}"; do
        [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || continue
        v="$(java_major "$home/bin/java")"
        if [ -n "$v" ] && [ "$v" -ge "$ACMEGATE_MIN_JAVA" ] && [ "$v" -gt "$best_v" ]; then
            best="$home"
            best_v="$v"
        fi
    done
    [ -n "$best" ] || return 1
    printf '%s\n' "$best"
}

# What to tell a user who has no such JDK.
JDK_MISSING="needs a JDK $ACMEGATE_MIN_JAVA or newer (none found in JAVA_HOME, on the PATH or under /usr/lib/jvm); install one, e.g. 'apt-get install temurin-25-jdk' or 'openjdk-21-jdk', or set JAVA_HOME"
