// A synthetic fleet for the benchmark: N valid pipeline.yaml files, each in its own folder, varying app name,
// language preset, agent kind, registry and environments, deterministically (the same count gives the same bytes).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const WORDS = ['orders', 'billing', 'search', 'catalog', 'checkout', 'ledger', 'identity', 'inventory', 'shipping', 'pricing', 'reports', 'media'];
const KINDS = ['api', 'worker', 'web', 'gateway', 'sync', 'jobs'];
const LANGUAGES = ['python', 'node', 'go', 'maven'];
const IMAGES = { python: 'python:3.12-slim', node: 'node:20-bookworm-slim', go: 'golang:1.23', maven: 'maven:3.9-eclipse-temurin-21' };
const TESTS = {
  python: ['pytest --junitxml=reports/junit.xml --cov=src --cov-report=xml:reports/coverage.xml', 'reports/junit.xml', 'reports/coverage.xml'],
  node: ['npm test -- --ci --reporters=default --reporters=jest-junit --coverage', 'reports/junit.xml', 'coverage/cobertura-coverage.xml'],
  go: null,
  maven: null,
};

/** The app name of fleet member `index`: unique, readable, valid as a Kubernetes and Argo CD name. */
export function fleetAppName(index) {
  return `${WORDS[index % WORDS.length]}-${KINDS[Math.floor(index / WORDS.length) % KINDS.length]}-${String(index).padStart(4, '0')}`;
}

function agentLines(index, language) {
  switch (index % 3) {
    case 0:
      return ['agent:', '  kubernetes:', `    inheritFrom: ${language}-docker`, `    image: ${IMAGES[language]}`];
    case 1:
      return ['agent:', '  docker:', `    image: ${IMAGES[language]}`];
    default:
      return ['agent:', `  label: linux-${language}`];
  }
}

function buildLines(language) {
  const lines = ['build:', `  language: ${language}`];
  const test = TESTS[language];
  if (test) lines.push(`  test: ${test[0]}`, '  reports:', `    junit: ${test[1]}`, `    coverage: ${test[2]}`);
  return lines;
}

function imageLines(app, index) {
  const registry =
    index % 2 === 0
      ? ['  registry:', '    type: ecr', '    url: 123456789012.dkr.ecr.eu-west-1.amazonaws.com', '    credentialsId: ecr-push']
      : [`  repository: acme/${app}`, '  registry:', '    type: dockerhub', '    credentialsId: dockerhub-push'];
  return ['image:', '  dockerfile: Dockerfile', ...registry, '  tag: "{build}-{shortCommit}"'];
}

/** dev alone, dev + staging, or dev + staging + an approved prod: the three shapes a fleet holds most. */
function environmentLines(app, index, count) {
  const format = index % 4 === 3 ? 'helm' : 'kustomize';
  const manifest = (env) => (format === 'helm' ? `charts/${app}/values-${env}.yaml` : `apps/${app}/overlays/${env}/kustomization.yaml`);
  const lines = ['environments:'];
  const env = (name, branch, extra) => {
    lines.push(`  ${name}:`, `    branch: ${branch}`, ...extra, `    manifest: ${manifest(name)}`, `    argocdApp: ${app}-${name}`);
    if (format === 'helm') lines.push('    format: helm', '    helmKeyPath: image');
    lines.push('    healthCheck:', `      url: https://${app}.${name}.acme.internal/healthz`);
  };
  env('dev', 'develop', ['    autoDeploy: true', '    replicas: 2', '    resources: minimal']);
  if (count >= 2) env('staging', 'main', ['    autoDeploy: true', '    strategy: blue-green', '    replicas: 2', '    resources: medium']);
  if (count >= 3) {
    env('prod', 'main', [
      '    after: staging',
      '    production: true',
      '    approval:',
      '      submitters: [ops]',
      '      timeout: 24h',
      `    sync: ${index % 2 ? 'auto' : 'manual'}`,
      '    strategy: blue-green',
      '    replicas: 3',
      '    resources: full',
    ]);
  }
  return lines;
}

/** The text of fleet member `index`. Every fifth is a library (build and test only); the others build, scan and deploy. */
export function fleetConfig(index) {
  const app = fleetAppName(index);
  const language = LANGUAGES[index % LANGUAGES.length];
  const lines = [
    '# A synthetic fleet member written by scripts/bench/fleet.mjs.',
    'version: 1',
    `app: ${app}`,
    ...agentLines(index, language),
    ...buildLines(language),
  ];
  if (index % 5 !== 4) {
    lines.push(
      ...imageLines(app, index),
      'security:',
      '  trivy:',
      '    failOn: [CRITICAL, HIGH]',
      '    warnOn: [MEDIUM]',
      '    ignoreUnfixed: true',
      'gates:',
      '  coverage:',
      `    min: ${80 + (index % 4) * 5}`,
      '  timeouts:',
      '    build: 10m',
      '    deploy: 5m',
      'gitops:',
      '  repo: https://github.com/acme/k8s-manifests.git',
      '  credentialsId: github-bot',
      '  argocd:',
      '    server: https://argocd.acme.internal',
      '    credentialsId: argocd-token',
      ...environmentLines(app, index, 1 + (index % 3)),
      'rollback:',
      '  automatic: true',
      'notifications:',
      '  slack:',
      '    credentialsId: slack-webhook',
      `    channel: "#${WORDS[index % WORDS.length]}"`,
      '  routes:',
      '    success: [slack]',
      '    failure: [slack]',
      '    deployment: ["slack:#deploys"]',
    );
  } else {
    lines.push('notifications:', '  email:', `    to: [${WORDS[index % WORDS.length]}-team@acme.com]`, '  routes:', '    failure: [email]');
  }
  return `${lines.join('\n')}\n`;
}

/** Writes `count` configs as `<dir>/<app>/pipeline.yaml` and returns their paths in order. */
export function writeFleet(dir, count) {
  const files = [];
  for (let index = 0; index < count; index++) {
    const folder = join(dir, fleetAppName(index));
    mkdirSync(folder, { recursive: true });
    const file = join(folder, 'pipeline.yaml');
    writeFileSync(file, fleetConfig(index));
    files.push(file);
  }
  return files;
}
