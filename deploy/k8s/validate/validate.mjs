// Validates rendered overlays (kubectl kustomize output), offline:
//  1. every object against its Kubernetes schema (kubernetes-models) or prometheus-operator
//     schema (@kubernetes-models/prometheus-operator): types, required fields, formats, enums;
//  2. references inside the render: ConfigMaps and Secrets used by pods (hashed generator names;
//     optional Secret keys excepted),
//     Services, PDBs, NetworkPolicies and ServiceMonitors selecting pods or Services that exist,
//     Ingress and HPA targets;
//  3. the deployment's own rules: requests, limits and probes on every container, SmallRye
//     Health paths, namespaces set, the bridge's grace period and restart delay, wal_level.
//
// Usage: node validate.mjs [--external-secret[=]name]... rendered.yaml...
// --external-secret names a Secret the cluster provides (not in the render).
// Limitation: these schemas accept unknown fields, so a misspelt field name is not reported.
import { readFileSync } from "node:fs";
import yaml from "js-yaml";

const args = process.argv.slice(2);
const externalSecrets = new Set();
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--external-secret") externalSecrets.add(args[++i]);
  else if (args[i].startsWith("--external-secret=")) externalSecrets.add(args[i].slice("--external-secret=".length));
  else files.push(args[i]);
}
if (files.length === 0) {
  console.error("usage: node validate.mjs [--external-secret name]... rendered.yaml...");
  process.exit(2);
}

const CLUSTER_SCOPED = new Set(["Namespace", "ClusterRole", "ClusterRoleBinding", "PersistentVolume", "StorageClass"]);
const WORKLOADS = new Set(["Deployment", "StatefulSet", "Job", "DaemonSet"]);
const HEALTH_PATHS = { startupProbe: "/q/health/started", readinessProbe: "/q/health/ready", livenessProbe: "/q/health/live" };

async function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  const module = group === "monitoring.coreos.com"
    ? `@kubernetes-models/prometheus-operator/${group}/${version}/${kind}`
    : `kubernetes-models/${group ? `${group}/` : ""}${version}/${kind}`;
  try {
    return (await import(module))[kind];
  } catch {
    return undefined;
  }
}

const matches = (selector, labels = {}) =>
  Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v) &&
  (selector.matchExpressions ?? []).every(({ key, operator, values = [] }) => {
    switch (operator) {
      case "In": return values.includes(labels[key]);
      case "NotIn": return !values.includes(labels[key]);
      case "Exists": return key in labels;
      case "DoesNotExist": return !(key in labels);
      default: return false;
    }
  });

let failures = 0;
function fail(file, obj, message) {
  failures++;
  console.error(`${file}: ${obj ? `${obj.kind}/${obj.metadata?.name}: ` : ""}${message}`);
}

for (const file of files) {
  const objects = yaml.loadAll(readFileSync(file, "utf8")).filter(Boolean);
  const named = (kind, name) => objects.find((o) => o.kind === kind && o.metadata?.name === name);
  const podTemplates = objects.filter((o) => WORKLOADS.has(o.kind)).map((o) => ({ owner: o, template: o.spec.template }));

  for (const obj of objects) {
    // 1. schema
    const Model = await modelFor(obj.apiVersion, obj.kind);
    if (!Model) {
      fail(file, obj, `no schema for ${obj.apiVersion} ${obj.kind}`);
      continue;
    }
    // newer kustomize wraps long base64 values; the API server's decoder skips the line breaks
    if (obj.kind === "Secret" && obj.data) {
      for (const key of Object.keys(obj.data)) obj.data[key] = String(obj.data[key]).replace(/[\r\n]/g, "");
    }
    try {
      new Model(obj).validate();
    } catch (e) {
      fail(file, obj, `schema: ${e.message}`);
    }
    if (!CLUSTER_SCOPED.has(obj.kind) && !obj.metadata?.namespace) fail(file, obj, "no namespace");
    if (!obj.metadata?.labels?.["app.kubernetes.io/part-of"] && obj.kind !== "Namespace" && obj.kind !== "Secret") {
      fail(file, obj, "missing label app.kubernetes.io/part-of");
    }

    // 2. references and 3. rules, per kind
    if (WORKLOADS.has(obj.kind)) checkPodTemplate(file, obj, named);
    if (obj.kind === "Deployment" || obj.kind === "StatefulSet") {
      if (!matches(obj.spec.selector, obj.spec.template.metadata?.labels)) fail(file, obj, "selector does not match the pod template");
    }
    if (obj.kind === "Service" && obj.spec.type !== "ExternalName") {
      const selected = podTemplates.filter((p) => matches({ matchLabels: obj.spec.selector }, p.template.metadata?.labels));
      if (selected.length === 0) fail(file, obj, "selects no pod template");
      for (const port of obj.spec.ports ?? []) {
        if (typeof port.targetPort !== "string") continue;
        const found = selected.some((p) => p.template.spec.containers.some((c) => (c.ports ?? []).some((cp) => cp.name === port.targetPort)));
        if (!found) fail(file, obj, `targetPort ${port.targetPort} is no container port of the selected pods`);
      }
    }
    if (obj.kind === "PodDisruptionBudget" || (obj.kind === "NetworkPolicy" && Object.keys(obj.spec.podSelector).length)) {
      const selector = obj.kind === "PodDisruptionBudget" ? obj.spec.selector : obj.spec.podSelector;
      if (!podTemplates.some((p) => matches(selector, p.template.metadata?.labels))) fail(file, obj, "selects no pod");
    }
    if (obj.kind === "NetworkPolicy") {
      for (const rule of obj.spec.ingress ?? []) {
        for (const peer of rule.from ?? []) {
          if (peer.podSelector && !peer.namespaceSelector && !podTemplates.some((p) => matches(peer.podSelector, p.template.metadata?.labels))) {
            fail(file, obj, `ingress peer ${JSON.stringify(peer.podSelector)} selects no pod`);
          }
        }
      }
    }
    if (obj.kind === "ServiceMonitor") {
      const services = objects.filter((o) => o.kind === "Service" && matches(obj.spec.selector, o.metadata.labels));
      if (services.length === 0) fail(file, obj, "selects no Service");
      for (const endpoint of obj.spec.endpoints) {
        for (const service of services) {
          if (!service.spec.ports.some((p) => p.name === endpoint.port)) fail(file, obj, `Service ${service.metadata.name} has no port ${endpoint.port}`);
        }
      }
    }
    if (obj.kind === "HorizontalPodAutoscaler") {
      const { kind, name } = obj.spec.scaleTargetRef;
      if (!named(kind, name)) fail(file, obj, `scale target ${kind}/${name} not found`);
    }
    if (obj.kind === "Ingress") {
      for (const rule of obj.spec.rules ?? []) {
        for (const path of rule.http?.paths ?? []) {
          const { name, port } = path.backend.service;
          const service = named("Service", name);
          if (!service) fail(file, obj, `backend Service ${name} not found`);
          else if (port.name && !service.spec.ports.some((p) => p.name === port.name)) fail(file, obj, `Service ${name} has no port ${port.name}`);
        }
      }
    }
  }
  checkPipeline(file, objects, named);
  console.log(`${file}: ${objects.length} objects checked`);
}

