#!/usr/bin/env bash
# Benchmark: `rhoai promote plan` on a repository the size of the seed (~450 files, 2 cluster overlays, 33 apps),
# next to what a person does by hand: `kubectl kustomize` on both cluster overlays (dev on branch dev, prod on main).
#
#   scripts/bench/promote-plan.sh            # RUNS=5; RHOAI="path/to/rhoai" to time a native binary
#
# rhoai defaults to the native runner in target/ if built, else the JVM jar (built with -DskipTests if missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
KUBECTL=${KUBECTL:-$(command -v kubectl || true)}
[ -n "$KUBECTL" ] || { echo "kubectl is needed on PATH (scripts/install-test-deps.sh)" >&2; exit 2; }

if [ -n "${RHOAI:-}" ]; then
  read -r -a rhoai <<< "$RHOAI"
elif compgen -G "target/*-runner" > /dev/null; then
  rhoai=("$(ls target/*-runner | head -1)")
else
  [ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -B -q -o package -DskipTests >&2
  rhoai=(java -jar target/quarkus-app/quarkus-run.jar)
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
scripts/bench/gen-gitops-repo.sh "$dir/repo" >&2
git clone -q -b dev "$dir/repo/remote.git" "$dir/dev"
git clone -q -b main "$dir/repo/remote.git" "$dir/main"

# run LABEL CMD...: timing of $RUNS runs (scripts/bench/timing.sh)
RUN_LABEL_WIDTH=66
source scripts/bench/timing.sh
by_hand() {
  "$KUBECTL" kustomize "$dir/dev/clusters/overlays/rhoaibu-cluster-dev" > /dev/null
  "$KUBECTL" kustomize "$dir/main/clusters/overlays/rhoaibu-cluster-prod" > /dev/null
}
# what plan renders, done by hand: the prod overlay and every changed app, on main and on dev
by_hand_same_work() {
  for p in clusters/overlays/rhoaibu-cluster-prod $apps; do
    "$KUBECTL" kustomize "$dir/main/$p" > "$dir/before.yaml" 2>/dev/null || true
    "$KUBECTL" kustomize "$dir/dev/$p" > "$dir/after.yaml" 2>/dev/null || true
    diff -u "$dir/before.yaml" "$dir/after.yaml" > /dev/null || true
  done
}
plan=("${rhoai[@]}" promote plan --from dev --to prod --profiles-dir "$dir/repo/profiles")
changed=$(env PATH="$(dirname "$KUBECTL"):/usr/bin:/bin" "${plan[@]}" -o json 2>/dev/null | python3 -c \
  'import json,sys; p=json.load(sys.stdin); print(len(p["commits"]), "commits,", len(p["files"]), "files,", sum(1 for a in p["applications"] if a.get("origin")), "apps changed,", len(p["rendered"]["sections"]), "rendered sections differ")' || true)

apps=$(env PATH="$(dirname "$KUBECTL"):/usr/bin:/bin" "${plan[@]}" --no-render -o json 2>/dev/null | python3 -c \
  'import json,sys; print(" ".join(a["path"] for a in json.load(sys.stdin)["applications"] if a.get("path")))' || true)
echo "repo: $(git -C "$dir/dev" ls-files | wc -l) files, 2 overlays, 33 Applications; plan: $changed"
echo "rhoai: ${rhoai[*]}; kubectl: $("$KUBECTL" version --client 2>/dev/null | head -1); runs: $RUNS"
run "rhoai version (JVM/binary start-up only)" "${rhoai[@]}" version
run "rhoai promote plan (git + apps + rendered diff)" env PATH="$(dirname "$KUBECTL"):/usr/bin:/bin" "${plan[@]}"
run "rhoai promote plan --no-render (git + apps only)" "${plan[@]}" --no-render
run "by hand: kubectl kustomize dev overlay + prod overlay" by_hand
run "by hand: same renders as plan (overlay + changed apps, x2) + diff" by_hand_same_work
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
