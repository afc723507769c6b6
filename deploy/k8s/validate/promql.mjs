// Extracts the PromQL of a rendered overlay for promtool, and checks its metric names.
//
//   node promql.mjs <rendered.yaml> <out-dir> <contract.md>...
//
// Writes <out-dir>/prometheus-rules.yaml: the groups of every PrometheusRule (for promtool check
// rules and promtool test rules), and <out-dir>/dashboard-rules.yaml: every query of every Grafana
// dashboard ConfigMap as a recording rule, Grafana variables replaced by sample values, so that
// promtool check rules parses them. Then every readmodel_* metric the rules and dashboards use
// must be named in one of the contract documents (the READMEs' metric tables): a misspelt metric
// makes an alert that never fires or a panel that stays empty.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import yaml from "js-yaml";

const [rendered, outDir, ...contracts] = process.argv.slice(2);
if (!rendered || !outDir || contracts.length === 0) {
  console.error("usage: node promql.mjs <rendered.yaml> <out-dir> <contract.md>...");
  process.exit(2);
}
const objects = yaml.loadAll(readFileSync(rendered, "utf8")).filter(Boolean);
mkdirSync(outDir, { recursive: true });

const groups = objects.filter((o) => o.kind === "PrometheusRule").flatMap((o) => o.spec.groups);
const ruleExprs = groups.flatMap((g) => g.rules.map((r) => String(r.expr)));

// Grafana's variables, replaced by values of the right shape for parsing.
const GRAFANA_VARIABLES = {
  __rate_interval: "5m", __interval: "1m", __range: "1h", __interval_ms: "60000", __range_s: "3600",
};
const substitute = (expr) =>
  expr.replace(/\$\{?(\w+)(?::\w+)?\}?/g, (_, name) => GRAFANA_VARIABLES[name] ?? "sample");

const dashboardRules = [];
for (const cm of objects.filter((o) => o.kind === "ConfigMap" && o.metadata.labels?.grafana_dashboard)) {
  for (const [key, json] of Object.entries(cm.data ?? {})) {
    const dashboard = JSON.parse(json);
    const panels = (dashboard.panels ?? []).flatMap((p) => [p, ...(p.panels ?? [])]);
    for (const panel of panels) {
      for (const target of panel.targets ?? []) {
        if (!target.expr) continue;
        dashboardRules.push({
          record: `dashboard:panel_${panel.id}_${target.refId}`,
          expr: substitute(target.expr),
          labels: { source: `${cm.metadata.name}/${key}`, panel: panel.title },
        });
      }
    }
    // label_values(<metric or selector>, label) variables: the first argument is PromQL too
    for (const variable of dashboard.templating?.list ?? []) {
      const query = typeof variable.query === "string" ? variable.query : variable.query?.query;
      const m = /^label_values\((.+),\s*\w+\)$/.exec(query ?? "");
      if (m) dashboardRules.push({ record: `dashboard:variable_${variable.name}`, expr: substitute(m[1]) });
    }
  }
}

if (groups.length) writeFileSync(join(outDir, "prometheus-rules.yaml"), yaml.dump({ groups }, { lineWidth: -1 }));
if (dashboardRules.length) {
  writeFileSync(join(outDir, "dashboard-rules.yaml"), yaml.dump({ groups: [{ name: "dashboard-queries", rules: dashboardRules }] }, { lineWidth: -1 }));
}

const contract = new Set(contracts.flatMap((f) => readFileSync(f, "utf8").match(/`readmodel_[a-z0-9_]+`/g) ?? []).map((m) => m.slice(1, -1)));
const used = new Set([...ruleExprs, ...dashboardRules.map((r) => r.expr)].flatMap((e) => e.match(/\breadmodel_[a-z0-9_]+/g) ?? []));
const unknown = [...used].filter((m) => !contract.has(m) && !contract.has(m.replace(/_(bucket|sum|count)$/, "")));
console.log(`${rendered}: ${groups.length} rule group(s), ${ruleExprs.length} rule(s), ${dashboardRules.length} dashboard quer(ies), ${used.size} metric(s) used`);
if (unknown.length) {
  console.error(`metrics not in the contract (${contracts.join(", ")}): ${unknown.join(", ")}`);
  process.exit(1);
}
