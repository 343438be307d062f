// Lint's one rule that reads the repository: each environment's manifest against pipeline.yaml, with bump-image's own check.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Model } from '../config/model.js';
import { locate } from '../config/locate.js';
import { checkDeployment } from '../helpers/gitops/deployment-check.js';
import { findImages } from '../helpers/gitops/manifest.js';
import { parseDocuments } from '../helpers/gitops/yaml-nodes.js';
import { workloadOf } from '../helpers/gitops/format-plain.js';
import { readBoundedText } from '../helpers/shared/bounded-read.js';
import { resolveInside } from '../helpers/shared/inside-root.js';
import type { Diagnostic, DiagnosticSeverity } from './diagnostic.js';

/** Not in rules/index.ts: its findings are in manifest files, so the config-only machinery (doc examples, ruleCases) cannot run it. */
export const MANIFEST_RULE = {
  id: 'manifest-disagrees',
  description: "an environment's manifest runs the configured image with the replicas, strategy and resources pipeline.yaml gives it",
  severity: 'warning' as DiagnosticSeverity,
};

/** 1-based line and column of an offset. */
function position(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Where a mismatch lives in a plain manifest: the field's node of the workload, else the image line. */
function mismatchPosition(source: string, workload: string, field: string, fallback: number): { line: number; column: number } {
  let docs;
  try {
    docs = parseDocuments(source);
  } catch {
    return { line: fallback, column: 1 };
  }
  const doc = docs.find((d) => workloadOf(d) === workload);
  const keyPath = field === 'replicas' ? ['spec', 'replicas'] : field === 'strategy' ? ['spec', 'strategy'] : null;
  const node = doc && keyPath ? (doc.getIn(keyPath, true) as { range?: [number, number] } | undefined) : undefined;
  if (!node?.range && workload === 'values' && field === 'replicas') {
    const values = docs[0]?.get('replicaCount', true) as { range?: [number, number] } | undefined;
    if (values?.range) return position(source, values.range[0]);
  }
  return node?.range ? position(source, node.range[0]) : { line: fallback, column: 1 };
}

/**
 * The findings for one config: `manifests` is a checkout of the GitOps repository; without it the manifest paths are
 * read relative to the config's folder (manifests kept in the application repository). When no manifest can be read,
 * one info note on the config says so; `configured` is lint.rules' setting for the rule, if any.
 */
export function manifestDiagnostics(model: Model, file: string, text: string, manifests: string | undefined, configured?: string): Diagnostic[] {
  if (configured === 'off') return [];
  const envs = model.environments.filter((e) => e.deploy === 'gitops' && e.manifest !== null);
  if (envs.length === 0) return [];
  const root = manifests ?? dirname(file);
  const out: Diagnostic[] = [];
  let read = 0;
  const image = model.image?.name ?? model.app;
  for (const env of envs) {
    let path: string;
    try {
      path = resolveInside(root, env.manifest!).path;
    } catch {
      continue; // manifest-path-unsafe reports it on the config
    }
    if (!existsSync(path)) continue;
    const shown = join(root, env.manifest!);
    const severity: DiagnosticSeverity = configured === 'error' || configured === 'warning' ? configured : env.onMismatch === 'fail' ? 'error' : 'warning';
    const at = (message: string, where: { line: number; column: number }, sev: DiagnosticSeverity = severity): Diagnostic => ({
      ruleId: MANIFEST_RULE.id,
      severity: sev,
      message,
      file: shown,
      path: ['environments', env.name, 'manifest'],
      ...where,
    });
    try {
      const source = readBoundedText(path, `the manifest "${env.manifest}"`, 'manifest');
      read++;
      const target = { image, container: env.container, helmKeyPath: env.helmKeyPath };
      const { format, occurrences } = findImages(path, source, env.format, target);
      if (occurrences.length === 0) {
        // bump-image refuses such a manifest whatever onMismatch says.
        out.push(at(`environment "${env.name}": image "${image}" does not appear in ${env.manifest} (${format}), so bump-image would refuse to deploy`, { line: 1, column: 1 }, configured === 'warning' ? 'warning' : 'error'));
        continue;
      }
      const aliases = occurrences.flatMap((o) => o.aliases ?? []);
      const expect = { strategy: env.strategy, replicas: env.replicas === null ? null : String(env.replicas), resources: env.resources };
      const check = checkDeployment(path, source, format, [image, ...aliases], expect, root);
      for (const m of check.mismatches) {
        const line = occurrences.find((o) => o.workload === m.workload)?.line ?? occurrences[0]!.line;
        out.push(at(`environment "${env.name}": ${m.message} (pipeline.yaml and ${env.manifest} disagree; bump-image would ${env.onMismatch === 'fail' ? 'refuse' : 'warn'})`, mismatchPosition(source, m.workload, m.field, line)));
      }
    } catch (error) {
      out.push(at(`environment "${env.name}": ${env.manifest} cannot be checked: ${(error as Error).message}`, { line: 1, column: 1 }, 'error'));
    }
  }
  if (read === 0) {
    const where = ['environments', envs[0]!.name, 'manifest'];
    const list = envs.map((e) => `${e.name}: ${e.manifest}`).join(', ');
    out.push({
      ruleId: MANIFEST_RULE.id,
      severity: 'info',
      message: `no manifest could be read under ${root} (${list}), so they were not checked against pipeline.yaml; pass --manifests DIR with a checkout of the GitOps repository to check them`,
      file,
      path: where,
      ...locate(text, where),
    });
  }
  return out;
}
