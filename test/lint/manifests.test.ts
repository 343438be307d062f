// lint reading the repository: manifests beside the config or under --manifests DIR, checked with bump-image's own comparison.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { lintExitCode } from '../../src/cli/lint.js';
import { formatCheckstyle } from '../../src/lint/formatters/checkstyle.js';
import { formatJson } from '../../src/lint/formatters/json.js';
import { formatSarif } from '../../src/lint/formatters/sarif.js';
import { renderStylish } from '../../src/lint/formatters/stylish.js';
import { lintFile } from '../../src/lint/runner.js';
import { ROOT, runCli } from '../support/cli.js';
import type { ReadJson } from '../support/json.js';

const DIR = 'test/fixtures/lint/manifests';
const lint = (name: string, manifests?: string) => lintFile(join(DIR, name, 'pipeline.yaml'), undefined, { repository: true, manifests, today: '2026-06-01' });
const ours = (name: string, manifests?: string) => lint(name, manifests).diagnostics.filter((d) => d.ruleId === 'manifest-disagrees');
const same = (s: string): string => s;

test('manifests beside the config that agree with it: no finding, no note', () => {
  assert.equal(ours('app'), []);
});

test('a manifest without the configured image, and one with other replicas: findings pointing into each manifest', () => {
  const found = ours('wrong');
  assert.equal(
    found.map((d) => [d.file, d.line, d.column, d.severity]),
    [
      [join(DIR, 'wrong/deploy/dev.yaml'), 1, 1, 'error'],
      // line 6 column 13 is the value of `replicas: 1` in deploy/prod.yaml; prod says onMismatch: fail, so an error
      [join(DIR, 'wrong/deploy/prod.yaml'), 6, 13, 'error'],
    ],
  );
  assert.match(found[0]!.message, /image "123456789012\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/orders-api" does not appear in deploy\/dev\.yaml/);
  assert.match(found[1]!.message, /replicas expected 3, found 1/);
});

test('kustomize overlays: replicas from the replicas field and patches, resources from patches (kustomize-patches/)', async () => {
  assert.equal(ours('kustomize-patches'), []);
  const { loadText } = await import('../../src/config/load.js');
  const { lintLoaded } = await import('../../src/lint/runner.js');
  const { readFileSync } = await import('node:fs');
  const file = join(DIR, 'kustomize-patches/pipeline.yaml');
  const text = readFileSync(file, 'utf8');
  const found = (t: string) =>
    lintLoaded(loadText(t, file), undefined, { repository: true, today: '2026-06-01' }).diagnostics.filter((d) => d.ruleId === 'manifest-disagrees');
  // Each overlay's value comes from another mechanism: the finding names what kustomize would build.
  const mutations: Array<[string, string, RegExp, string[]]> = [
    [
      '    replicas: 2\n    resources: minimal',
      '    replicas: 1\n    resources: minimal',
      /environment "dev": Deployment\/orders-api: replicas expected 1, found 2/,
      ['environments', 'dev', 'replicas'],
    ],
    [
      '    replicas: 2\n    resources: medium',
      '    replicas: 3\n    resources: medium',
      /environment "staging": Deployment\/orders-api: replicas expected 3, found 2/,
      ['environments', 'staging', 'replicas'],
    ],
    [
      '    resources: medium',
      '    resources: full',
      /environment "staging": Deployment\/orders-api: resources expected "full".*found container "orders-api" with requests cpu 250m, memory 256Mi; limits cpu 500m, memory 512Mi/,
      ['environments', 'staging', 'resources'],
    ],
    [
      '    replicas: 3\n',
      '    replicas: 5\n',
      /environment "prod": Deployment\/orders-api: replicas expected 5, found 3/,
      ['environments', 'prod', 'replicas'],
    ],
  ];
  for (const [from, to, message, path] of mutations) {
    assert.ok(text.includes(from), from);
    const d = found(text.replace(from, to));
    assert.equal(
      d.map((x) => x.path),
      [path],
      `${to}: ${d.map((x) => x.message).join('; ')}`,
    );
    assert.match(d[0]!.message, message);
  }
  // The qa overlay's replicas entry names only a Rollout: kustomize refuses to build it, and lint says so.
  const qa = found(
    `${text.replace('notifications:', 'notifications:').trimEnd()}\n`.replace(
      'environments:\n',
      "environments:\n  qa:\n    branch: qa\n    replicas: 2\n    manifest: deploy/overlays/qa/kustomization.yaml\n    healthCheck: { url: 'https://orders.qa.acme.internal/healthz' }\n",
    ),
  );
  assert.equal(
    qa.map((d) => [d.severity, d.path]),
    [['error', ['environments', 'qa', 'manifest']]],
  );
  assert.match(
    qa[0]!.message,
    /deploy\/overlays\/qa\/kustomization\.yaml cannot be checked: refused: kustomize cannot build .*its replicas entry "orders-api" names no Deployment/,
  );
});

