#!/usr/bin/env bash
# Benchmark (not a test): acmegate's HTTP-01 responder against nginx serving the same 10,000 challenge tokens as
# static files. Both servers are pinned to the same single core (taskset) and get the same wrk load from another
# core: random tokens over keep-alive connections, a warm-up run, then a measured run. Prints requests/s for each
# and the responder's share of nginx's figure (the goal is >= 70 %).
#
#   scripts/bench-http.sh
#
# Knobs (environment): BENCH_DURATION (seconds per measured run, two runs each, 10), BENCH_WARMUP (seconds, 5), BENCH_CONNECTIONS (50),
# BENCH_TOKENS (10000), BENCH_SERVER_CPU (1), BENCH_CLIENT_CPU (0).
# Loopback only; everything it starts is stopped on exit. Installs wrk and nginx with apt-get when missing (root).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
duration="${BENCH_DURATION:-10}"
warmup="${BENCH_WARMUP:-5}"
connections="${BENCH_CONNECTIONS:-50}"
token_count="${BENCH_TOKENS:-10000}"
server_cpu="${BENCH_SERVER_CPU:-1}"
client_cpu="${BENCH_CLIENT_CPU:-0}"

say() { printf 'bench-http: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

if [ "$(nproc --all)" -lt 2 ]; then
  say "only one CPU: the servers and wrk share it, figures are only comparable with each other"
  server_cpu=0 client_cpu=0
fi

install_if_missing() { # command package
  command -v "$1" >/dev/null 2>&1 && return 0
  [ "$(id -u)" -eq 0 ] || die "$1 is missing: apt-get install $2 (as root)"
  say "installing $2"
  { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$2"; } >/dev/null \
    || die "apt-get install $2 failed"
}
install_if_missing wrk wrk
install_if_missing nginx nginx
install_if_missing taskset util-linux
install_if_missing curl curl
nginx_bin="$(command -v nginx)"

# shellcheck source=jdk.sh
source "$root/scripts/jdk.sh"
java_home="$(find_jdk)" || die "$JDK_MISSING"
java="$java_home/bin/java"

work="$(mktemp -d -t bench-http.XXXXXX)"
responder_pid="" nginx_pid=""
cleanup() {
  set +e
  if [ -n "$responder_pid" ]; then kill "$responder_pid" 2>/dev/null; wait "$responder_pid" 2>/dev/null; fi
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null; wait "$nginx_pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

say "building http-responder (test classes hold the benchmark main)"
(cd "$root" && mvn -B -ntp -q -pl http-responder test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/classpath.txt" -Dmdep.includeScope=runtime) >"$work/build.log" 2>&1 \
  || { cat "$work/build.log" >&2; die "build failed"; }
classpath="$root/http-responder/target/classes:$root/http-responder/target/test-classes:$(cat "$work/classpath.txt")"

say "starting the responder with $token_count tokens on CPU $server_cpu"
taskset -c "$server_cpu" "$java" -Xms256m -Xmx256m -cp "$classpath" io.acmegate.http.BenchmarkResponderMain \
  "$work" "$token_count" >"$work/responder.log" 2>&1 &
responder_pid=$!
for _ in $(seq 1 300); do
  [ -s "$work/port" ] && break
  kill -0 "$responder_pid" 2>/dev/null || { cat "$work/responder.log" >&2; die "the responder did not start"; }
  sleep 0.1
done
[ -s "$work/port" ] || die "the responder did not report its port within 30 s"
responder_port="$(cat "$work/port")"

free_port() { # a loopback port nobody listens on
  local port
  for port in $(seq 18080 18999); do
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then printf '%s\n' "$port"; return 0; fi
  done
  die "no free loopback port in 18080-18999"
}
nginx_port="$(free_port)"
chmod -R a+rX "$work"   # nginx's worker may run as an unprivileged user when started by root
mkdir -p "$work/nginx"
cat >"$work/nginx.conf" <<CONF
daemon off;
worker_processes 1;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 30s;
  open_file_cache max=20000 inactive=60s;
  server_tokens off;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/webroot;
    location /.well-known/acme-challenge/ {
      default_type text/plain;
      add_header Cache-Control no-store;
    }
    location / { return 404; }
  }
}
CONF
say "starting nginx (worker_processes 1) on CPU $server_cpu"
taskset -c "$server_cpu" "$nginx_bin" -p "$work/nginx" -c "$work/nginx.conf" -e "$work/nginx/error.log" \
  >"$work/nginx/stdout.log" 2>&1 &
nginx_pid=$!
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$nginx_port") 2>/dev/null && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$work/nginx/stdout.log" "$work/nginx/error.log" >&2; die "nginx did not start"; }
  sleep 0.1
done

# Both servers must give the same answer before their speed means anything.
sample="$(head -n 1 "$work/tokens.txt")"
expected="$(cat "$work/webroot/.well-known/acme-challenge/$sample")"
for port in "$responder_port" "$nginx_port"; do
  got="$(curl -sS --fail "http://127.0.0.1:$port/.well-known/acme-challenge/$sample")" || die "port $port did not answer 200"
  [ "$got" = "$expected" ] || die "port $port answered '$got', expected '$expected'"
done

cat >"$work/random-token.lua" <<LUA
local tokens = {}
for line in io.lines("$work/tokens.txt") do tokens[#tokens + 1] = line end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/.well-known/acme-challenge/" .. tokens[math.random(#tokens)])
end
LUA

run_wrk() { # port seconds -> wrk's report on stdout
  taskset -c "$client_cpu" wrk -t1 -c"$connections" -d"$2s" -s "$work/random-token.lua" "http://127.0.0.1:$1/"
}
cpu_ticks() { # pid... -> user+system clock ticks used so far by these processes (all their threads)
  local pid total=0 fields
  for pid in "$@"; do
    read -r -a fields <"/proc/$pid/stat" || continue
    # Fields 14 and 15 (utime, stime); the command name (field 2) holds no spaces for java and nginx.
    total=$((total + fields[13] + fields[14]))
  done
  printf '%s\n' "$total"
}
measure() { # name port pid... -> "requests/s requests-per-server-CPU-second"
  local name="$1" port="$2" report before after requests seconds
  shift 2
  run_wrk "$port" "$warmup" >/dev/null
  before="$(cpu_ticks "$@")"
  report="$(run_wrk "$port" "$duration")"
  after="$(cpu_ticks "$@")"
  printf '%s\n' "$report" | sed "s/^/  [$name] /" >&2
  if printf '%s\n' "$report" | grep -q 'Non-2xx'; then die "$name answered some requests with an error"; fi
  requests="$(printf '%s\n' "$report" | awk '/ requests in / { print $1 }')"
  printf '%s\n' "$report" | awk -v req="$requests" -v ticks="$((after - before))" -v hz="$(getconf CLK_TCK)" \
    '/^Requests\/sec:/ { printf "%s %.0f\n", $2, (ticks > 0 ? req * hz / ticks : 0) }'
}
best() { # "rps per-cpu" "rps per-cpu" -> the larger of each column
  awk -v a="$1" -v b="$2" 'BEGIN { split(a, x, " "); split(b, y, " ");
    printf "%s %s\n", (x[1] > y[1] ? x[1] : y[1]), (x[2] > y[2] ? x[2] : y[2]) }'
}

nginx_pids=("$nginx_pid" $(pgrep -P "$nginx_pid"))
say "wrk: 1 thread, $connections keep-alive connections, random tokens, ${warmup}s warm-up + ${duration}s measured, client on CPU $client_cpu"
# Two rounds in alternating order, best of each: load from elsewhere on the machine drifts over a run. The
# requests per CPU-second of the server's own processes hold steadier than wall-clock figures on a busy machine.
responder="$(measure responder "$responder_port" "$responder_pid")"
nginx="$(measure nginx "$nginx_port" "${nginx_pids[@]}")"
nginx="$(best "$nginx" "$(measure nginx "$nginx_port" "${nginx_pids[@]}")")"
responder="$(best "$responder" "$(measure responder "$responder_port" "$responder_pid")")"

read -r responder_rps responder_per_cpu <<<"$responder"
read -r nginx_rps nginx_per_cpu <<<"$nginx"
printf 'responder: %10.0f requests/s  %8s requests per CPU-second\n' "$responder_rps" "$responder_per_cpu"
printf 'nginx:     %10.0f requests/s  %8s requests per CPU-second\n' "$nginx_rps" "$nginx_per_cpu"
awk -v r="$responder_rps" -v n="$nginx_rps" -v rc="$responder_per_cpu" -v nc="$nginx_per_cpu" 'BEGIN {
  printf "ratio:     %9.0f %%               %8.0f %%  of nginx (goal >= 70 %%)\n", 100 * r / n, 100 * rc / nc }'
