#!/usr/bin/env bash
# Start-up benchmark, in one run: rhoai through scripts/rhoai (as users run it) for
#   version | --help | install-config render --dry-run (bundled dev profile) | gpu catalog -o json
# side by side with `kubectl version --client` and `java -version`, with wall time (hyperfine) and peak RSS
# (/usr/bin/time). Each round runs every variant of one command in one hyperfine call (warm-up, then timed runs, no
# intermediate shell); the order rotates between rounds so that background load on a shared machine spreads over all
# of them. Reports the median of all timed runs, its ratio to kubectl's and the median peak RSS, on stdout and in
# target/bench/startup.md (raw data: target/bench/*.json).
#
# Variants: "rhoai" is the launcher on the JVM as it chooses (the newest JDK it finds, with its class-data cache);
# "rhoai-jdk17" pins JDK 17 (RHOAI_JAVA_HOME); "native" is the native binary, when there is one (target/*-runner or
# RHOAI_NATIVE). BENCH_BEFORE=DIR adds the same commands through another built checkout's launcher
# (e.g. main's code: git archive main | tar -x -C DIR; (cd DIR && ./mvnw -q package -DskipTests)) with JDK 17 + AppCDS
# and JDK 25 + AOT cache, so that before and after come from the same run; it also checks that `version` and `render`
# print byte-identical output on the same JDK.
#
# Environment: BENCH_ROUNDS (default 3), BENCH_RUNS per round (10), BENCH_WARMUP per round (3), BENCH_RSS_RUNS (5),
#   BENCH_COMMANDS (default "version help render catalog"), BENCH_BEFORE, JDK17_HOME
#   (/usr/lib/jvm/java-17-openjdk-amd64), JDK25_HOME (/usr/lib/jvm/temurin-25-jdk-amd64), KUBECTL (kubectl).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)