test('--manifests DIR: manifests are read from the GitOps checkout, findings point into it', () => {
  const found = ours('none', join(DIR, 'gitops'));
  // gitops/apps/orders-api/prod.yaml runs 5 replicas where prod (onMismatch: fail) says 3; dev agrees.
  assert.equal(
    found.map((d) => [d.file, d.line, d.severity]),
    [[join(DIR, 'gitops/apps/orders-api/prod.yaml'), 6, 'error']],
  );
  assert.match(found[0]!.message, /replicas expected 3, found 5/);
});

test('onMismatch warn (the default) makes a replicas mismatch a warning, as bump-image only warns; --max-warnings 0 fails on it', async () => {
  const { loadText } = await import('../../src/config/load.js');
  const { lintLoaded } = await import('../../src/lint/runner.js');
  const { readFileSync } = await import('node:fs');
  const file = join(DIR, 'app/pipeline.yaml');
  const text = readFileSync(file, 'utf8').replace('replicas: 2', 'replicas: 4');
  const result = lintLoaded(loadText(text, file), undefined, { repository: true, today: '2026-06-01' });
  const found = result.diagnostics.filter((d) => d.ruleId === 'manifest-disagrees');
  assert.equal(
    found.map((d) => [d.file, d.line, d.column, d.severity]),
    [[join(DIR, 'app/deploy/dev.yaml'), 6, 13, 'warning']],
  );
  assert.match(found[0]!.message, /replicas expected 4, found 2/);
  assert.is(lintExitCode([result]), 0);
  assert.is(lintExitCode([result], 0), 1);
});

test('no manifest readable: exactly one info note on the config, exit 0 even with --max-warnings 0', () => {
  const result = lint('none');
  const found = result.diagnostics.filter((d) => d.ruleId === 'manifest-disagrees');
  assert.is(found.length, 1);
  assert.is(found[0]!.severity, 'info');
  assert.is(found[0]!.file, join(DIR, 'none/pipeline.yaml'));
  assert.is(found[0]!.line, 14);
  assert.is(lintExitCode([result], 0), 0);
  const cli = runCli(['lint', join(DIR, 'none/pipeline.yaml'), '--max-warnings', '0'], { cwd: ROOT });
  assert.is(cli.code, 0, cli.stderr);
  assert.match(cli.stdout, /info no manifest could be read/);
  assert.match(cli.stdout, /0 errors, 0 warnings, 1 note in 1 file/);
});

test('every format renders the info note and the manifest findings (SARIF: note level, the manifest as its own artifact)', () => {
  const results = [lint('none'), lint('wrong')];
  const sarif = JSON.parse(formatSarif(results));
  const levels = sarif.runs[0].results.map((r: ReadJson) => [r.level, r.locations[0].physicalLocation.artifactLocation.uri]);
  assert.ok(
    levels.some(([l, u]: string[]) => l === 'note' && u === `${DIR}/none/pipeline.yaml`),
    JSON.stringify(levels),
  );
  assert.ok(
    levels.some(([l, u]: string[]) => l === 'error' && u === `${DIR}/wrong/deploy/prod.yaml`),
    JSON.stringify(levels),
  );
  assert.match(formatCheckstyle(results), /severity="info"/);
  assert.ok(JSON.parse(formatJson(results)).some((r: ReadJson) => r.severity === 'info'));
  const stylish = renderStylish(results, { red: same, yellow: same, gray: same, bold: same });
  assert.match(stylish, /none\/pipeline\.yaml:14:15: info /);
  assert.match(stylish, /2 errors, 0 warnings, 1 note in 2 files/);
});

test('--manifests that is not a folder is a usage error (exit 2)', () => {
  const cli = runCli(['lint', join(DIR, 'app/pipeline.yaml'), '--manifests', join(DIR, 'nowhere')], { cwd: ROOT });
  assert.is(cli.code, 2, cli.stdout);
  assert.match(cli.stderr, /--manifests .* is not a folder/);
});

