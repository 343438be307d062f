// The starter pipeline.yaml's environments section: the seed's branch and deployment tables, with what each environment's manifest runs.
import { SEED_ENVIRONMENTS, type SeedEnvironment } from './environments.js';
import type { Findings } from './inspect.js';
import { argocdAppName } from './names.js';
import { TODO, type Entry } from './yaml-text.js';

/**
 * strategy, replicas and resources: what the environment's manifest runs (pipeline.yaml then agrees with it, and the
 * deploy-time check passes), the seed's table where the manifest says nothing the schema can hold.
 */
function deploymentEntries(findings: Findings, seed: SeedEnvironment): Entry[] {
  const reading = findings.deployments.environments[seed.name];
  const observed = reading?.observed ?? null;
  if (!observed)
    return [
      { key: 'strategy', value: seed.strategy },
      { key: 'replicas', value: seed.replicas },
      { key: 'resources', value: seed.resources },
    ];
  const out: Entry[] = [];
  const helm = observed.workload === 'values';
  if (observed.strategy)
    out.push({
      key: 'strategy',
      value: observed.strategy,
      note: observed.strategy === seed.strategy ? undefined : `the manifest runs ${observed.strategyText}`,
    });
  else if (helm) out.push({ key: 'strategy', value: seed.strategy, note: `not checked: the chart's templates decide the strategy, not ${reading!.file}` });
  else
    out.push({ key: 'strategy', value: seed.strategy, note: `${TODO} the manifest runs "${observed.strategyText}", which is neither rolling nor blue-green` });
  const runs = helm ? `as replicaCount in ${reading!.file} says` : 'as the manifest runs';
  if (observed.replicas !== null)
    out.push({
      key: 'replicas',
      value: observed.replicas,
      note: observed.replicas < seed.replicas ? `${runs}; the seed's table asks for ${seed.replicas}` : undefined,
    });
  else if (helm) {
    out.push({
      key: 'replicas',
      value: seed.replicas,
      note: `${TODO} ${reading!.file} sets no top-level replicaCount, so the chart's default runs and replicas is not checked; add "replicaCount: ${seed.replicas}" there`,
    });
  } else
    out.push({
      key: 'replicas',
      value: 1,
      note: `${observed.workload} leaves spec.replicas unset, so Kubernetes runs 1; the seed's table asks for ${seed.replicas}`,
    });
  if (observed.resources) out.push({ key: 'resources', value: observed.resources });
  else {
    const none = observed.resourcesText === 'requests (none); limits (none)';
    const above = none
      ? [
          `${helm ? `${reading!.file} sets no top-level resources` : `${observed.workload}'s container sets no requests or limits`}, so resources is unchecked:`,
          `choose a profile (docs/reference.md), uncomment it, and write its requests and limits there`,
        ]
      : [
          `${helm ? `The top-level resources in ${reading!.file}` : `${observed.workload}'s container resources`} (${observed.resourcesText})`,
          `match no profile (docs/reference.md), so resources is unchecked: choose one and set the manifest to its requests and limits`,
        ];
    out.push({ key: 'resources', value: seed.resources, disabled: true, above });
  }
  return out;
}

/** What init found in an environment's manifest; for Helm values, which keys name the image and which one bump-image sets. */
function manifestNote(findings: Findings, env: SeedEnvironment['name'], kind: string): string {
  const helm = findings.deployments.environments[env]?.helm;
  if (kind !== 'helm' || !helm) return `found (${kind})`;
  if (helm.block)
    return `found (Helm values): ${helm.block.keys.join(' + ')} ${helm.block.keys.length === 1 ? 'names' : 'name'} "${helm.block.name}"; bump-image sets ${helm.block.keyPath}.tag`;
  const others = helm.blocks.length ? `; its image blocks: ${helm.blocks.map((b) => `${b.keyPath} ("${b.name}")`).join(', ')}` : '';
  return `${TODO} found (Helm values) without an "image" block (image.repository + image.tag): set helmKeyPath to the block holding the app's image${others}`;
}

export function environmentsSection(findings: Findings): Entry {
  const manifests = findings.manifests;
  const envs: Entry[] = SEED_ENVIRONMENTS.map((seed) => {
    const path = manifests?.paths[seed.name] ?? `apps/${findings.app}/overlays/${seed.name}/kustomization.yaml`;
    const found = manifests?.found[seed.name] !== undefined;
    const host = seed.name === 'prod' ? `${findings.app}.example.com` : `${findings.app}.${seed.name}.example.com`;
    const value: Entry[] = [{ key: 'branch', value: seed.branch }];
    if (seed.after) value.push({ key: 'after', value: seed.after });
    if (seed.approval) {
      value.push({ key: 'production', value: true });
      value.push({
        key: 'approval',
        value: [
          { key: 'submitters', value: ['ops'], note: `${TODO} the Jenkins users or groups who may approve` },
          { key: 'timeout', value: '24h' },
        ],
      });
    } else value.push({ key: 'autoDeploy', value: true });
    value.push({ key: 'sync', value: seed.sync, note: seed.sync === 'manual' ? 'operations sync in Argo CD; the pipeline waits for healthy' : undefined });
    value.push(...deploymentEntries(findings, seed));
    value.push({
      key: 'manifest',
      value: path,
      note: found ? manifestNote(findings, seed.name, manifests!.kind) : `${TODO} not in this repository: the file holding this environment's image`,
    });
    if (manifests?.kind === 'helm') {
      value.push({ key: 'format', value: 'helm' });
      if (manifests.helmKeyPath) value.push({ key: 'helmKeyPath', value: manifests.helmKeyPath });
    }
    value.push({ key: 'argocdApp', value: argocdAppName(findings.app, seed.name) });
    value.push({
      key: 'healthCheck',
      value: [{ key: 'url', value: `https://${host}/healthz`, note: `${TODO} the URL that answers when ${seed.name} is healthy` }],
    });
    return { key: seed.name, above: [seed.comment], value };
  });
  return {
    key: 'environments',
    above: [
      "Environments from the seed's branch and deployment tables. Feature and pull-request branches only build and test:",
      'the image build and the Trivy scan run on the branches that deploy.',
    ],
    value: envs,
  };
}
