#!/usr/bin/env bash
# Benchmark: `rhoai models check` on a model tree the size and shape of the seed's
# components/configs/maas/model-serving/base (15 InferenceServices, 14 on GPUs; 6 ServingRuntimes, one runtime
# missing; a kustomization with namespace llm-hosting), next to `kubectl kustomize` of the same directory, which is
# what a person runs to see what would be applied (and which checks nothing).
#
#   scripts/bench/models-check.sh            # RUNS=5; RHOAI="path/to/rhoai" to time a native binary
#
# rhoai defaults to the native runner in target/ if built, else scripts/rhoai (the JVM launcher).
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-5}
KUBECTL=${KUBECTL:-$(command -v kubectl || true)}

if [ -n "${RHOAI:-}" ]; then
  read -r -a rhoai <<< "$RHOAI"
elif compgen -G "target/*-runner" > /dev/null; then
  rhoai=("$(ls target/*-runner | head -1)")
else
  rhoai=(scripts/rhoai)   # the JVM launcher users run (builds on first use; AppCDS/AOT cache)
  scripts/rhoai version >/dev/null
fi

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
base="$dir/repo/components/configs/maas/model-serving/base"
mkdir -p "$base/serving-runtimes"

runtime() {  # runtime NAME FORMAT PORT
  printf 'apiVersion: serving.kserve.io/v1alpha1\nkind: ServingRuntime\nmetadata:\n  name: %s\n  labels:\n    opendatahub.io/dashboard: "true"\nspec:\n  containers:\n    - image: quay.io/example/%s:latest\n      name: kserve-container\n      ports:\n        - containerPort: %s\n          protocol: TCP\n  multiModel: false\n  supportedModelFormats:\n    - autoSelect: true\n      name: %s\n' "$1" "$1" "$3" "$2"
}
isvc() {  # isvc NAME RUNTIME FORMAT GPUS LABEL
  cat <<YAML
apiVersion: serving.kserve.io/v1beta1
kind: InferenceService
metadata:
  annotations:
    openshift.io/display-name: $1
    serving.kserve.io/deploymentMode: RawDeployment
  name: $1
  labels:
    opendatahub.io/dashboard: "true"
spec:
  predictor:
    maxReplicas: 1
    minReplicas: 1
    model:
      args: ["--port=8080", "--model=/mnt/models", "--served-model-name={{.Name}}", "--max-model-len=6144"]
      modelFormat:
        name: $3
      resources:
        limits: {cpu: "8", memory: 24Gi, nvidia.com/gpu: "$4"}
        requests: {cpu: "4", memory: 16Gi, nvidia.com/gpu: "$4"}
      runtime: $2
      storage:
        key: aws-connection-models
        path: models/$1/
    tolerations:
      - {effect: NoSchedule, key: nvidia.com/gpu, operator: Equal, value: $5}
YAML
}
for v in 2.19 2.21 2.25; do runtime "vllm-rhoai-$v" vLLM 8080 > "$base/serving-runtimes/rhoai-$v-vllm-sr.yaml"; done
{ runtime docling-serve-v0.7.0 Docling 5001; echo ---; isvc docling-v0-7-0 docling-serve-v0.7.0 Docling 1 Tesla-T4-PRIVATE; } > "$base/docling.yaml"
{ runtime tei-1.6 sBERT 8080; echo ---; isvc nomic-embed-text-v1-5 tei-1.6 sBERT 1 Tesla-T4-PRIVATE; } > "$base/nomic-embed-text-v1-5.yaml"
{ runtime sdxl sdxl 8080; echo ---; isvc sdxl sdxl sdxl 1 NVIDIA-L40-PRIVATE; } > "$base/sdxl-custom-runtime.yaml"
while read -r name rt gpus label; do
  isvc "$name" "$rt" vLLM "$gpus" "$label" > "$base/$name.yaml"
done <<'MODELS'
deepseek-r1-qwen-14b-w4a16 vllm-rhoai-2.21 1 NVIDIA-L40S-PRIVATE
granite-3-3-8b-instruct vllm-rhoai-2.21 1 NVIDIA-A10G-PRIVATE
granite-8b-lab-v1 vllm-rhoai-2.21 1 NVIDIA-L40-PRIVATE
granite3-guardian-2b granite3-guardian-2b 1 Tesla-T4-PRIVATE
granite-vision-3-2-2b vllm-rhoai-2.21 1 NVIDIA-L40-PRIVATE
llama-3-2-3b vllm-rhoai-2.21 1 NVIDIA-L40-PRIVATE
llama-4-scout-17b-16e-w4a16 vllm-rhoai-2.25 4 NVIDIA-L40S-MULTI-PRIVATE
mistral-small-24b-w8a8 vllm-rhoai-2.21 1 NVIDIA-L40S-PRIVATE
phi-4 vllm-rhoai-2.21 1 NVIDIA-L40S-PRIVATE
qwen25-vl-7b-instruct-fp8-dynamic vllm-rhoai-2.21 1 NVIDIA-A10G-PRIVATE
safety-checker vllm-rhoai-2.21 1 Tesla-T4-PRIVATE
MODELS
isvc tinyllama-1b-cpu vllm-rhoai-2.21 vLLM 0 none | grep -v 'nvidia.com/gpu: "0"\|tolerations\|value: none' \
  | sed 's/, nvidia.com\/gpu: "0"//' > "$base/tinyllama-1.1b-chat-v1.0-cpu.yaml"
{ echo "apiVersion: kustomize.config.k8s.io/v1beta1"; echo "kind: Kustomization"; echo "namespace: llm-hosting"; echo "resources:"
  (cd "$base" && find . -name '*.yaml' ! -name kustomization.yaml | sed 's|^\./|  - |' | sort); } > "$base/kustomization.yaml"

check=("${rhoai[@]}" models check -c rhoaibu-cluster-prod --profiles-dir install-configs --repo-dir "$dir/repo"
       --models-dir components/configs/maas/model-serving/base)

# run LABEL CMD...: timing of $RUNS runs (scripts/bench/timing.sh)
source scripts/bench/timing.sh

summary=$("${check[@]}" --no-kustomize -o json 2>/dev/null | python3 -c \
  'import json,sys; r=json.load(sys.stdin); print(len(r["models"]), "models,", r["failed"], "failed checks")' || true)
echo "tree: $(find "$dir/repo" -name '*.yaml' | wc -l) files; check (files): $summary"
echo "rhoai: ${rhoai[*]}; runs: $RUNS"
run "rhoai version (JVM/binary start-up only)" "${rhoai[@]}" version
run "rhoai models check --no-kustomize (reads the YAML files)" "${check[@]}" --no-kustomize
if [ -n "$KUBECTL" ]; then
  echo "kubectl: $("$KUBECTL" version --client 2>/dev/null | head -1)"
  run "rhoai models check (through kubectl kustomize)" env PATH="$(dirname "$KUBECTL"):/usr/bin:/bin" "${check[@]}"
  run "by hand: kubectl kustomize of the same directory" "$KUBECTL" kustomize "$base"
else
  echo "no kubectl on PATH (scripts/install-test-deps.sh installs it): the kustomize rows are left out"
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