test('lint.rules can turn the check off', async () => {
  const { loadText } = await import('../../src/config/load.js');
  const { lintLoaded } = await import('../../src/lint/runner.js');
  const { readFileSync } = await import('node:fs');
  const file = join(DIR, 'wrong/pipeline.yaml');
  const text = `${readFileSync(file, 'utf8')}lint: { rules: { manifest-disagrees: 'off' } }\n`;
  const result = lintLoaded(loadText(text, file), undefined, { repository: true, today: '2026-06-01' });
  assert.equal(
    result.diagnostics.map((d) => d.ruleId),
    [],
  );
});

test('a suppression in pipeline.yaml above the value a finding names hides it; anywhere else it does not', async () => {
  const { lintInRepository } = await import('../support/lint.js');
  const { readFileSync } = await import('node:fs');
  const files = {
    'deploy/dev.yaml': readFileSync(join(DIR, 'app/deploy/dev.yaml'), 'utf8'),
    'deploy/prod.yaml': readFileSync(join(DIR, 'wrong/deploy/prod.yaml'), 'utf8'),
  };
  const config = readFileSync(join(DIR, 'wrong/pipeline.yaml'), 'utf8');
  const directive = '    # pipewright-disable-next-line manifest-disagrees -- prod runs one pod until the node pool grows (OPS-123)\n';
  const found = (text: string) => lintInRepository(text, files).diagnostics.map((d) => `${d.file}:${d.line} ${d.severity} [${d.ruleId}] ${d.message}`);
  const plain = found(config);
  assert.equal(plain.filter((l) => l.includes('[manifest-disagrees]')).length, 1, plain.join('\n'));
  assert.match(plain.join('\n'), /deploy\/prod\.yaml:6 error \[manifest-disagrees\] environment "prod": Deployment\/orders-api: replicas expected 3/);
  // Above prod's replicas (the value the finding names): hidden, and nothing is said about the suppression.
  const aboveReplicas = config.replace('    replicas: 3\n', `${directive}    replicas: 3\n`);
  assert.equal(found(aboveReplicas), []);
  // Above prod's manifest line: the finding stays, and the suppression is unused.
  const aboveManifest = config.replace('    manifest: deploy/prod.yaml\n', `${directive}    manifest: deploy/prod.yaml\n`);
  const lines = found(aboveManifest);
  assert.ok(
    lines.some((l) => l.includes('[manifest-disagrees]')),
    lines.join('\n'),
  );
  assert.ok(
    lines.some((l) => l.includes('[suppression-unused]') && l.includes('"manifest-disagrees"')),
    lines.join('\n'),
  );
});

test('a config text alone (no repository read) runs no manifest check, not even the note', async () => {
  const { lintText } = await import('../support/lint.js');
  const { readFileSync } = await import('node:fs');
  const { diagnostics } = lintText(readFileSync(join(DIR, 'wrong/pipeline.yaml'), 'utf8'), join(DIR, 'wrong/pipeline.yaml'));
  assert.equal(
    diagnostics.filter((d) => d.ruleId === 'manifest-disagrees'),
    [],
  );
});

// Helm values: each finding says what the values file holds, at which key, and what to change on either side.
const HELM_CONFIG = (env: string) => `version: 1
app: web-shop
image:
  registry: { type: generic, url: ghcr.io, credentialsId: ghcr-push }
  repository: acme/web-shop
environments:
  dev:
    branch: develop
    replicas: 2
    resources: minimal
    manifest: charts/web-shop/values-dev.yaml
    format: helm
${env}    healthCheck: { url: 'https://web-shop.dev.acme.internal/healthz' }
notifications: { slack: { credentialsId: slack-webhook } }
`;
const VALUES = (image: string, extra = '') => `replicaCount: 2
${image}resources:
  requests: { cpu: 100m, memory: 128Mi }
  limits: { cpu: 250m, memory: 256Mi }
${extra}`;
const helm = async (env: string, values: string) => {
  const { lintInRepository } = await import('../support/lint.js');
  return lintInRepository(HELM_CONFIG(env), { 'charts/web-shop/values-dev.yaml': values }).diagnostics.filter((d) => d.ruleId === 'manifest-disagrees');
};
const BLOCK = 'image:\n  repository: ghcr.io/acme/web-shop\n  tag: 2.0.0\n';