rounds=${BENCH_ROUNDS:-3}
runs=${BENCH_RUNS:-10}
warmup=${BENCH_WARMUP:-3}
rss_runs=${BENCH_RSS_RUNS:-5}
jdk17=${JDK17_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}
jdk25=${JDK25_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
kubectl=${KUBECTL:-kubectl}
before=${BENCH_BEFORE:-}
out="$root/target/bench"

log() { printf 'bench: %s\n' "$*" >&2; }

# ---- tools: hyperfine, jq and GNU time from Debian packages, installed only when missing -----------------------
need=()
command -v hyperfine >/dev/null 2>&1 || need+=(hyperfine)
command -v jq >/dev/null 2>&1 || need+=(jq)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  log "installing ${need[*]} (Debian packages)"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq >&2
  $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >&2
fi
command -v "$kubectl" >/dev/null 2>&1 || { log "kubectl not found (set KUBECTL); it is the reference"; exit 4; }
kubectl=$(command -v "$kubectl")

# ---- variants: name|command line prefix (words, no quoting needed) -------------------------------------------
variants=("rhoai|env RHOAI_RUNTIME=jvm $root/scripts/rhoai")
[ -x "$jdk17/bin/java" ] && variants+=("rhoai-jdk17|env RHOAI_RUNTIME=jvm RHOAI_JAVA_HOME=$jdk17 $root/scripts/rhoai")
if compgen -G "target/*-runner" >/dev/null || [ -n "${RHOAI_NATIVE:-}" ]; then
  variants+=("native|env RHOAI_RUNTIME=native $root/scripts/rhoai")
fi
if [ -n "$before" ]; then
  before=$(cd "$before" && pwd)
  [ -x "$before/scripts/rhoai" ] || { log "BENCH_BEFORE=$before has no scripts/rhoai"; exit 4; }
  # that checkout's launcher chooses its JDK from JAVA_HOME
  [ -x "$jdk17/bin/java" ] && variants+=("before-jdk17|env JAVA_HOME=$jdk17 RHOAI_RUNTIME=jvm $before/scripts/rhoai")
  [ -x "$jdk25/bin/java" ] && variants+=("before-jdk25|env JAVA_HOME=$jdk25 RHOAI_RUNTIME=jvm $before/scripts/rhoai")
fi
refs=("kubectl|$kubectl version --client")
[ -x "$jdk25/bin/java" ] && refs+=("java25 -version|$jdk25/bin/java -version")
[ -x "$jdk17/bin/java" ] && refs+=("java17 -version|$jdk17/bin/java -version")

# ---- commands: name|rhoai arguments ---------------------------------------------------------------------------
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
render="install-config render --cluster rhoaibu-cluster-dev --dry-run --dir $work/out"
render+=" --pull-secret-file $root/docs/examples/pull-secret.example.json --ssh-public-key-file $root/docs/examples/ssh-key.example.pub"
declare -A args_of=([version]="version" [help]="--help" [render]="$render" [catalog]="gpu catalog -o json")
read -r -a commands <<<"${BENCH_COMMANDS:-version help render catalog}"

# Build every jar and train every cache before timing (each launcher does both on first use); check each command runs.
for v in "${variants[@]}"; do
  for c in "${commands[@]}"; do
    # shellcheck disable=SC2086 # command lines are words
    ${v#*|} ${args_of[$c]} >"$work/${v%%|*}-$c.out" 2>"$work/err" ||
      { log "'rhoai ${args_of[$c]}' failed for ${v%%|*}: $(head -n3 "$work/err")"; exit 8; }
  done
done
same_output=""
if [ -n "$before" ] && [ -x "$jdk17/bin/java" ]; then
  for c in version render; do
    if cmp -s "$work/rhoai-jdk17-$c.out" "$work/before-jdk17-$c.out"; then same_output+="$c: identical; "
    else same_output+="$c: DIFFERENT; "; diff "$work/before-jdk17-$c.out" "$work/rhoai-jdk17-$c.out" >&2 || true; fi
  done
fi

# ---- rounds -------------------------------------------------------------------------------------------------
mkdir -p "$out"
rm -f "$out"/round-*.json "$out"/rss-*.txt
all=("${variants[@]}" "${refs[@]}")
n=${#all[@]}
for ((round = 1; round <= rounds; round++)); do
  for c in "${commands[@]}"; do
    hf=()
    for ((i = 0; i < n; i++)); do
      e=${all[$(((i + round - 1) % n))]}
      name=${e%%|*} cmd=${e#*|}
      case $name in kubectl | java*) ;; *) cmd="$cmd ${args_of[$c]}" ;; esac
      hf+=(-n "$name" "$cmd")
    done
    log "round $round/$rounds: $c ($n commands x $((warmup + runs)) runs)"
    hyperfine -N --style none --warmup "$warmup" --runs "$runs" --export-json "$out/round-$round-$c.json" \
      "${hf[@]}" >/dev/null
  done
done

# ---- peak RSS: GNU time's maximum resident set size (KiB) of the process the command becomes (the launcher execs java)
log "peak RSS ($rss_runs runs each)"
rss() { # $1 = command line; prints the median max RSS in KiB
  local i
  for ((i = 0; i < rss_runs; i++)); do
    # shellcheck disable=SC2086
    /usr/bin/time -f '%M' -o "$work/rss" $1 >/dev/null 2>&1 || true
    tail -n1 "$work/rss"
  done | sort -n | sed -n "$(((rss_runs + 1) / 2))p"
}
for c in "${commands[@]}"; do
  for e in "${all[@]}"; do
    name=${e%%|*} cmd=${e#*|}
    case $name in kubectl | java*) ;; *) cmd="$cmd ${args_of[$c]}" ;; esac
    printf '%s\t%s\n' "$name" "$(rss "$cmd")" >>"$out/rss-$c.txt"
  done
done

# ---- report -------------------------------------------------------------------------------------------------
java_version() { sed -n 's/^JAVA_RUNTIME_VERSION="\(.*\)"$/\1/p' "$1/release" 2>/dev/null || true; }
report="$out/startup.md"
{
  echo "# rhoai start-up, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Median wall time of $((rounds * runs)) runs per row ($rounds rounds x $runs runs after $warmup warm-up runs each," \
    "order rotated per round), hyperfine -N; rhoai through scripts/rhoai. Peak RSS: median of $rss_runs runs" \
    "(GNU time, maximum resident set size). On a busy machine wall times stretch; min and CPU time (user+sys, mean)" \
    "show the unloaded cost better."
  echo "Machine: $(nproc) CPUs, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -n1), load average at the end" \
    "$(cut -d' ' -f1-3 /proc/loadavg)."
  echo "JDK 17: $(java_version "$jdk17"); JDK 25: $(java_version "$jdk25");" \
    "kubectl: $($kubectl version --client 2>/dev/null | head -n1 | sed 's/Client Version: //')."
  [ -n "$before" ] && echo "before = $before; output of version and render on JDK 17, after against before: ${same_output:-not compared}"
  for c in "${commands[@]}"; do
    echo
    echo "## rhoai ${args_of[$c]//$work/\$TMP}"
    echo
    echo "| variant | median ms | min ms | CPU ms (user+sys) | x kubectl (median) | x kubectl (CPU) | peak RSS MiB |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    jq -rs --rawfile rss "$out/rss-$c.txt" '
      ($rss | split("\n") | map(select(length > 0) | split("\t") | {key: .[0], value: (.[1] | tonumber? // null)})
        | from_entries) as $peak
      | [.[].results[]] | group_by(.command)
      | map({name: .[0].command, times: ([.[].times[]] | sort),
             cpu: ((map(.user + .system) | add) / length)})
      | map(. + {median: (.times | if length % 2 == 1 then .[length / 2 | floor]
                                   else (.[length / 2 - 1] + .[length / 2]) / 2 end),
                 min: (.times | min)})
      | map(select(.name == "kubectl"))[0] as $ref
      | sort_by(.median)[]
      | "| \(.name) | \(.median * 1000 | round) | \(.min * 1000 | round) | \(.cpu * 1000 | round) | \(.median / $ref.median * 10 | round / 10)x | \(.cpu / $ref.cpu * 10 | round / 10)x | \(if $peak[.name] then ($peak[.name] / 1024 | round) else "?" end) |"
    ' "$out"/round-*-"$c".json
  done
} >"$report"
cat "$report"
log "written to ${report#"$root"/}"
