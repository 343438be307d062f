// Writes the starter pipeline.yaml text from what the repository holds and the choices made: the seed's flow, commented.
import type { Language } from '../config/model.js';
import { PRESETS } from '../config/presets.js';
import { environmentsSection } from './environments-section.js';
import type { Findings } from './inspect.js';
import { installHint } from './project.js';
import { locateImage, type ImageLocation } from './deployment.js';
import { TODO, yamlText, type Entry } from './yaml-text.js';

export const SCHEMA_URL = 'https://pipewright.dev/schemas/pipeline.schema.json';
export const REGISTRY_TYPES = ['ecr', 'dockerhub', 'generic'] as const;
export type RegistryType = (typeof REGISTRY_TYPES)[number];

export interface Choices {
  language: Language;
  registry: RegistryType;
}

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
      ? [
          `${TODO} no requirements.txt, pyproject.toml, package.json, go.mod or pom.xml at the top of the repository:`,
          'set "language" or the install and test commands yourself.',
        ]
      : [
          `Install, lint and test come from the ${language} preset (${evidence ? `found ${evidence.file}` : 'chosen'}${others.length ? `; also found ${others.join(', ')}` : ''}):`,
          ...(['install', 'lint', 'test'] as const).flatMap((step) =>
            preset[step].map((c, i) => `  ${i === 0 ? `${step}:` : ' '.repeat(step.length + 1)} ${c}`),
          ),
          "A command given here replaces the preset's.",
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
      { key: 'url', value: found.url, note: "the registry the manifests' image names" },
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
          ? { key: 'url', value: `ghcr.io/${who}`, note: "GitHub Container Registry of the remote's owner" }
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
    if (found.repository !== findings.app || registry === 'dockerhub')
      value.push({ key: 'repository', value: found.repository, note: `the manifests run ${findings.deployments.image}` });
  } else if (registry === 'dockerhub') {
    value.push({
      key: 'repository',
      value: `${owner(findings)?.toLowerCase() ?? 'acme'}/${findings.app}`,
      note: owner(findings) ? "the remote's owner" : `${TODO} your Docker Hub namespace`,
    });
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

function headerLines(findings: Findings, choices: Choices): string[] {
  const found: string[] = [];
  if (choices.language !== 'none') found.push(`language ${choices.language}`);
  if (findings.dockerfile) found.push(`${findings.dockerfile.path}${findings.dockerfile.target ? ` (target "${findings.dockerfile.target}")` : ''}`);
  if (findings.manifests) {
    const envs = Object.keys(findings.manifests.found);
    found.push(
      `${findings.manifests.kind === 'helm' ? 'Helm values' : findings.manifests.kind === 'kustomize' ? 'kustomize overlays' : 'Kubernetes manifests'}${envs.length ? ` for ${envs.join(', ')}` : ''}`,
    );
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
            ? [
                {
                  key: 'nodeImage',
                  value: 'registry.example.com/pipewright-helpers:1',
                  note: `${TODO} the helper image built from pipewright's docker/helpers/Dockerfile (node, git, crane to push)`,
                },
              ]
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
      above: ["The remote is not on GitHub, so no githubPush() trigger: Jenkins builds from the multibranch scan or your SCM's webhook."],
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
      {
        key: 'sonarqube',
        above: ['"No critical SonarQube issues": enable once a SonarQube server is configured in Jenkins.'],
        disabled: true,
        value: [{ key: 'server', value: 'sonarqube' }],
      },
      {
        key: 'timeouts',
        value: [
          { key: 'build', value: '10m' },
          ...(deploys
            ? [
                { key: 'deploy', value: '5m' },
                { key: 'healthCheck', value: '30s' },
              ]
            : []),
        ],
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
      {
        key: 'slack',
        value: [
          { key: 'credentialsId', value: 'slack-webhook', note: `${TODO} the Jenkins secret-text credential holding the webhook URL` },
          { key: 'channel', value: '#deploys' },
        ],
      },
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
