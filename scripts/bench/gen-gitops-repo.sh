#!/usr/bin/env bash
# Generates a GitOps repository the size and shape of the seed (rh-aiservices-bu/rhoaibu-cluster): ~450 files,
# 2 cluster overlays (dev tracks branch dev, prod tracks main), 4 ApplicationSets generating 33 Applications
# (list generators with values.path, a git directory generator over components/operators/*), per-env JSON6902
# patches, and a history where dev is ahead of main (operator bumps, runtime changes) after an earlier promotion
# merge. Every kustomization builds offline (no remote bases).
#
# usage: gen-gitops-repo.sh DIR        → DIR/remote.git (bare) and DIR/profiles/{rhoaibu-cluster-dev,-prod}.yaml
set -euo pipefail
out=${1:?usage: gen-gitops-repo.sh DIR}
rm -rf "$out"; mkdir -p "$out"
work="$out/work"; remote="$out/remote.git"
git init -q -b main "$work"; git init -q --bare -b main "$remote"
cd "$work"
git config user.name bench; git config user.email bench@example.com
REPO=https://github.com/acme/rhoaibu-cluster

k() {  # k DIR RESOURCE... : a kustomization listing resources
  local dir=$1; shift; mkdir -p "$dir"
  { echo "apiVersion: kustomize.config.k8s.io/v1beta1"; echo "kind: Kustomization"; echo "resources:"
    for r in "$@"; do echo "  - $r"; done; } > "$dir/kustomization.yaml"
}
ns() { printf 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s\n' "$2" > "$1"; }
cm() { printf 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: %s\n  namespace: %s\ndata:\n  value: "%s"\n' "$2" "$3" "$4" > "$1"; }
sub() { printf 'apiVersion: operators.coreos.com/v1alpha1\nkind: Subscription\nmetadata:\n  name: %s\n  namespace: %s\nspec:\n  channel: %s\n  installPlanApproval: Automatic\n  name: %s\n  source: redhat-operators\n  sourceNamespace: openshift-marketplace\n' "$2" "$3" "$4" "$2" > "$1"; }

# 17 core operators (git directory generator), 4 files each
for i in $(seq -w 1 17); do
  d=components/operators/operator-$i; mkdir -p $d
  ns $d/namespace.yaml op-$i
  printf 'apiVersion: operators.coreos.com/v1\nkind: OperatorGroup\nmetadata:\n  name: op-%s\n  namespace: op-%s\nspec: {}\n' $i $i > $d/operatorgroup.yaml
  sub $d/subscription.yaml operator-$i op-$i stable-1.$i
  k $d namespace.yaml operatorgroup.yaml subscription.yaml
done
# 6 extra operators (one list generator), 3 files each
for i in 1 2 3 4 5 6; do
  d=components/operators-extra/extra-$i/overlays/default; mkdir -p $d
  ns $d/namespace.yaml extra-$i; sub $d/subscription.yaml extra-$i extra-$i alpha
  k $d namespace.yaml subscription.yaml
done
# 7 operator instances (7 list generators); 3 of them with per-env overlays, each with a base of 8 resources
for i in 1 2 3 4 5 6 7; do
  b=components/instances/instance-$i/base; mkdir -p $b
  res=()
  for j in 1 2 3 4 5 6 7 8; do cm $b/config-$j.yaml instance-$i-$j instance-$i "v1.$j"; res+=(config-$j.yaml); done
  k $b "${res[@]}"
  if [ $i -le 3 ]; then
    for env in rhoaibu-cluster-dev rhoaibu-cluster-prod; do
      o=components/instances/instance-$i/overlays/$env; mkdir -p $o
      cat > $o/kustomization.yaml <<Y
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - ../../base
patches:
  - target:
      kind: ConfigMap
      name: instance-$i-1
    patch: |-
      - op: replace
        path: /data/value
        value: "$env"
Y
    done
  else
    k components/instances/instance-$i/overlays/full ../../base
  fi
done
# 3 config apps: namespaces, console (per env), oauth
k components/configs/namespaces/overlays namespaces.yaml; ns components/configs/namespaces/overlays/namespaces.yaml rhoai-model-registries
mkdir -p components/configs/console/base; cm components/configs/console/base/banner.yaml banner openshift-config "RHOAI BU Cluster"
k components/configs/console/base banner.yaml
for env in rhoaibu-cluster-dev rhoaibu-cluster-prod; do k components/configs/console/overlays/$env ../../base; done
mkdir -p components/configs/oauth/base; cm components/configs/oauth/base/oauth.yaml oauth openshift-config google
k components/configs/oauth/base oauth.yaml; k components/configs/oauth/overlays ../base
# bulk that no ApplicationSet deploys, as in the seed (MaaS applied by hand, bootstrap, docs)
for i in $(seq -w 1 15); do
  d=components/configs/maas/model-serving/base/model-$i; mkdir -p $d components/configs/maas/3scale-config/base/model-$i
  cm $d/inferenceservice.yaml model-$i llm-hosting "isvc"; cm $d/servingruntime.yaml runtime-$i llm-hosting "vllm"
  for f in backend product application-plan mapping-rule; do cm components/configs/maas/3scale-config/base/model-$i/$f.yaml $f-$i 3scale "$f"; done
  echo '{"openapi":"3.0.0","info":{"title":"model-'$i'"}}' > components/configs/maas/3scale-config/base/model-$i/apidoc.json
done
mkdir -p docs bootstrap/machinesets bootstrap/utils
for i in $(seq -w 1 100); do printf '# Page %s\n\nText.\n' $i > docs/page-$i.md; done
for i in $(seq -w 1 55); do printf '#!/bin/bash\necho %s\n' $i > bootstrap/utils/script-$i.sh; done
for i in $(seq -w 1 12); do cm bootstrap/machinesets/ms-$i.yaml ms-$i openshift-machine-api "m6i"; done

# ApplicationSets (base targetRevision dev, auto-sync in the base, removed by the overlays)
mkdir -p components/argocd/apps
tmpl() {  # tmpl NAME PROJECT PATHEXPR
  cat <<Y
  template:
    metadata:
      name: '$1'
    spec:
      project: $2
      source:
        repoURL: $REPO
        targetRevision: dev
        path: '$3'
      destination:
        server: https://kubernetes.default.svc
        namespace: openshift-gitops
      syncPolicy:
        automated:
          prune: false
          selfHeal: true
Y
}
{ printf 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: cluster-config-applicationset\n  namespace: openshift-gitops\nspec:\n  generators:\n    - list:\n        elements:\n'
  printf '          - name: config-namespaces\n            values:\n              path: components/configs/namespaces/overlays\n'
  printf '          - name: config-console\n            values:\n              path: components/configs/console/overlays\n'
  printf '          - name: config-oauth\n            values:\n              path: components/configs/oauth/overlays\n'
  tmpl '{{name}}' cluster-config '{{values.path}}'; } > components/argocd/apps/cluster-config-applicationset.yaml
{ printf 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: cluster-oper-instances-applicationset\n  namespace: openshift-gitops\nspec:\n  generators:\n'
  for i in 1 2 3 4 5 6 7; do
    p=components/instances/instance-$i/overlays/full; [ $i -le 3 ] && p=components/instances/instance-$i/overlays/
    printf '    - list:\n        elements:\n          - name: instance-%s\n            values:\n              path: %s\n' $i $p
  done
  tmpl '{{name}}' cluster-oper-instances '{{values.path}}'; } > components/argocd/apps/cluster-oper-instances-applicationset.yaml
{ printf 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: cluster-operators-applicationset\n  namespace: openshift-gitops\nspec:\n  generators:\n    - git:\n        repoURL: %s\n        revision: dev\n        directories:\n          - path: components/operators/*\n' $REPO
  tmpl '{{path.basename}}' cluster-operators '{{path}}'; } > components/argocd/apps/cluster-operators-applicationset.yaml
{ printf 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: cluster-operator-extra-applicationset\n  namespace: openshift-gitops\nspec:\n  generators:\n    - list:\n        elements:\n'
  for i in 1 2 3 4 5 6; do printf '          - name: extra-%s\n            values:\n              path: components/operators-extra/extra-%s/overlays/default\n' $i $i; done
  tmpl '{{name}}' cluster-operators '{{values.path}}'; } > components/argocd/apps/cluster-operator-extra-applicationset.yaml
k components/argocd/apps cluster-config-applicationset.yaml cluster-oper-instances-applicationset.yaml cluster-operators-applicationset.yaml cluster-operator-extra-applicationset.yaml
k clusters/base ../../components/argocd/apps
for env in rhoaibu-cluster-dev rhoaibu-cluster-prod; do
  rev=dev; [ $env = rhoaibu-cluster-prod ] && rev=main
  mkdir -p clusters/overlays/$env
  {
    printf 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\npatches:\n'
    printf '  - target:\n      kind: ApplicationSet\n      name: cluster-config-applicationset\n    patch: |-\n      - op: replace\n        path: /spec/template/spec/source/targetRevision\n        value: %s\n      - op: replace\n        path: /spec/generators/0/list/elements/1/values/path\n        value: components/configs/console/overlays/%s\n' $rev $env
    printf '  - target:\n      kind: ApplicationSet\n      name: cluster-oper-instances-applicationset\n    patch: |-\n      - op: replace\n        path: /spec/template/spec/source/targetRevision\n        value: %s\n' $rev
    for g in 0 1 2; do printf '      - op: replace\n        path: /spec/generators/%s/list/elements/0/values/path\n        value: components/instances/instance-%s/overlays/%s\n' $g $((g+1)) $env; done
    printf '  - target:\n      kind: ApplicationSet\n      name: cluster-operators-applicationset\n    patch: |-\n      - op: replace\n        path: /spec/template/spec/source/targetRevision\n        value: %s\n      - op: replace\n        path: /spec/generators/0/git/revision\n        value: %s\n' $rev $rev
    printf '  - target:\n      kind: ApplicationSet\n      name: cluster-operator-extra-applicationset\n    patch: |-\n      - op: replace\n        path: /spec/template/spec/source/targetRevision\n        value: %s\n' $rev
    printf '  # Uncomment patches to disable automatic sync\n  - target:\n      kind: ApplicationSet\n    patch: |-\n      - op: remove\n        path: /spec/template/spec/syncPolicy\n'
  } > clusters/overlays/$env/kustomization.yaml
done
echo "# rhoaibu-cluster (generated)" > README.md
git add -A; git commit -qm "back to the future: rhoai dev again"
git branch dev
# an earlier promotion: a dev commit merged into main with --no-ff
git checkout -q dev; echo "workflow" > docs/workflow.md; git add -A; git commit -qm "docs: dev/test workflow"
git checkout -q main; git merge -q --no-ff dev -m "Merge pull request #148 from acme/dev"
# dev moves ahead: operator channel bumps and runtime/instance changes in separate folders
git checkout -q dev
for i in 01 05 09; do sed -i "s/channel: stable-1.$i/channel: stable-2.$i/" components/operators/operator-$i/subscription.yaml; git commit -qam "operator-$i: channel bump"; done
for i in 2 4 6; do sed -i 's/value: "v1.3"/value: "v2.3"/' components/instances/instance-$i/base/config-3.yaml; git commit -qam "instance-$i: runtime update"; done
sed -i 's/value: "rhoaibu-cluster-prod"/value: "prod-tuned"/' components/instances/instance-1/overlays/rhoaibu-cluster-prod/kustomization.yaml; git commit -qam "instance-1: prod tuning"
for f in $(ls docs/page-*.md | head -10); do echo "more" >> "$f"; done; git commit -qam "docs: refresh"
git push -q "$remote" main dev
cd "$out"; mkdir -p profiles
for env in dev prod; do
  rev=dev; [ $env = prod ] && rev=main
  cat > profiles/rhoaibu-cluster-$env.yaml <<Y
apiVersion: rhoai.io/v1alpha1
kind: ClusterProfile
metadata:
  name: rhoaibu-cluster-$env
spec:
  cluster:
    name: $env
    baseDomain: example.com
  gitops:
    repoURL: $remote
    revision: $rev
    overlayPath: clusters/overlays/rhoaibu-cluster-$env
    promotion: branch
Y
done
echo "files: $(git -C "$work" ls-files | wc -l) (branch dev: $(git -C "$work" ls-tree -r --name-only dev | wc -l))"
