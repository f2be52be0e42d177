#!/usr/bin/env bash
# Installs the external ACME clients and tools that the end-to-end tests (gateway/src/test/.../e2e/*IT.java)
# drive: certbot, lego, dehydrated, uacme, caddy, pebble, openssl, dig, nsupdate, curl and chromium (the dashboard
# test), and the DNS servers the delegation and validation tests run on loopback
# (Knot's knotd as a customer's authoritative server, unbound as the recursive resolver), from Debian's packages.
# Idempotent: when every command is already present it changes nothing and returns at once.
set -euo pipefail

# command -> Debian package that provides it
declare -A PACKAGE_OF=(
  [certbot]=certbot
  [lego]=lego
  [pebble]=pebble
  [openssl]=openssl
  [dig]=bind9-dnsutils
  [nsupdate]=bind9-dnsutils
  [curl]=curl
  [knotd]=knot
  [unbound]=unbound
  [chromium]=chromium
  [dehydrated]=dehydrated
  [uacme]=uacme
  [caddy]=caddy
)

missing_packages() {
  local command
  for command in "${!PACKAGE_OF[@]}"; do
    # /usr/sbin is not on every user's PATH; the tests look there too.
    command -v "$command" >/dev/null 2>&1 || [[ -x /usr/sbin/$command ]] || echo "${PACKAGE_OF[$command]}"
  done | sort -u
}

mapfile -t missing < <(missing_packages)
if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-test-deps: missing packages, install them as root: apt-get install ${missing[*]}" >&2
  exit 1
fi

log=$(mktemp -t install-test-deps.XXXXXX.log)
cleanup() { rm -f "$log"; }
# The tests start their own knotd and unbound on free loopback ports: keep the packages' system services from
# starting (on port 53) during the install, unless the machine already has a policy for that.
if [[ ! -e /usr/sbin/policy-rc.d ]]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  cleanup() { rm -f "$log" /usr/sbin/policy-rc.d; }
fi
trap cleanup EXIT
echo "install-test-deps: installing ${missing[*]}"
if ! { apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"; } \
    >"$log" 2>&1; then
  cat "$log" >&2
  echo "install-test-deps: apt-get failed installing ${missing[*]}" >&2
  exit 1
fi

mapfile -t still_missing < <(missing_packages)
if ((${#still_missing[@]} > 0)); then
  cat "$log" >&2
  echo "install-test-deps: still missing after install: ${still_missing[*]}" >&2
  exit 1
fi
echo "install-test-deps: all test tools present"
