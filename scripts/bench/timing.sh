# Sourced by the benchmarks: run LABEL CMD... runs CMD $RUNS times and prints min and median wall-clock time and the
# median CPU time (user+sys, children included), because on a busy machine the CPU figure is the one that says what the
# command costs. RUN_LABEL_WIDTH sets the label column (default 62).
run() {
  local label=$1; shift; local walls=() cpus=()
  for _ in $(seq "$RUNS"); do
    local t; t=$( { TIMEFORMAT='%R %U %S'; time "$@" > /dev/null 2>&1 || true; } 2>&1 | tail -1)
    read -r real user sys <<< "$t"
    walls+=("$(awk -v r="$real" 'BEGIN { printf "%d", r * 1000 }')")
    cpus+=("$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%d", (u + s) * 1000 }')")
  done
  local mid=$(( (RUNS + 1) / 2 ))
  local w; w=$(printf '%s\n' "${walls[@]}" | sort -n)
  local c; c=$(printf '%s\n' "${cpus[@]}" | sort -n | sed -n "${mid}p")
  printf "%-${RUN_LABEL_WIDTH:-62}s wall min %6d ms  median %6d ms   cpu median %6d ms\n" "$label" "$(echo "$w" | head -1)" \
    "$(echo "$w" | sed -n "${mid}p")" "$c"
}
