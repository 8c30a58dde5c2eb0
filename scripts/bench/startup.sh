#!/usr/bin/env bash
# Start-up benchmark: `rhoai version` (and `rhoai install-config render --dry-run` once that command exists) through
# scripts/rhoai on the plain JVM and with the class-data caches, side by side with `kubectl version --client`, in one
# run. Each round runs every variant with hyperfine (warm-up, then timed runs, no intermediate shell); the variant order
# rotates between rounds so that background load on a shared machine spreads over all of them. Reports the median of
# all timed runs and its ratio to kubectl's, on stdout and in target/bench/startup.md (raw data: target/bench/*.json).
#
# Environment: BENCH_ROUNDS (default 3), BENCH_RUNS per round (10), BENCH_WARMUP per round (3),
#   JDK17_HOME (/usr/lib/jvm/java-17-openjdk-amd64), JDK25_HOME (/usr/lib/jvm/temurin-25-jdk-amd64), KUBECTL (kubectl).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

rounds=${BENCH_ROUNDS:-3}
runs=${BENCH_RUNS:-10}
warmup=${BENCH_WARMUP:-3}
jdk17=${JDK17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
kubectl=${KUBECTL:-kubectl}
out="$root/target/bench"

log() { printf 'bench: %s\n' "$*" >&2; }

# ---- tools: hyperfine and jq from Debian packages, installed only when missing ---------------------------------
need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
command -v jq >/dev/null 2>&1 || need+=(jq)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing ${need[*]} (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
command -v "$kubectl" >/dev/null 2>&1 || { log "kubectl not found (set KUBECTL); it is the reference"; exit 4; }

# ---- variants -----------------------------------------------------------------------------------------------
# name|environment for scripts/rhoai. Every JVM variant goes through the launcher, as users run rhoai.
variants=()
if [ -x "$jdk17/bin/java" ]; then
  # java -jar with the JVM's default flags, without the launcher: what the launcher's flags and cache are measured against
  variants+=("jvm17-java-jar|JAVA_HOME=$jdk17 RHOAI_RUNTIME=jvm RHOAI_JVM_CACHE=off BENCH_DIRECT=1")
  variants+=("jvm17-plain|JAVA_HOME=$jdk17 RHOAI_RUNTIME=jvm RHOAI_JVM_CACHE=off")
  variants+=("jvm17-appcds|JAVA_HOME=$jdk17 RHOAI_RUNTIME=jvm")
else
  log "skipping JDK 17 variants: no $jdk17/bin/java (set JDK17_HOME)"
fi
if [ -x "$jdk25/bin/java" ]; then
  variants+=("jvm25-plain|JAVA_HOME=$jdk25 RHOAI_RUNTIME=jvm RHOAI_JVM_CACHE=off")
  variants+=("jvm25-aot|JAVA_HOME=$jdk25 RHOAI_RUNTIME=jvm")
else
  log "skipping JDK 25 variants: no $jdk25/bin/java (set JDK25_HOME)"
fi
if compgen -G "target/*-runner" >/dev/null || [ -n "${RHOAI_NATIVE:-}" ]; then
  variants+=("native|RHOAI_RUNTIME=native")
fi

# The command line of a variant: through the launcher, or java -jar directly for BENCH_DIRECT.
variant_cmd() { # $1 = variant environment
  case $1 in
    *BENCH_DIRECT=1*) echo "$jdk17/bin/java -jar $root/target/quarkus-app/quarkus-run.jar" ;;
    *) echo "env $1 $root/scripts/rhoai" ;;
  esac
}
rhoai() { # $1 = variant environment, rest = arguments
  local cmd; cmd=$(variant_cmd "$1"); shift
  # shellcheck disable=SC2086 # a command line of words
  $cmd "$@"
}

# Build the jar and train every cache before timing (the launcher does both on first use).
for v in "${variants[@]}"; do
  rhoai "${v#*|}" version >/dev/null || { log "'rhoai version' failed for ${v%%|*}"; exit 8; }
done

