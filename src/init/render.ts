// Writes the starter pipeline.yaml text from what the repository holds and the choices made: the seed's flow, commented.
import type { Language } from '../config/model.js';
import { PRESETS } from '../config/presets.js';
import { SEED_ENVIRONMENTS, type SeedEnvironment } from './environments.js';
import type { Findings } from './inspect.js';
import { argocdAppName } from './names.js';
import { installHint } from './project.js';
import { locateImage, type ImageLocation } from './deployment.js';
import { yamlText, type Entry } from './yaml-text.js';

export const SCHEMA_URL = 'https://pipewright.dev/schemas/pipeline.schema.json';
export const REGISTRY_TYPES = ['ecr', 'dockerhub', 'generic'] as const;
export type RegistryType = (typeof REGISTRY_TYPES)[number];

export interface Choices {
  language: Language;
  registry: RegistryType;
}

const TODO = 'TODO:';
/** An owner that is valid both in a clone URL and, lower-cased, as an image path segment. */
const OWNER = /^[A-Za-z0-9]([A-Za-z0-9._-]{0,98}[A-Za-z0-9])?$/;

function owner(findings: Findings): string | null {
  const o = findings.remote?.owner;
  return o && OWNER.test(o) && !/[._-]{2}/.test(o) ? o : null;
}

function buildSection(findings: Findings, language: Language): Entry {
  const preset = PRESETS[language];
  const hint = language === 'none' ? {} : installHint(findings.files, language);
  const evidence = findings.languages.find((l) => l.language === language);
  const others = findings.languages.filter((l) => l.language !== language).map((l) => `${l.language} (${l.file})`);
  const above =
    language === 'none'
      ? [`${TODO} no requirements.txt, pyproject.toml, package.json, go.mod or pom.xml at the top of the repository:`, 'set "language" or the install and test commands yourself.']
      : [
          `Install, lint and test come from the ${language} preset (${evidence ? `found ${evidence.file}` : 'chosen'}${others.length ? `; also found ${others.join(', ')}` : ''}):`,
          ...(['install', 'lint', 'test'] as const).flatMap((step) => preset[step].map((c, i) => `  ${i === 0 ? `${step}:` : ' '.repeat(step.length + 1)} ${c}`)),
          'A command given here replaces the preset\'s.',
        ];
  const value: Entry[] = [{ key: 'language', value: language }];
  if (hint.install) value.push({ key: 'install', value: hint.install, note: hint.note });
  if (language !== 'none') value.push(...reportEntries(findings, language));
  return { key: 'build', above, value };
}

/** The test command and report paths the repository's test configuration gives, or TODO where it gives none. */
function reportEntries(findings: Findings, language: Exclude<Language, 'none'>): Entry[] {
  const read = findings.testReports[language];
  if (!read) return [];
  const preset = PRESETS[language];
  const out: Entry[] = [];
  if (read.test) out.push({ key: 'test', value: read.test, note: read.notes.test });
  const reports: Entry[] = [];
  const junit = read.junit ?? preset.junit;
  if (junit) reports.push({ key: 'junit', value: junit, note: read.todo.junit ? `${TODO} ${read.todo.junit}` : read.notes.junit });
  const coverage = read.coverage ?? preset.coverage;
  if (coverage) {
    reports.push({ key: 'coverage', value: coverage, note: read.todo.coverage ? `${TODO} ${read.todo.coverage}` : read.notes.coverage });
    reports.push({ key: 'coverageFormat', value: read.coverageFormat ?? preset.coverageFormat });
  }
  if (read.junit || read.coverage || read.todo.junit || read.todo.coverage) out.push({ key: 'reports', value: reports });
  return out;
}

