#!/usr/bin/env bash
# Installs what the tests run against, from Debian's packages: Pebble (ACME test server) and BIND9 (authoritative
# DNS with RFC 2136 updates) for the certificate tests, and kubectl (its built-in kustomize renders promote's diffs; Debian's
# kubernetes-client when no kubectl is on the PATH). Idempotent; needs root (or sudo) only when something is missing.
set -euo pipefail
need=()
command -v pebble >/dev/null 2>&1 || need+=(pebble)
command -v named >/dev/null 2>&1 || need+=(bind9)
command -v tsig-keygen >/dev/null 2>&1 || need+=(bind9-utils)
command -v dig >/dev/null 2>&1 || need+=(bind9-dnsutils)
command -v kubectl >/dev/null 2>&1 || need+=(kubernetes-client)
if [ ${#need[@]} -eq 0 ]; then
  echo "install-test-deps: pebble, bind9, kubectl already installed" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "install-test-deps: installing ${need[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
