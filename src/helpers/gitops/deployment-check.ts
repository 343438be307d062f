// Checks a manifest against the environment's row of the deployment table (strategy, replicas, resources profile) and names both values on a mismatch.
import { dirname } from 'node:path';
import { isMap, isSeq, type Document, type YAMLMap } from 'yaml';
import { sameImageName, parseImageRef } from './image-ref.js';
import { isKustomization } from './format-kustomize.js';
import { buildKustomization } from './kustomize-build.js';
import { workloadOf } from './format-plain.js';
import type { ManifestFormat } from './occurrence.js';
import { describeProfile, parseQuantity, RESOURCE_PROFILES, type ResourceProfileName } from './resource-profiles.js';
import { parseDocuments, stringOf } from './yaml-nodes.js';

export interface DeploymentExpectation {
  strategy: 'rolling' | 'blue-green' | null;
  /** "3" exactly, or "3+" at least. */
  replicas: string | null;
  resources: ResourceProfileName | null;
}

export interface Mismatch {
  field: 'strategy' | 'replicas' | 'resources';
  workload: string;
  expected: string;
  found: string;
  message: string;
}

export interface DeploymentCheck {
  checkedWorkloads: string[];
  mismatches: Mismatch[];
  notes: string[];
}

const WORKLOAD_KINDS = new Set(['Deployment', 'Rollout', 'StatefulSet', 'DaemonSet']);

function describeStrategy(doc: Document): string {
  const kind = String(doc.get('kind'));
  if (kind === 'Rollout')
    return doc.getIn(['spec', 'strategy', 'blueGreen'])
      ? 'Rollout with blueGreen'
      : doc.getIn(['spec', 'strategy', 'canary'])
        ? 'Rollout with canary'
        : 'Rollout without a strategy';
  if (kind === 'Deployment') {
    const type = doc.getIn(['spec', 'strategy', 'type']);
    return typeof type === 'string' ? `Deployment with ${type}` : 'Deployment with RollingUpdate';
  }
  return kind;
}

function replicasMatch(expected: string, found: number): boolean {
  const m = /^(\d+)(\+?)$/.exec(expected)!;
  return m[2] ? found >= Number(m[1]) : found === Number(m[1]);
}

function describeResources(container: YAMLMap): string {
  const part = (group: 'requests' | 'limits') => {
    const cpu = container.getIn(['resources', group, 'cpu']);
    const memory = container.getIn(['resources', group, 'memory']);
    return cpu === undefined && memory === undefined ? `${group} (none)` : `${group} cpu ${cpu ?? '(none)'}, memory ${memory ?? '(none)'}`;
  };
  return `${part('requests')}; ${part('limits')}`;
}

function resourcesMatch(container: YAMLMap, profile: ResourceProfileName): boolean {
  const p = RESOURCE_PROFILES[profile];
  return (['requests', 'limits'] as const).every((group) =>
    (['cpu', 'memory'] as const).every((kind) => {
      const value = container.getIn(['resources', group, kind]);
      return (typeof value === 'string' || typeof value === 'number') && parseQuantity(value, kind) === parseQuantity(p[group][kind], kind);
    }),
  );
}

function podContainers(doc: Document): YAMLMap[] {
  const spec = doc.getIn(['spec', 'template', 'spec', 'containers']);
  return isSeq(spec) ? (spec.items.filter((c) => isMap(c)) as YAMLMap[]) : [];
}

function checkWorkload(doc: Document, images: string[], expect: DeploymentExpectation, out: DeploymentCheck): void {
  const workload = workloadOf(doc)!;
  const containers = podContainers(doc).filter((c) => {
    const ref = parseImageRef(stringOf(c, 'image') ?? '');
    return ref !== null && images.some((image) => sameImageName(ref.name, image));
  });
  if (containers.length === 0) return;
  out.checkedWorkloads.push(workload);
  const push = (field: Mismatch['field'], expected: string, found: string) =>
    out.mismatches.push({ field, workload, expected, found, message: `${workload}: ${field} expected ${expected}, found ${found}` });
  if (expect.strategy) {
    const found = describeStrategy(doc);
    const ok = expect.strategy === 'rolling' ? found === 'Deployment with RollingUpdate' : found === 'Rollout with blueGreen';
    if (!ok)
      push(
        'strategy',
        expect.strategy === 'rolling' ? '"rolling" (a Deployment with RollingUpdate)' : '"blue-green" (an Argo Rollouts Rollout with blueGreen)',
        `"${found}"`,
      );
  }
  if (expect.replicas) {
    const value = doc.getIn(['spec', 'replicas']);
    const found = typeof value === 'number' ? value : 1;
    if (!replicasMatch(expect.replicas, found)) push('replicas', expect.replicas, typeof value === 'number' ? String(value) : 'unset (1)');
  }
  if (expect.resources) {
    for (const c of containers) {
      if (!resourcesMatch(c, expect.resources))
        push('resources', describeProfile(expect.resources), `container "${stringOf(c, 'name') ?? '?'}" with ${describeResources(c)}`);
    }
  }
}

/**
 * The workloads a manifest deploys: what a kustomization builds (its resources read from disk under `root`, with its
 * patches and `replicas:` applied), or the file's own documents.
 */