function registryEntries(findings: Findings, type: RegistryType): Entry[] {
  const who = owner(findings)?.toLowerCase();
  const found = manifestImage(findings, type);
  if (found && type !== 'dockerhub') {
    return [
      { key: 'type', value: type },
      { key: 'url', value: found.url, note: 'the registry the manifests\' image names' },
      { key: 'credentialsId', value: `${type === 'ecr' ? 'ecr' : 'registry'}-push`, note: `${TODO} the Jenkins credential that may push there` },
    ];
  }
  switch (type) {
    case 'ecr':
      return [
        { key: 'type', value: 'ecr' },
        { key: 'url', value: '123456789012.dkr.ecr.eu-west-1.amazonaws.com', note: `${TODO} your ECR registry (account and region)` },
        { key: 'credentialsId', value: 'ecr-push', note: `${TODO} the Jenkins credential with AWS keys that may push` },
      ];
    case 'dockerhub':
      return [
        { key: 'type', value: 'dockerhub' },
        { key: 'url', value: 'docker.io' },
        { key: 'credentialsId', value: 'dockerhub-push', note: `${TODO} the Jenkins username/password credential for Docker Hub` },
      ];
    case 'generic': {
      const github = who && /github\.com[/:]/.test(findings.remote?.url ?? '');
      return [
        { key: 'type', value: 'generic' },
        github
          ? { key: 'url', value: `ghcr.io/${who}`, note: 'GitHub Container Registry of the remote\'s owner' }
          : { key: 'url', value: 'registry.example.com', note: `${TODO} your registry host (with port and path prefix where needed)` },
        { key: 'credentialsId', value: 'registry-push', note: `${TODO} the Jenkins username/password credential that may push` },
      ];
    }
  }
}

/** The manifests' image, when its registry is of the chosen type: init then configures exactly the image they run. */
function manifestImage(findings: Findings, type: RegistryType): ImageLocation | null {
  const located = findings.deployments.image ? locateImage(findings.deployments.image) : null;
  return located && located.type === type ? located : null;
}

function imageSection(findings: Findings, registry: RegistryType): Entry {
  const dockerfile = findings.dockerfile!;
  const value: Entry[] = [];
  const found = manifestImage(findings, registry);
  if (found) {
    if (found.repository !== findings.app || registry === 'dockerhub') value.push({ key: 'repository', value: found.repository, note: `the manifests run ${findings.deployments.image}` });
  } else if (registry === 'dockerhub') {
    value.push({ key: 'repository', value: `${owner(findings)?.toLowerCase() ?? 'acme'}/${findings.app}`, note: owner(findings) ? 'the remote\'s owner' : `${TODO} your Docker Hub namespace` });
  }
  value.push({ key: 'dockerfile', value: dockerfile.path });
  if (dockerfile.target) value.push({ key: 'target', value: dockerfile.target, note: `multi-stage targets: ${dockerfile.stages.join(', ')}` });
  value.push({ key: 'registry', value: registryEntries(findings, registry) });
  value.push({ key: 'tag', value: '{build}-{shortCommit}', note: 'build number and commit hash' });
  return { key: 'image', above: ['The image: built from the Dockerfile, scanned by Trivy, tagged and pushed.'], value };
}

function gitopsSection(findings: Findings): Entry {
  const inRepo = findings.manifests !== null && findings.remote?.url;
  const who = owner(findings) ?? 'acme';
  return {
    key: 'gitops',
    above: ['The manifests repository Argo CD watches: Jenkins commits the new image tag there.'],
    value: [
      inRepo
        ? { key: 'repo', value: findings.remote!.url!, note: 'this repository (origin): its manifests were found here' }
        : { key: 'repo', value: `https://github.com/${who}/k8s-manifests.git`, note: `${TODO} the manifests repository's clone URL` },
      { key: 'credentialsId', value: 'gitops-push', note: `${TODO} the Jenkins credential that may push to it` },
      {
        key: 'argocd',
        value: [
          { key: 'server', value: 'https://argocd.example.com', note: `${TODO} your Argo CD server` },
          { key: 'credentialsId', value: 'argocd-token', note: `${TODO} the Jenkins secret-text credential holding an Argo CD API token` },
        ],
      },
    ],
  };
}

/**
 * strategy, replicas and resources: what the environment's manifest runs (pipeline.yaml then agrees with it, and the
 * deploy-time check passes), the seed's table where the manifest says nothing the schema can hold.
 */
