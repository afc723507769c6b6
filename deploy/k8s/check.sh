#!/usr/bin/env bash
# Offline checks of deploy/k8s, no cluster needed (README.md, "Checks"):
#   1. yamllint on every YAML file here;
#   2. kubectl kustomize (kubectl 1.20, the kustomize the manifests are written for) renders each
#      overlay into target/k8s-rendered/<overlay>.yaml;
#   3. validate/validate.mjs checks every rendered object against the Kubernetes and
#      prometheus-operator schemas, plus references and the deployment's own rules;
#   4. promtool: check rules on the PrometheusRule's groups and on every Grafana dashboard query,
#      then the rule unit tests (monitoring/tests/*.test.yaml).
# Needs yamllint, kubectl 1.20, node + npm, promtool (.ci/run installs them). KUBECTL=/path
# overrides the kubectl lookup.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
out="$root/target/k8s-rendered"
overlays=(dev prod kafka)
# Secrets the cluster provides in prod (not generated, so not in those renders)
external_secrets=(readmodel-credentials postgres-credentials mongodb-credentials)

step() { printf '\n== %s\n' "$*"; }

is_kubectl_120() { [[ -x $1 ]] && "$1" version --client 2>/dev/null | grep -q 'GitVersion:"v1\.20\.'; }

find_kubectl() {
  local candidate
  for candidate in "${KUBECTL:-}" "$(command -v kubectl || true)" /opt/kubectl-1.20/usr/bin/kubectl \
    /tmp/k120/usr/bin/kubectl; do
    if [[ -n $candidate ]] && is_kubectl_120 "$candidate"; then
      echo "$candidate"
      return
    fi
  done
  echo "check.sh: no kubectl 1.20 found (PATH, /opt/kubectl-1.20, KUBECTL=...)." >&2
  echo "  Debian: apt-get install kubernetes-client, or" >&2
  echo "  apt-get download kubernetes-client && dpkg-deb -x kubernetes-client_*.deb /opt/kubectl-1.20" >&2
  return 1
}

step "yamllint"
yamllint -s -c "$here/.yamllint.yaml" "$here"
echo "ok"

step "kubectl kustomize (kubectl 1.20)"
kubectl=$(find_kubectl)
echo "using $kubectl"
rm -rf "$out"
mkdir -p "$out"
for overlay in "${overlays[@]}"; do
  "$kubectl" kustomize "$here/overlays/$overlay" >"$out/$overlay.yaml"
  echo "$overlay: $(grep -c '^kind:' "$out/$overlay.yaml") objects -> ${out#"$root"/}/$overlay.yaml"
done

step "schemas and references (kubernetes-models, @kubernetes-models/prometheus-operator)"
(cd "$here/validate" && npm ci --no-audit --no-fund --prefer-offline --loglevel=error)
node "$here/validate/validate.mjs" "$out/dev.yaml"
node "$here/validate/validate.mjs" "${external_secrets[@]/#/--external-secret=}" "$out/prod.yaml" "$out/kafka.yaml"

step "promtool: rules, dashboard queries, rule unit tests"
for overlay in prod kafka; do
  node "$here/validate/promql.mjs" "$out/$overlay.yaml" "$out/promtool/$overlay" "$root/README.md" "$here/README.md"
  promtool check rules "$out/promtool/$overlay/prometheus-rules.yaml" "$out/promtool/$overlay/dashboard-rules.yaml"
done
cp "$here"/monitoring/tests/*.test.yaml "$out/promtool/prod/"
promtool test rules "$out"/promtool/prod/*.test.yaml

step "deploy/k8s: all checks passed"
