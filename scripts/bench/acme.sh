#!/usr/bin/env bash
# Benchmark: issue the wildcard + api pair (*.apps.dev.example.test, api.dev.example.test) from Pebble, DNS-01 through
# BIND9 (RFC 2136 + TSIG), with rhoai (JVM start included), lego and certbot, rounds INTERLEAVED (the order rotates each
# round), under two Pebble profiles:
#   baseline: Pebble's defaults for a test server (PEBBLE_VA_NOSLEEP=1, no nonce rejection, no authz reuse)
#   faults:   30 % of good nonces rejected (badNonce), random validation sleep up to 2 s, no authz reuse
# Every run starts from a fresh state directory (new ACME account), the same for all three tools. A run counts as a
# success only if the tool exits 0 AND the chain verifies to the running Pebble's issuing root with both names.
# Peers run in their fastest documented setting: lego RFC2136_POLLING_INTERVAL=0/SEQUENCE_INTERVAL=0 and
# --dns.disable-cp, certbot --dns-rfc2136-propagation-seconds 0. rhoai keeps its authoritative-server check.
# Usage: scripts/bench/acme.sh [rounds-baseline (default 8)] [rounds-faults (default 3)]
# Env: BENCH_KEEP=1 keeps the work dir; RHOAI_CMD overrides how rhoai is run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
ROUNDS_BASE="${1:-8}"; ROUNDS_FAULTS="${2:-3}"
. "$ROOT/scripts/bench/acme-testbed.sh"

# ---- dependencies (idempotent) ----------------------------------------------------------------------------------------
"$ROOT/scripts/install-test-deps.sh"
need=()
command -v lego >/dev/null 2>&1 || need+=(lego)
command -v certbot >/dev/null 2>&1 || need+=(certbot)
dpkg-query -W -f='${Status}' python3-certbot-dns-rfc2136 2>/dev/null | grep -q 'ok installed' || need+=(python3-certbot-dns-rfc2136)
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "bench: installing ${need[*]}" >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
JAR="$ROOT/target/quarkus-app/quarkus-run.jar"
# How rhoai runs: a short-lived CLI JVM (C1 only, serial GC) with a class-data-sharing archive recorded by one
# untimed training issue (BENCH_CDS=0 to skip). RHOAI_CMD overrides all of it (e.g. a native binary).
JVM_FLAGS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
TRAIN_CDS=0
if [ -z "${RHOAI_CMD:-}" ]; then
  if [ -x "$ROOT/scripts/rhoai" ]; then RHOAI_CMD="$ROOT/scripts/rhoai"
  else
    [ -f "$JAR" ] || (cd "$ROOT" && ./mvnw -B -q -o package -DskipTests >&2)
    RHOAI_CMD="java $JVM_FLAGS -jar $JAR"
    [ "${BENCH_CDS:-1}" = 1 ] && TRAIN_CDS=1
  fi
fi

WORK="$(mktemp -d /tmp/rhoai-bench-acme.XXXXXX)"
RESULTS="$WORK/results.tsv"; : > "$RESULTS"
trap 'tb_stop; [ "${BENCH_KEEP:-0}" = 1 ] || rm -rf "$WORK"' EXIT

run_rhoai() { # workdir
  RFC2136_NAMESERVER="127.0.0.1:$TB_BIND_PORT" RFC2136_TSIG_KEY="$TB_TSIG_NAME" RFC2136_TSIG_SECRET="$TB_TSIG_SECRET" \
  RHOAI_DNS_RESOLVERS="127.0.0.1:$TB_BIND_PORT" RHOAI_DNS_AUTHORITATIVE_PORT="$TB_BIND_PORT" \
    $RHOAI_CMD certs issue --acme-server "$TB_DIR_URL" --acme-ca-file "$TB_CA" --state-dir "$1" --dns-provider rfc2136 \
      --domain "$TB_WILDCARD" --domain "$TB_API" --email "admin@$TB_ZONE" --timeout 120s -q > "$1/out.txt" 2> "$1/err.txt" || return 1
  local v; v="$(cat "$1/certs/wildcard.apps.dev.example.test/current")"
  tb_verify "$1/certs/wildcard.apps.dev.example.test/$v/fullchain.pem"
}