function deploymentEntries(findings: Findings, seed: SeedEnvironment): Entry[] {
  const reading = findings.deployments.environments[seed.name];
  const observed = reading?.observed ?? null;
  if (!observed) return [{ key: 'strategy', value: seed.strategy }, { key: 'replicas', value: seed.replicas }, { key: 'resources', value: seed.resources }];
  const out: Entry[] = [];
  const helm = observed.workload === 'values';
  if (observed.strategy) out.push({ key: 'strategy', value: observed.strategy, note: observed.strategy === seed.strategy ? undefined : `the manifest runs ${observed.strategyText}` });
  else if (helm) out.push({ key: 'strategy', value: seed.strategy, note: `not checked: the chart's templates decide the strategy, not ${reading!.file}` });
  else out.push({ key: 'strategy', value: seed.strategy, note: `${TODO} the manifest runs "${observed.strategyText}", which is neither rolling nor blue-green` });
  const runs = helm ? `as replicaCount in ${reading!.file} says` : 'as the manifest runs';
  if (observed.replicas !== null) out.push({ key: 'replicas', value: observed.replicas, note: observed.replicas < seed.replicas ? `${runs}; the seed's table asks for ${seed.replicas}` : undefined });
  else if (helm) {
    out.push({ key: 'replicas', value: seed.replicas, note: `${TODO} ${reading!.file} sets no top-level replicaCount, so the chart's default runs and replicas is not checked; add "replicaCount: ${seed.replicas}" there` });
  }
  else out.push({ key: 'replicas', value: 1, note: `${observed.workload} leaves spec.replicas unset, so Kubernetes runs 1; the seed's table asks for ${seed.replicas}` });
  if (observed.resources) out.push({ key: 'resources', value: observed.resources });
  else {
    const none = observed.resourcesText === 'requests (none); limits (none)';
    const above = none
      ? [`${helm ? `${reading!.file} sets no top-level resources` : `${observed.workload}'s container sets no requests or limits`}, so resources is unchecked:`, `choose a profile (docs/reference.md), uncomment it, and write its requests and limits there`]
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
  if (helm.block) return `found (Helm values): ${helm.block.keys.join(' + ')} ${helm.block.keys.length === 1 ? 'names' : 'name'} "${helm.block.name}"; bump-image sets ${helm.block.keyPath}.tag`;
  const others = helm.blocks.length ? `; its image blocks: ${helm.blocks.map((b) => `${b.keyPath} ("${b.name}")`).join(', ')}` : '';
  return `${TODO} found (Helm values) without an "image" block (image.repository + image.tag): set helmKeyPath to the block holding the app's image${others}`;
}

function environmentsSection(findings: Findings): Entry {
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
    value.push({ key: 'healthCheck', value: [{ key: 'url', value: `https://${host}/healthz`, note: `${TODO} the URL that answers when ${seed.name} is healthy` }] });
    return { key: seed.name, above: [seed.comment], value };
  });
  return {
    key: 'environments',
    above: [
      'Environments from the seed\'s branch and deployment tables. Feature and pull-request branches only build and test:',
      'the image build and the Trivy scan run on the branches that deploy.',
    ],
    value: envs,
  };
}

function headerLines(findings: Findings, choices: Choices): string[] {
  const found: string[] = [];
  if (choices.language !== 'none') found.push(`language ${choices.language}`);
  if (findings.dockerfile) found.push(`${findings.dockerfile.path}${findings.dockerfile.target ? ` (target "${findings.dockerfile.target}")` : ''}`);
  if (findings.manifests) {
    const envs = Object.keys(findings.manifests.found);
    found.push(`${findings.manifests.kind === 'helm' ? 'Helm values' : findings.manifests.kind === 'kustomize' ? 'kustomize overlays' : 'Kubernetes manifests'}${envs.length ? ` for ${envs.join(', ')}` : ''}`);
  }
  if (findings.remote?.url) found.push(`remote ${findings.remote.url}`);
  return [
    `yaml-language-server: $schema=${findings.localSchema ?? SCHEMA_URL}`,
    `pipeline.yaml for "${findings.app}", written by "pipewright init" from what the repository holds:`,
    `  ${found.length ? found.join('; ') : 'nothing recognised'}.`,
    'Lines marked TODO hold placeholders for what init cannot know (registry, Jenkins credential IDs, URLs).',
    'Replace them, run "pipewright lint" and "pipewright gen", and commit pipeline.yaml with the Jenkinsfile.',
  ];
}