# ---- commands -----------------------------------------------------------------------------------------------
# name|rhoai arguments|reference command
commands=("version|version|$kubectl version --client")
render_dir=$(mktemp -d)
trap 'rm -rf "$render_dir"' EXIT
render_args="install-config render --cluster rhoaibu-cluster-dev --dry-run"
render_found=""
for args in "$render_args" \
  "$render_args --dir $render_dir --pull-secret-file docs/examples/pull-secret.example.json --ssh-public-key-file docs/examples/ssh-key.example.pub"; do
  # shellcheck disable=SC2086
  if rhoai "${variants[0]#*|}" $args >/dev/null 2>"$render_dir/.err"; then render_found=$args; break; fi
done
if [ -n "$render_found" ]; then
  commands+=("render|$render_found|$kubectl version --client")
else
  log "skipping 'install-config render': it does not run yet here ($(head -n1 "$render_dir/.err"))"
fi

# ---- rounds -------------------------------------------------------------------------------------------------
mkdir -p "$out"
rm -f "$out"/round-*.json
for ((round = 1; round <= rounds; round++)); do
  for c in "${commands[@]}"; do
    IFS='|' read -r cname cargs cref <<<"$c"
    names=() cmds=()
    for v in "${variants[@]}"; do
      names+=("${v%%|*}")
      cmds+=("$(variant_cmd "${v#*|}") $cargs")
    done
    names+=("kubectl") cmds+=("$cref")
    # rotate the order by the round number
    n=${#names[@]} args=()
    for ((i = 0; i < n; i++)); do
      j=$(((i + round - 1) % n))
      args+=(-n "${names[j]}" "${cmds[j]}")
    done
    log "round $round/$rounds: $cname (${n} commands x $((warmup + runs)) runs)"
    hyperfine -N --style none --warmup "$warmup" --runs "$runs" --export-json "$out/round-$round-$cname.json" \
      "${args[@]}" >/dev/null
  done
done

# ---- report -------------------------------------------------------------------------------------------------
java_version() { sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$1/release" 2>/dev/null || true; }
report="$out/startup.md"
{
  echo "# rhoai start-up, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Median wall time of $((rounds * runs)) runs per row ($rounds rounds x $runs runs after $warmup warm-up runs each," \
    "order rotated per round), measured with hyperfine -N through scripts/rhoai. On a busy machine wall times" \
    "stretch; min and CPU time (user+sys, mean) show the unloaded cost better."
  echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), load average at the end" \
    "$(cut -d' ' -f1-3 /proc/loadavg)."
  echo "JDK 17: $(java_version "$jdk17"); JDK 25: $(java_version "$jdk25");" \
    "kubectl: $($kubectl version --client 2>/dev/null | head -n1 | sed 's/Client Version: //')."
  for c in "${commands[@]}"; do
    IFS='|' read -r cname cargs cref <<<"$c"
    echo
    echo "## rhoai $cargs  (reference: $cref)"
    echo
    echo "| variant | median ms | mean ms | stddev ms | min ms | CPU ms (user+sys) | x kubectl (median) | x kubectl (min) | x kubectl (CPU) |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    jq -rs '
      [.[].results[]] | group_by(.command)
      | map({name: .[0].command, times: ([.[].times[]] | sort),
             cpu: ((map(.user + .system) | add) / length)})
      | map(. + {median: (.times | if length % 2 == 1 then .[length / 2 | floor]
                                   else (.[length / 2 - 1] + .[length / 2]) / 2 end),
                 mean: ((.times | add) / (.times | length)),
                 min: (.times | min)})
      | map(. + {sd: ((.times | map(. * .) | add) / (.times | length) - .mean * .mean | if . < 0 then 0 else sqrt end)})
      | map(select(.name == "kubectl"))[0] as $ref
      | sort_by(.median)[]
      | "| \(.name) | \(.median * 1000 | round) | \(.mean * 1000 | round) | \(.sd * 1000 | round) | \(.min * 1000 | round) | \(.cpu * 1000 | round) | \(.median / $ref.median * 10 | round / 10)x | \(.min / $ref.min * 10 | round / 10)x | \(.cpu / $ref.cpu * 10 | round / 10)x |"
    ' "$out"/round-*-"$cname".json
  done
} >"$report"
cat "$report"
log "written to ${report#"$root"/}"
