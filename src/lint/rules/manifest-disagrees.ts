// The rule that reads the repository: each environment's manifest against pipeline.yaml, with bump-image's own check.
import { join } from 'node:path';
import type { Environment } from '../../config/model.js';
import { checkDeployment, containerImages, type Mismatch } from '../../helpers/gitops/deployment-check.js';
import { helmImageBlocks } from '../../helpers/gitops/format-helm.js';
import { findImages } from '../../helpers/gitops/manifest.js';
import { parseDocuments } from '../../helpers/gitops/yaml-nodes.js';
import { workloadOf } from '../../helpers/gitops/format-plain.js';
import { readBoundedText } from '../../helpers/shared/bounded-read.js';
import { insideOf } from '../../helpers/shared/inside-root.js';
import type { JsonPath } from '../../core/diagnostic.js';
import type { Report, Rule } from '../rule.js';

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

/** The config value a finding is about (its line is where a suppression goes, and what to change). */
const fieldPath = (env: Environment, field: 'replicas' | 'strategy' | 'resources' | 'container' | 'manifest' | 'helmKeyPath'): JsonPath => [
  'environments',
  env.name,
  field,
];

/** A Helm values mismatch: the key of the values file and the pipeline.yaml field, each with its value, and which to change. */
function helmMismatch(m: Mismatch, env: Environment): string {
  if (m.field === 'replicas') {
    return `${env.manifest} sets replicaCount: ${m.found} (top level) where pipeline.yaml says replicas: ${m.expected}; change replicaCount in ${env.manifest} to ${m.expected.replace(/\+$/, '')}, or replicas in pipeline.yaml to ${m.found} (they disagree`;
  }
  return `the top-level resources in ${env.manifest} are ${m.found} where pipeline.yaml says resources: ${m.expected}; set resources.requests and resources.limits in ${env.manifest} to the profile's, or choose the profile they match (docs/reference.md) (they disagree`;
}

/** bump-image's refusal of --helm-key-path, in pipeline.yaml's terms (helmKeyPath, image.repository) and without "the file is unchanged". */
function helmKeyPathMessage(message: string, env: Environment, image: string): string {
  const said = message
    .replace(/^--helm-key-path "([^"]*)" holds /, `helmKeyPath "$1" names, in ${env.manifest}, `)
    .replace(
      /; check --image and --helm-key-path/,
      `; set helmKeyPath to the block holding "${image}", or image.repository (and image.registry.url) to the name that block pulls`,
    )
    .replace(/give --helm-key-path "([^"]*)"/g, 'set helmKeyPath: $1')
    .replace(/; the file is unchanged$/, '');
  return `${said}, so bump-image would refuse to deploy`;
}

/** No image block or image string of a values file names the image: what the file names instead, at which keys. */
function helmImageMissing(env: Environment, image: string, imagePath: JsonPath, source: string, file: string): Parameters<Report> {
  const blocks = helmImageBlocks(parseDocuments(source), source);
  const at = { file, line: blocks[0]?.line ?? 1, column: 1 };
  const listed = blocks.map((b) => `"${b.name}" (${b.keys.join(' + ')}, line ${b.line})`).join(', ');
  if (env.helmKeyPath !== null) {
    return [
      fieldPath(env, 'helmKeyPath'),
      `environment "${env.name}": ${env.manifest} has no key "${env.helmKeyPath}" (the environment's helmKeyPath), so bump-image would refuse to deploy; ${blocks.length ? `its image blocks are ${blocks.map((b) => `"${b.keyPath}"`).join(', ')}: set helmKeyPath to the one naming "${image}"` : 'set helmKeyPath to the key path of the block holding the image'}`,
      { at, severity: 'error' },
    ];
  }
  const fix = blocks.length
    ? `it names ${listed}: set image.repository (and image.registry.url) in pipeline.yaml to that name, or change those keys in ${env.manifest}`
    : `add an image block naming it (image.repository and image.tag), or set helmKeyPath to where the chart reads the image`;
  return [
    imagePath,
    `environment "${env.name}": ${env.manifest} (Helm values) has no image block or image string naming "${image}", so bump-image would refuse to deploy; ${fix}`,
    { at, severity: 'error' },
  ];
}