export function workloadDocs(file: string, source: string, format: 'kustomize' | 'plain', root = dirname(file)): Document[] {
  const docs = parseDocuments(source);
  return (format === 'kustomize' ? buildKustomization(root, file, docs.filter(isKustomization)) : docs).filter((d) =>
    WORKLOAD_KINDS.has(String(d.get('kind'))),
  );
}

/** What one workload running the image (or a Helm values file) says about the deployment table's three columns. */
export interface ObservedDeployment {
  workload: string;
  /** The table's name for the strategy, or null when the manifest runs another one (or, for Helm, the chart decides). */
  strategy: 'rolling' | 'blue-green' | null;
  /** The strategy as the manifest writes it ("Deployment with Recreate"). */
  strategyText: string;
  /** spec.replicas (replicaCount for Helm); null when unset (Kubernetes runs 1, a Helm chart its own default). */
  replicas: number | null;
  /** The profile every matching container's requests and limits equal, or null when they match none. */
  resources: ResourceProfileName | null;
  /** The requests and limits written (of the first matching container; Helm: the top-level resources), for messages. */
  resourcesText: string;
}

function profileOf(containers: YAMLMap[]): ResourceProfileName | null {
  if (containers.length === 0) return null;
  return (Object.keys(RESOURCE_PROFILES) as ResourceProfileName[]).find((p) => containers.every((c) => resourcesMatch(c, p))) ?? null;
}

/**
 * Reads the deployment table's columns from a manifest, for `init` (to write what the repository already runs) and
 * `lint` (to compare): the same readers checkDeployment compares with, so the three never disagree.
 */
export function observeDeployment(file: string, source: string, format: ManifestFormat, images: string[], root = dirname(file)): ObservedDeployment[] {
  if (format === 'helm') {
    const values = parseDocuments(source)[0]?.contents;
    if (!isMap(values)) return [];
    const replicas = values.get('replicaCount');
    return [
      {
        workload: 'values',
        strategy: null,
        strategyText: 'decided by the chart',
        replicas: typeof replicas === 'number' ? replicas : null,
        resources: profileOf([values]),
        resourcesText: describeResources(values),
      },
    ];
  }
  const out: ObservedDeployment[] = [];
  for (const doc of workloadDocs(file, source, format, root)) {
    const containers = podContainers(doc).filter((c) => {
      const ref = parseImageRef(stringOf(c, 'image') ?? '');
      return ref !== null && images.some((image) => sameImageName(ref.name, image));
    });
    if (containers.length === 0) continue;
    const strategyText = describeStrategy(doc);
    const replicas = doc.getIn(['spec', 'replicas']);
    out.push({
      workload: workloadOf(doc)!,
      strategy: strategyText === 'Deployment with RollingUpdate' ? 'rolling' : strategyText === 'Rollout with blueGreen' ? 'blue-green' : null,
      strategyText,
      replicas: typeof replicas === 'number' ? replicas : null,
      resources: profileOf(containers),
      resourcesText: describeResources(containers[0]!),
    });
  }
  return out;
}

/** The image names the containers of a manifest's workloads run (without tags), in file order. */
export function containerImages(file: string, source: string, format: 'kustomize' | 'plain', root = dirname(file)): string[] {
  const names: string[] = [];
  for (const doc of workloadDocs(file, source, format, root)) {
    for (const c of podContainers(doc)) {
      const ref = parseImageRef(stringOf(c, 'image') ?? '');
      if (ref && !names.includes(ref.name)) names.push(ref.name);
    }
  }
  return names;
}

/** Checks the workloads running the image; for Helm values, replicaCount and resources beside the image block. */
export function checkDeployment(
  file: string,
  source: string,
  format: ManifestFormat,
  images: string[],
  expect: DeploymentExpectation,
  root = dirname(file),
): DeploymentCheck {
  const out: DeploymentCheck = { checkedWorkloads: [], mismatches: [], notes: [] };
  if (!expect.strategy && !expect.replicas && !expect.resources) return out;
  const docs = parseDocuments(source);
  if (format === 'helm') {
    const root = docs[0]?.contents;
    if (!isMap(root)) return out;
    out.checkedWorkloads.push('values');
    out.notes.push('Helm values: the strategy is decided by the chart and is not checked');
    const replicas = root.get('replicaCount');
    if (expect.replicas && typeof replicas === 'number' && !replicasMatch(expect.replicas, replicas)) {
      out.mismatches.push({
        field: 'replicas',
        workload: 'values',
        expected: expect.replicas,
        found: String(replicas),
        message: `values: replicas expected ${expect.replicas}, found replicaCount ${replicas}`,
      });
    }
    if (expect.resources && !resourcesMatch(root, expect.resources)) {
      const found = describeResources(root);
      out.mismatches.push({
        field: 'resources',
        workload: 'values',
        expected: describeProfile(expect.resources),
        found,
        message: `values: resources expected ${describeProfile(expect.resources)}, found ${found}`,
      });
    }
    return out;
  }
  for (const doc of workloadDocs(file, source, format, root)) checkWorkload(doc, images, expect, out);
  if (out.checkedWorkloads.length === 0) out.notes.push(`no Deployment, Rollout, StatefulSet or DaemonSet running "${images[0]}" was found to check`);
  return out;
}