run_lego() { # workdir
  LEGO_CA_CERTIFICATES="$TB_CA" RFC2136_NAMESERVER="127.0.0.1:$TB_BIND_PORT" RFC2136_TSIG_KEY="$TB_TSIG_NAME" \
  RFC2136_TSIG_ALGORITHM="hmac-sha256." RFC2136_TSIG_SECRET="$TB_TSIG_SECRET" RFC2136_TTL=60 RFC2136_PROPAGATION_TIMEOUT=60 \
  RFC2136_POLLING_INTERVAL=0 RFC2136_SEQUENCE_INTERVAL=0 \
    lego --server "$TB_DIR_URL" --accept-tos --email "admin@$TB_ZONE" --path "$1" --key-type ec256 \
      --dns.resolvers "127.0.0.1:$TB_BIND_PORT" --dns.disable-cp --dns rfc2136 \
      -d "$TB_WILDCARD" -d "$TB_API" run > "$1/out.txt" 2>&1 || return 1
  tb_verify "$1/certificates/_.apps.dev.example.test.crt"
}

run_certbot() { # workdir
  umask 077
  printf 'dns_rfc2136_server = 127.0.0.1\ndns_rfc2136_port = %s\ndns_rfc2136_name = %s\ndns_rfc2136_secret = %s\ndns_rfc2136_algorithm = HMAC-SHA256\n' \
    "$TB_BIND_PORT" "$TB_TSIG_NAME" "$TB_TSIG_SECRET" > "$1/rfc2136.ini"
  REQUESTS_CA_BUNDLE="$TB_CA" certbot certonly --non-interactive --server "$TB_DIR_URL" --config-dir "$1/config" \
    --work-dir "$1/work" --logs-dir "$1/logs" --authenticator dns-rfc2136 --dns-rfc2136-credentials "$1/rfc2136.ini" \
    --dns-rfc2136-propagation-seconds 0 --agree-tos -m "admin@$TB_ZONE" --no-eff-email --key-type ecdsa \
    --elliptic-curve secp256r1 --cert-name bench -d "$TB_WILDCARD" -d "$TB_API" > "$1/out.txt" 2>&1 || return 1
  tb_verify "$1/config/live/bench/fullchain.pem"
}

leftover_records() {
  dig +noall +answer -p "$TB_BIND_PORT" @127.0.0.1 AXFR "$TB_ZONE" | grep -c '_acme-challenge' || true
}