export const rule: Rule = {
  id: 'manifest-disagrees',
  description: "an environment's manifest runs the configured image with the replicas, strategy and resources pipeline.yaml gives it",
  severity: 'warning',
  repository: true,
  check(model, report, raw, context) {
    if (!context.manifests) return;
    const envs = model.environments.filter((e) => e.deploy === 'gitops' && e.manifest !== null);
    if (envs.length === 0) return;
    const { root } = context.manifests;
    const image = model.image?.name ?? model.app;
    const rawImage = raw.image as Record<string, unknown> | undefined;
    // The image name is registry.url + repository, and repository defaults to app.
    const imagePath: JsonPath = rawImage && 'repository' in rawImage ? ['image', 'repository'] : ['app'];
    let read = 0;
    const resolveManifest = insideOf(root);
    for (const env of envs) {
      let inside;
      try {
        inside = resolveManifest(env.manifest!);
      } catch {
        continue; // manifest-path-unsafe reports it on the config
      }
      if (!inside.exists) continue;
      const { path } = inside;
      const file = join(root, env.manifest!);
      const bump = env.onMismatch === 'fail' ? 'refuse' : 'warn';
      // onMismatch decides what bump-image does with a disagreement, so it decides the finding's severity too.
      const severity = env.onMismatch === 'fail' ? 'error' : 'warning';
      try {
        const source = readBoundedText(path, `the manifest "${env.manifest}"`, 'manifest');
        read++;
        const target = { image, container: env.container, helmKeyPath: env.helmKeyPath };
        let found;
        try {
          found = findImages(path, source, env.format, target);
        } catch (error) {
          // A helmKeyPath that names something else than the image: said in pipeline.yaml's terms, not bump-image's flags.
          const message = (error as Error).message;
          if (env.helmKeyPath === null || !message.startsWith('--helm-key-path ')) throw error;
          const block = helmImageBlocks(parseDocuments(source), source).find((b) => b.keyPath === env.helmKeyPath);
          report(fieldPath(env, 'helmKeyPath'), `environment "${env.name}": ${helmKeyPathMessage(message, env, image)}`, {
            at: { file, line: block?.line ?? 1, column: 1 },
            severity: 'error',
          });
          continue;
        }
        const { format, occurrences } = found;
        if (occurrences.length === 0 && format === 'helm') {
          report(...helmImageMissing(env, image, imagePath, source, file));
          continue;
        }
        if (occurrences.length === 0) {
          // bump-image refuses such a manifest whatever onMismatch says.
          const other = env.container !== null ? findImages(path, source, env.format, { ...target, container: null }).occurrences : [];
          if (other.length > 0) {
            const names = [...new Set(other.map((o) => o.container ?? '?'))].map((n) => `"${n}"`).join(', ');
            report(
              fieldPath(env, 'container'),
              `environment "${env.name}": no container named "${env.container}" runs image "${image}" in ${env.manifest} (the image runs in container ${names}), so bump-image would refuse to deploy; set "container" to one of them`,
              { at: { file, line: other[0]!.line, column: 1 }, severity: 'error' },
            );
            continue;
          }
          let running: string[] = [];
          try {
            running = format === 'helm' ? [] : containerImages(path, source, format, root);
          } catch {
            // the message below is right without the list
          }
          const runs =
            running.length > 0
              ? `; it runs ${running.map((n) => `"${n}"`).join(', ')}: set image.repository (and image.registry.url) to that name, or change the manifest`
              : '; set image.repository (and image.registry.url) to the name the manifest runs, or add the image to the manifest';
          report(
            imagePath,
            `environment "${env.name}": image "${image}" does not appear in ${env.manifest} (${format}), so bump-image would refuse to deploy${runs}`,
            { at: { file, line: 1, column: 1 }, severity: 'error' },
          );
          continue;
        }
        const aliases = occurrences.flatMap((o) => o.aliases ?? []);
        const expect = { strategy: env.strategy, replicas: env.replicas === null ? null : String(env.replicas), resources: env.resources };
        const check = checkDeployment(path, source, format, [image, ...aliases], expect, root);
        for (const m of check.mismatches) {
          const line = occurrences.find((o) => o.workload === m.workload)?.line ?? occurrences[0]!.line;
          const said = format === 'helm' ? helmMismatch(m, env) : `${m.message} (pipeline.yaml and ${env.manifest} disagree`;
          report(fieldPath(env, m.field), `environment "${env.name}": ${said}; bump-image would ${bump})`, {
            at: { file, ...mismatchPosition(source, m.workload, m.field, line) },
            severity,
          });
        }
      } catch (error) {
        report(fieldPath(env, 'manifest'), `environment "${env.name}": ${env.manifest} cannot be checked: ${(error as Error).message}`, {
          at: { file, line: 1, column: 1 },
          severity: 'error',
        });
      }
    }
    if (read === 0) {
      const list = envs.map((e) => `${e.name}: ${e.manifest}`).join(', ');
      report(
        fieldPath(envs[0]!, 'manifest'),
        `no manifest could be read under ${root} (${list}), so they were not checked against pipeline.yaml; pass --manifests DIR with a checkout of the GitOps repository to check them`,
        { severity: 'info' },
      );
    }
  },
};