/** The starter config's text. It is schema-valid as written; the caller lints it before anyone sees it. */
export function renderStarter(findings: Findings, choices: Choices): string {
  const deploys = findings.dockerfile !== null;
  const sections: Array<Entry | Entry[]> = [
    [
      { key: 'version', value: 1 },
      { key: 'app', value: findings.app },
    ],
    {
      key: 'agent',
      above: ['Where the pipeline runs: a pod from the Kubernetes plugin (or "label: linux" for an agent with Docker).'],
      value: [
        {
          key: 'kubernetes',
          // The default helper image (node:20-bookworm) has no crane: a config that pushes an image needs the organisation's.
          value: deploys
            ? [{ key: 'nodeImage', value: 'registry.example.com/pipewright-helpers:1', note: `${TODO} the helper image built from pipewright's docker/helpers/Dockerfile (node, git, crane to push)` }]
            : undefined,
        },
      ],
    },
    buildSection(findings, choices.language),
  ];
  // githubPush() (on by default) fires only on a GitHub webhook: another host's remote would never trigger it.
  if (findings.remote?.url && !/github\.com[/:]/.test(findings.remote.url)) {
    sections.push({
      key: 'triggers',
      above: ['The remote is not on GitHub, so no githubPush() trigger: Jenkins builds from the multibranch scan or your SCM\'s webhook.'],
      value: [{ key: 'githubPush', value: false }],
    });
  }
  if (deploys) {
    sections.push(imageSection(findings, choices.registry));
    sections.push({
      key: 'security',
      value: [
        {
          key: 'trivy',
          value: [
            { key: 'failOn', value: ['CRITICAL', 'HIGH'], note: 'these fail the build' },
            { key: 'warnOn', value: ['MEDIUM', 'LOW'], note: 'these continue with a warning' },
          ],
        },
      ],
    });
  }
  sections.push({
    key: 'gates',
    above: ['Quality gates from the seed: coverage above 80%, build under 10 minutes, deployment under 5, health check under 30 seconds.'],
    value: [
      { key: 'coverage', value: [{ key: 'min', value: 80 }] },
      { key: 'sonarqube', above: ['"No critical SonarQube issues": enable once a SonarQube server is configured in Jenkins.'], disabled: true, value: [{ key: 'server', value: 'sonarqube' }] },
      {
        key: 'timeouts',
        value: [{ key: 'build', value: '10m' }, ...(deploys ? [{ key: 'deploy', value: '5m' }, { key: 'healthCheck', value: '30s' }] : [])],
      },
    ],
  });
  if (deploys) {
    sections.push(gitopsSection(findings), environmentsSection(findings));
    sections.push({ key: 'rollback', value: [{ key: 'automatic', value: true, note: 'a failed health check restores the previous image' }] });
  } else {
    sections.push({
      key: 'environments',
      above: ['No Dockerfile: nothing to deploy, so every branch builds and tests only.'],
      value: undefined,
    });
  }
  sections.push({
    key: 'notifications',
    above: ['Success to Slack; failures to Slack and e-mail; security findings and deployments to their teams.'],
    value: [
      { key: 'slack', value: [{ key: 'credentialsId', value: 'slack-webhook', note: `${TODO} the Jenkins secret-text credential holding the webhook URL` }, { key: 'channel', value: '#deploys' }] },
      { key: 'email', value: [{ key: 'to', value: ['team@example.com'], note: `${TODO} who hears about failures` }] },
      {
        key: 'routes',
        value: [
          { key: 'success', value: ['slack'] },
          { key: 'failure', value: ['slack', 'email'] },
          { key: 'security', value: ['slack:#security'] },
          ...(deploys ? [{ key: 'deployment', value: ['slack:#ops'] }] : []),
        ],
      },
    ],
  });
  return yamlText(headerLines(findings, choices), sections);
}