function checkPodTemplate(file, obj, named) {
  const spec = obj.spec.template.spec;
  const refs = [];
  for (const volume of spec.volumes ?? []) {
    if (volume.configMap) refs.push(["ConfigMap", volume.configMap.name]);
    if (volume.secret) refs.push(["Secret", volume.secret.secretName]);
  }
  for (const container of [...(spec.initContainers ?? []), ...spec.containers]) {
    for (const source of container.envFrom ?? []) {
      if (source.configMapRef) refs.push(["ConfigMap", source.configMapRef.name]);
      if (source.secretRef) refs.push(["Secret", source.secretRef.name]);
    }
    for (const env of container.env ?? []) {
      if (env.valueFrom?.configMapKeyRef) refs.push(["ConfigMap", env.valueFrom.configMapKeyRef.name, env.valueFrom.configMapKeyRef.key]);
      if (env.valueFrom?.secretKeyRef && !env.valueFrom.secretKeyRef.optional) {
        refs.push(["Secret", env.valueFrom.secretKeyRef.name, env.valueFrom.secretKeyRef.key]);
      }
    }
    const where = `container ${container.name}`;
    for (const kind of ["requests", "limits"]) {
      for (const resource of ["cpu", "memory"]) {
        if (!container.resources?.[kind]?.[resource]) fail(file, obj, `${where}: no ${kind}.${resource}`);
      }
    }
    if (obj.kind === "Job" || spec.initContainers?.includes(container)) continue;
    for (const probe of ["readinessProbe", "livenessProbe"]) {
      if (!container[probe]) fail(file, obj, `${where}: no ${probe}`);
    }
    // the Quarkus apps: SmallRye Health on every probe
    if (container.image?.startsWith("readmodel/")) {
      for (const [probe, path] of Object.entries(HEALTH_PATHS)) {
        if (container[probe]?.httpGet?.path !== path) fail(file, obj, `${where}: ${probe} must GET ${path}`);
      }
    }
  }
  for (const [kind, name, key] of refs) {
    const target = named(kind, name);
    if (!target) {
      if (!(kind === "Secret" && externalSecrets.has(name))) fail(file, obj, `${kind} ${name} not found in the render`);
    } else if (key !== undefined && !(key in (target.data ?? {})) && !(key in (target.stringData ?? {}))) {
      fail(file, obj, `${kind} ${name} has no key ${key}`);
    }
  }
}

// The pipeline's own invariants (deploy/k8s/README.md).
function checkPipeline(file, objects, named) {
  const bridge = named("Deployment", "cdc-bridge");
  if (bridge) {
    const spec = bridge.spec.template.spec;
    if ((spec.terminationGracePeriodSeconds ?? 30) < 60) fail(file, bridge, "terminationGracePeriodSeconds < 60: the bridge needs time to flush");
    const configName = spec.containers[0].envFrom?.find((s) => s.configMapRef)?.configMapRef.name;
    const config = configName && named("ConfigMap", configName);
    if (!config?.data?.BRIDGE_MAX_RESTART_DELAY) fail(file, bridge, "its ConfigMap sets no BRIDGE_MAX_RESTART_DELAY (standby takeover time)");
    if (bridge.spec.replicas > 1 && !objects.some((o) => o.kind === "PodDisruptionBudget" && matches(o.spec.selector, spec.labels ?? bridge.spec.template.metadata.labels))) {
      fail(file, bridge, "a standby pair without a PodDisruptionBudget");
    }
  }
  const postgres = named("StatefulSet", "postgres");
  if (postgres && !postgres.spec.template.spec.containers[0].args?.includes("wal_level=logical")) {
    fail(file, postgres, "PostgreSQL without wal_level=logical");
  }
}

if (failures) {
  console.error(`${failures} problem(s)`);
  process.exit(1);
}
