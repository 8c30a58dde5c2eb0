# Sourced by acme.sh: a Pebble + BIND9 test bed on loopback for the ACME benchmark (the tests have their own, in Java).
# Functions: tb_start <state-dir> <profile: baseline|faults>, tb_stop. Exports TB_* for the issuing scripts.
# Ports (override with env): BIND 127.0.0.1:${TB_BIND_PORT:-18053}, Pebble ACME ${TB_ACME_PORT:-14100}, management ${TB_MGMT_PORT:-15100}.

TB_ZONE="example.test"
TB_WILDCARD="*.apps.dev.${TB_ZONE}"
TB_API="api.dev.${TB_ZONE}"
TB_TSIG_NAME="acme-update."

tb_start() {
  local state="$1" profile="$2"
  TB_STATE="$state"; mkdir -p "$TB_STATE"/{bind,pebble,tls}
  TB_BIND_PORT="${TB_BIND_PORT:-18053}"; TB_ACME_PORT="${TB_ACME_PORT:-14100}"; TB_MGMT_PORT="${TB_MGMT_PORT:-15100}"
  TB_DIR_URL="https://127.0.0.1:${TB_ACME_PORT}/dir"
  TB_CA="$TB_STATE/tls/ca.pem"
  export TB_STATE TB_BIND_PORT TB_ACME_PORT TB_MGMT_PORT TB_DIR_URL TB_CA TB_ZONE TB_WILDCARD TB_API TB_TSIG_NAME

  # Pebble's own HTTPS certificate (transport only; the issuing CA is Pebble's, regenerated per start)
  local t="$TB_STATE/tls"
  if [ ! -s "$t/cert.pem" ]; then
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -keyout "$t/ca.key" -out "$t/ca.pem" \
      -subj "/CN=rhoai bench transport CA" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$t/key.pem" -out "$t/leaf.csr" -subj "/CN=localhost" 2>/dev/null
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' > "$t/leaf.ext"
    openssl x509 -req -in "$t/leaf.csr" -CA "$t/ca.pem" -CAkey "$t/ca.key" -CAcreateserial -days 30 -extfile "$t/leaf.ext" -out "$t/cert.pem" 2>/dev/null
  fi

  # BIND9: authoritative for example.test, TXT updates allowed for the TSIG key
  local b="$TB_STATE/bind"
  TB_TSIG_SECRET="$(head -c 32 /dev/urandom | base64)"; export TB_TSIG_SECRET
  cat > "$b/db.$TB_ZONE" <<ZONE
\$TTL 60
@ IN SOA ns1.$TB_ZONE. hostmaster.$TB_ZONE. ( $(date +%s) 60 30 3600 1 )
  IN NS ns1.$TB_ZONE.
ns1 IN A 127.0.0.1
api.dev IN A 127.0.0.1
*.apps.dev IN A 127.0.0.1
ZONE
  rm -f "$b"/*.jnl
  cat > "$b/named.conf" <<CONF
key "$TB_TSIG_NAME" { algorithm hmac-sha256; secret "$TB_TSIG_SECRET"; };
options {
  directory "$b"; pid-file "$b/named.run.pid"; session-keyfile "$b/session.key"; managed-keys-directory "$b";
  listen-on port $TB_BIND_PORT { 127.0.0.1; }; listen-on-v6 { none; };
  recursion no; allow-query { 127.0.0.1; }; allow-transfer { 127.0.0.1; }; notify no; dnssec-validation no;
};
controls { };
logging { channel main { file "$b/named.log"; severity info; }; category default { main; }; category lame-servers { null; }; };
zone "$TB_ZONE" { type primary; file "$b/db.$TB_ZONE"; update-policy { grant $TB_TSIG_NAME subdomain $TB_ZONE. TXT; }; };
CONF
  named -f -c "$b/named.conf" -n 1 > "$b/named.out" 2>&1 &
  echo $! > "$b/pid"
  for _ in $(seq 1 100); do dig +short +norec +time=1 +tries=1 -p "$TB_BIND_PORT" @127.0.0.1 SOA "$TB_ZONE" 2>/dev/null | grep -q . && break; sleep 0.1; done
  dig +short +norec -p "$TB_BIND_PORT" @127.0.0.1 SOA "$TB_ZONE" | grep -q . || { echo "bench: named did not start" >&2; cat "$b/named.out" >&2; return 1; }

  # Pebble, validating DNS-01 against that BIND only
  local p="$TB_STATE/pebble"
  cat > "$p/config.json" <<JSON
{"pebble": {"listenAddress": "127.0.0.1:$TB_ACME_PORT", "managementListenAddress": "127.0.0.1:$TB_MGMT_PORT",
  "certificate": "$t/cert.pem", "privateKey": "$t/key.pem", "httpPort": 5102, "tlsPort": 5101, "ocspResponderURL": "",
  "externalAccountBindingRequired": false, "certificateValidityPeriod": 7776000}}
JSON
  (
    unset PEBBLE_VA_NOSLEEP PEBBLE_VA_SLEEPTIME PEBBLE_WFE_NONCEREJECT PEBBLE_AUTHZREUSE
    export PEBBLE_AUTHZREUSE=0
    case "$profile" in
      baseline) export PEBBLE_VA_NOSLEEP=1 PEBBLE_WFE_NONCEREJECT=0 ;;
      faults)   export PEBBLE_WFE_NONCEREJECT=30 PEBBLE_VA_SLEEPTIME=2 ;;
      *) echo "unknown profile $profile" >&2; exit 2 ;;
    esac
    exec pebble -config "$p/config.json" -dnsserver "127.0.0.1:$TB_BIND_PORT" -strict=false > "$p/pebble.log" 2>&1
  ) &
  echo $! > "$p/pid"
  for _ in $(seq 1 100); do curl -fsS --cacert "$TB_CA" "$TB_DIR_URL" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fsS --cacert "$TB_CA" "$TB_DIR_URL" >/dev/null || { echo "bench: pebble did not start" >&2; cat "$p/pebble.log" >&2; return 1; }
  curl -fsS --cacert "$TB_CA" "https://127.0.0.1:$TB_MGMT_PORT/roots/0" > "$p/root.pem"
  curl -fsS --cacert "$TB_CA" "https://127.0.0.1:$TB_MGMT_PORT/intermediates/0" > "$p/intermediate.pem"
}

tb_stop() {
  local f p
  for f in "$TB_STATE/pebble/pid" "$TB_STATE/bind/pid"; do
    [ -f "$f" ] || continue
    p="$(cat "$f")"
    if kill -0 "$p" 2>/dev/null; then
      kill "$p"; for _ in $(seq 1 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
      kill -0 "$p" 2>/dev/null && kill -9 "$p"
    fi
    rm -f "$f"
  done
}

# tb_verify <fullchain.pem>: both names in the SAN and the chain verifies to this Pebble's issuing root
tb_verify() {
  local f="$1" d; d="$(mktemp -d)"
  awk -v d="$d" '/BEGIN CERT/{n++} {print > (d "/c" n ".pem")}' "$f"
  local sans; sans="$(openssl x509 -in "$d/c1.pem" -noout -ext subjectAltName 2>/dev/null | tail -n +2)"
  local ok=0
  if echo "$sans" | grep -qF "DNS:$TB_WILDCARD" && echo "$sans" | grep -qF "DNS:$TB_API" \
     && openssl verify -CAfile "$TB_STATE/pebble/root.pem" -untrusted "$TB_STATE/pebble/intermediate.pem" "$d/c1.pem" >/dev/null 2>&1; then ok=1; fi
  rm -rf "$d"
  [ "$ok" = 1 ]
}