bench_profile() { # profile rounds
  local profile="$1" rounds="$2" tools=(rhoai lego certbot)
  tb_start "$WORK/tb-$profile" "$profile"
  echo "bench: profile $profile, $rounds rounds, Pebble $(dpkg-query -W -f='${Version}' pebble 2>/dev/null), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  if [ "$TRAIN_CDS" = 1 ]; then
    local cds="$WORK/rhoai-cds.jsa" saved="$RHOAI_CMD"
    mkdir -p "$WORK/train"
    RHOAI_CMD="java $JVM_FLAGS -XX:ArchiveClassesAtExit=$cds -jar $JAR"
    run_rhoai "$WORK/train" >/dev/null 2>&1 || echo "bench: CDS training run failed; going on without" >&2
    RHOAI_CMD="$saved"
    [ -s "$cds" ] && RHOAI_CMD="java $JVM_FLAGS -XX:SharedArchiveFile=$cds -jar $JAR"
    TRAIN_CDS=0
    echo "bench: rhoai runs as: $RHOAI_CMD" >&2
  fi
  for r in $(seq 1 "$rounds"); do
    local order=("${tools[@]:$(( (r - 1) % 3 ))}" "${tools[@]:0:$(( (r - 1) % 3 ))}")
    for tool in "${order[@]}"; do
      local w="$WORK/$profile-$tool-$r"; mkdir -p "$w"
      local t0 t1 ok=1
      t0="$(date +%s.%N)"
      # subshell: `times` then reports the CPU (user+sys) of the tool and its children, a figure the machine's load
      # distorts far less than wall time
      ( "run_$tool" "$w"; rc=$?; times > "$w/times"; exit $rc ) || ok=0
      t1="$(date +%s.%N)"
      local secs cpu; secs="$(echo "$t1 - $t0" | bc -l)"
      cpu="$(tail -n 1 "$w/times" | awk '{ n=0; for (i=1;i<=2;i++) { split($i, a, "m"); sub("s","",a[2]); n += a[1]*60 + a[2] } printf "%.3f", n }')"
      printf '%s\t%s\t%s\t%.3f\t%s\t%s\n' "$profile" "$tool" "$r" "$secs" "$ok" "$cpu" >> "$RESULTS"
      printf 'bench: %-8s round %d %-7s %6.2fs (cpu %5.2fs) %s\n' "$profile" "$r" "$tool" "$secs" "$cpu" "$([ $ok = 1 ] && echo ok || echo FAILED)" >&2
      if [ "$ok" = 0 ]; then tail -n 3 "$w/out.txt" "$w/err.txt" 2>/dev/null | sed 's/^/    /' >&2 || true; fi
    done
  done
  local left; left="$(leftover_records)"
  echo "bench: $profile: _acme-challenge records left in BIND after all runs: $left" >&2
  tb_stop
}

bench_profile baseline "$ROUNDS_BASE"
bench_profile faults "$ROUNDS_FAULTS"

# JVM start alone, for reading the figures (rhoai's time above includes it)
JVM_START="n/a"
if command -v hyperfine >/dev/null 2>&1; then
  hyperfine -N --warmup 1 --runs 5 --export-json "$WORK/start.json" "$RHOAI_CMD version" "java -jar $JAR version" >/dev/null 2>&1 \
    && JVM_START="$(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"]; print("%.2fs as benchmarked, %.2fs with plain java -jar" % (r[0]["median"], r[1]["median"]))' "$WORK/start.json")"
fi

python3 - "$RESULTS" "$JVM_START" <<'PY'
import sys, statistics, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
data = collections.defaultdict(list); cpu = collections.defaultdict(list); ok = collections.Counter(); n = collections.Counter()
for profile, tool, rnd, secs, good, c in rows:
    n[(profile, tool)] += 1
    if good == "1":
        ok[(profile, tool)] += 1; data[(profile, tool)].append(float(secs)); cpu[(profile, tool)].append(float(c))
print(f"{'profile':9} {'tool':8} {'ok':>6} {'median':>8} {'min':>7} {'max':>7}  {'ratio':>6}  {'cpu med':>7}")
for profile in ("baseline", "faults"):
    base = statistics.median(data[(profile, "rhoai")]) if data[(profile, "rhoai")] else None
    for tool in ("rhoai", "lego", "certbot"):
        k = (profile, tool); d = data[k]
        if not n[k]: continue
        med = statistics.median(d) if d else None
        ratio = f"{med / base:.2f}x" if med and base else "-"
        fmt = lambda v: f"{v:7.2f}s" if v is not None else "      -"
        cmed = statistics.median(cpu[k]) if cpu[k] else None
        print(f"{profile:9} {tool:8} {ok[k]:>2}/{n[k]:<3} {fmt(med)} {fmt(min(d) if d else None)} {fmt(max(d) if d else None)}  {ratio:>6}  {fmt(cmed)}")
print("ratio = the tool's median wall time / rhoai's (above 1: slower than rhoai); cpu = user+sys of the tool's processes")
print(f"rhoai JVM start alone (rhoai version, hyperfine median): {sys.argv[2]}")
PY