test('Helm values that agree: no finding', async () => {
  assert.equal(await helm('', VALUES(BLOCK)), []);
  assert.equal(await helm('    helmKeyPath: image\n', VALUES(BLOCK)), []);
});

test('Helm replicaCount and resources that disagree name the key, the file and both ways to fix it', async () => {
  const replicas = await helm('', VALUES(BLOCK).replace('replicaCount: 2', 'replicaCount: 1'));
  assert.equal(
    replicas.map((d) => [d.file, d.line, d.path]),
    [['charts/web-shop/values-dev.yaml', 1, ['environments', 'dev', 'replicas']]],
  );
  assert.is(
    replicas[0]!.message,
    'environment "dev": charts/web-shop/values-dev.yaml sets replicaCount: 1 (top level) where pipeline.yaml says replicas: 2; change replicaCount in charts/web-shop/values-dev.yaml to 2, or replicas in pipeline.yaml to 1 (they disagree; bump-image would warn)',
  );
  const resources = await helm('', VALUES(BLOCK).replace('cpu: 250m', 'cpu: 500m'));
  assert.equal(
    resources.map((d) => d.path),
    [['environments', 'dev', 'resources']],
  );
  assert.is(
    resources[0]!.message,
    'environment "dev": the top-level resources in charts/web-shop/values-dev.yaml are requests cpu 100m, memory 128Mi; limits cpu 500m, memory 256Mi where pipeline.yaml says resources: "minimal" (requests cpu 100m, memory 128Mi; limits cpu 250m, memory 256Mi); set resources.requests and resources.limits in charts/web-shop/values-dev.yaml to the profile\'s, or choose the profile they match (docs/reference.md) (they disagree; bump-image would warn)',
  );
});

test('Helm values naming another image: the finding lists each image block with its keys and line', async () => {
  const other = await helm('', VALUES('image:\n  registry: ghcr.io\n  repository: acme/shop-web\n  tag: 2.0.0\n'));
  assert.equal(
    other.map((d) => [d.line, d.severity, d.path]),
    [[4, 'error', ['image', 'repository']]],
  );
  assert.is(
    other[0]!.message,
    'environment "dev": charts/web-shop/values-dev.yaml (Helm values) has no image block or image string naming "ghcr.io/acme/web-shop", so bump-image would refuse to deploy; it names "ghcr.io/acme/shop-web" (image.registry + image.repository, line 4): set image.repository (and image.registry.url) in pipeline.yaml to that name, or change those keys in charts/web-shop/values-dev.yaml',
  );
  const none = await helm('', VALUES(''));
  assert.match(
    none[0]!.message,
    /has no image block or image string naming "ghcr\.io\/acme\/web-shop", so bump-image would refuse to deploy; add an image block naming it \(image\.repository and image\.tag\), or set helmKeyPath/,
  );
});

test('a helmKeyPath that is missing, or names another block, is reported on helmKeyPath in pipeline.yaml terms', async () => {
  const missing = await helm('    helmKeyPath: app.image\n', VALUES(BLOCK));
  assert.equal(
    missing.map((d) => [d.line, d.path]),
    [[3, ['environments', 'dev', 'helmKeyPath']]],
  );
  assert.is(
    missing[0]!.message,
    'environment "dev": charts/web-shop/values-dev.yaml has no key "app.image" (the environment\'s helmKeyPath), so bump-image would refuse to deploy; its image blocks are "image": set helmKeyPath to the one naming "ghcr.io/acme/web-shop"',
  );
  const other = await helm('    helmKeyPath: image\n', VALUES('image:\n  repository: ghcr.io/acme/shop-web\n  tag: 2.0.0\n'));
  assert.equal(
    other.map((d) => d.path),
    [['environments', 'dev', 'helmKeyPath']],
  );
  assert.is(
    other[0]!.message,
    'environment "dev": helmKeyPath "image" names, in charts/web-shop/values-dev.yaml, an image block for "ghcr.io/acme/shop-web", not an image of "ghcr.io/acme/web-shop"; set helmKeyPath to the block holding "ghcr.io/acme/web-shop", or image.repository (and image.registry.url) to the name that block pulls, so bump-image would refuse to deploy',
  );
  assert.not.match(other[0]!.message, /--helm-key-path|--image|the file is unchanged/);
});

test.run();
