#!/usr/bin/env bash
# Installs the external ACME clients and tools that the end-to-end tests (gateway/src/test/.../e2e/*IT.java)
# drive: certbot, lego, pebble, openssl and dig, from Debian's packages.
# Idempotent: when every command is already present it changes nothing and returns at once.
set -euo pipefail

# command -> Debian package that provides it
declare -A PACKAGE_OF=(
  [certbot]=certbot
  [lego]=lego
  [pebble]=pebble
  [openssl]=openssl
  [dig]=bind9-dnsutils
)

missing_packages() {
  local command
  for command in "${!PACKAGE_OF[@]}"; do
    command -v "$command" >/dev/null 2>&1 || echo "${PACKAGE_OF[$command]}"
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
trap 'rm -f "$log"' EXIT
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
