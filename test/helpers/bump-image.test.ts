// bump-image end to end, as Jenkins runs it (node dist/helpers/bump-image.cjs): dry run, deployment-table check, refusals, exit codes, and a push to a real bare repository.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { bareRepoWith, gitSync, removeDir, runBundle, tempDir, writeFiles } from '../support/git-repo.js';

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: orders-api # the API
spec:
  replicas: 2
  selector:
    matchLabels: { app: orders-api }
  template:
    metadata:
      labels: { app: orders-api }
    spec:
      containers:
        - name: api
          image: "ghcr.io/acme/orders-api:1.0.0"
          resources:
            requests: { cpu: 100m, memory: 128Mi }
            limits: { cpu: 250m, memory: 256Mi }
        - name: sidecar
          image: 'ghcr.io/acme/orders-api:1.0.0'
`;

const ROLLOUT = `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: orders-api
spec:
  replicas: 3
  strategy:
    blueGreen:
      activeService: orders-api
      previewService: orders-api-preview
  template:
    spec:
      containers:
      - name: api
        image: ghcr.io/acme/orders-api:1.0.0
        resources:
          requests: { cpu: "1", memory: 1Gi }
          limits: { cpu: "2", memory: 2Gi }
`;

function withDir(files: Record<string, string>, body: (dir: string) => void): void {
  const dir = tempDir();
  try {
    writeFiles(dir, files);
    body(dir);
  } finally {
    removeDir(dir);
  }
}

const base = ['--image', 'ghcr.io/acme/orders-api', '--app', 'orders-api', '--environment', 'dev'];

test('--dry-run prints the diff and writes nothing', () => {
  withDir({ 'deployment.yaml': DEPLOYMENT }, (dir) => {
    const r = runBundle('bump-image', [
      ...base,
      '--manifest',
      'deployment.yaml',
      '--tag',
      '1.1.0',
      '--dry-run',
      '--workdir',
      dir,
      '--result',
      join(dir, 'r.json'),
    ]);
    assert.is(r.code, 0, r.stderr);
    assert.match(r.stdout, '-          image: "ghcr.io/acme/orders-api:1.0.0"\n+          image: "ghcr.io/acme/orders-api:1.1.0"\n');
    assert.match(r.stdout, "+          image: 'ghcr.io/acme/orders-api:1.1.0'\n");
    assert.is(readFileSync(join(dir, 'deployment.yaml'), 'utf8'), DEPLOYMENT);
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    assert.is(result.dryRun, true);
    assert.is(result.changes.length, 2);
  });
});

test('--container limits the bump to one container; quoting survives', () => {
  withDir({ 'deployment.yaml': DEPLOYMENT }, (dir) => {
    const r = runBundle('bump-image', [...base, '--manifest', 'deployment.yaml', '--tag', '1.1.0', '--container', 'sidecar', '--workdir', dir]);
    assert.is(r.code, 0, r.stderr);
    assert.is(readFileSync(join(dir, 'deployment.yaml'), 'utf8'), DEPLOYMENT.replace("'ghcr.io/acme/orders-api:1.0.0'", "'ghcr.io/acme/orders-api:1.1.0'"));
  });
});

test('deployment table: a match passes; mismatches warn (unstable) or fail, naming both values', () => {
  withDir({ 'deployment.yaml': DEPLOYMENT }, (dir) => {
    const ok = runBundle('bump-image', [
      ...base,
      '--manifest',
      'deployment.yaml',
      '--tag',
      '1.1.0',
      '--workdir',
      dir,
      '--strategy',
      'rolling',
      '--replicas',
      '2',
      '--resources',
      'minimal',
      '--dry-run',
      '--result',
      join(dir, 'ok.json'),
    ]);
    assert.is(ok.code, 0, ok.stderr);
    const okResult = JSON.parse(readFileSync(join(dir, 'ok.json'), 'utf8'));
    assert.equal(okResult.deploymentCheck.checkedWorkloads, ['Deployment/orders-api']);
    // The sidecar has no resources: the minimal profile does not match it.
    assert.equal(okResult.warnings, [
      'Deployment/orders-api: resources expected "minimal" (requests cpu 100m, memory 128Mi; limits cpu 250m, memory 256Mi), found container "sidecar" with requests (none); limits (none)',
    ]);

    const warn = runBundle('bump-image', [
      ...base,
      '--manifest',
      'deployment.yaml',
      '--tag',
      '1.1.0',
      '--container',
      'api',
      '--workdir',
      dir,
      '--strategy',
      'blue-green',
      '--replicas',
      '3+',
      '--result',
      join(dir, 'warn.json'),
    ]);
    assert.is(warn.code, 0, warn.stderr);
    assert.match(warn.stderr, 'strategy expected "blue-green" (an Argo Rollouts Rollout with blueGreen), found "Deployment with RollingUpdate"');
    assert.match(warn.stderr, 'replicas expected 3+, found 2');
    const warnResult = JSON.parse(readFileSync(join(dir, 'warn.json'), 'utf8'));
    assert.is(warnResult.unstable, true);
    assert.equal(
      warnResult.deploymentCheck.mismatches.map((m: { field: string; expected: string; found: string }) => [m.field, m.expected, m.found]),
      [
        ['strategy', '"blue-green" (an Argo Rollouts Rollout with blueGreen)', '"Deployment with RollingUpdate"'],
        ['replicas', '3+', '2'],
      ],
    );

    const before = readFileSync(join(dir, 'deployment.yaml'), 'utf8');
    const fail = runBundle('bump-image', [
      ...base,
      '--manifest',
      'deployment.yaml',
      '--tag',
      '1.2.0',
      '--workdir',
      dir,
      '--replicas',
      '3',
      '--on-mismatch',
      'fail',
      '--result',
      join(dir, 'fail.json'),
    ]);
    assert.is(fail.code, 1);
    assert.match(fail.stderr, 'replicas expected 3, found 2');
    assert.is(readFileSync(join(dir, 'deployment.yaml'), 'utf8'), before);
    assert.is(JSON.parse(readFileSync(join(dir, 'fail.json'), 'utf8')).refused, 'deployment-mismatch');
  });
});

test('deployment table: a blue-green Rollout with the full profile in other units, and a rolling expectation against it', () => {
  withDir(
    { 'rollout.yaml': ROLLOUT.replace('cpu: "2", memory: 2Gi', 'cpu: "1", memory: 1Gi').replace('cpu: "1", memory: 1Gi', 'cpu: 500m, memory: 512Mi') },
    (dir) => {
      const ok = runBundle('bump-image', [
        ...base,
        '--manifest',
        'rollout.yaml',
        '--tag',
        '2.0.0',
        '--workdir',
        dir,
        '--strategy',
        'blue-green',
        '--replicas',
        '3+',
        '--resources',
        'full',
        '--on-mismatch',
        'fail',
      ]);
      assert.is(ok.code, 0, ok.stderr);
      const bad = runBundle('bump-image', [
        ...base,
        '--manifest',
        'rollout.yaml',
        '--tag',
        '2.0.1',
        '--workdir',
        dir,
        '--strategy',
        'rolling',
        '--resources',
        'medium',
        '--on-mismatch',
        'fail',
      ]);
      assert.is(bad.code, 1);
      assert.match(bad.stderr, 'strategy expected "rolling" (a Deployment with RollingUpdate), found "Rollout with blueGreen"');
      assert.match(
        bad.stderr,
        'resources expected "medium" (requests cpu 250m, memory 256Mi; limits cpu 500m, memory 512Mi), found container "api" with requests cpu 500m, memory 512Mi; limits cpu 1, memory 1Gi',
      );
    },
  );
});

test('kustomization: the check follows resources to the Deployment named by the entry', () => {
  withDir(
    {
      'base/deployment.yaml': DEPLOYMENT.replace(/ghcr.io\/acme\/orders-api:1.0.0/g, 'orders-api'),
      'base/kustomization.yaml': 'resources:\n- deployment.yaml\n',
      'overlays/dev/kustomization.yaml': 'resources:\n- ../../base\nimages:\n- name: orders-api\n  newName: ghcr.io/acme/orders-api\n  newTag: 1.0.0\n',
    },
    (dir) => {
      const r = runBundle('bump-image', [
        ...base,
        '--manifest',
        'overlays/dev/kustomization.yaml',
        '--tag',
        '1.1.0',
        '--workdir',
        dir,
        '--replicas',
        '4',
        '--result',
        join(dir, 'r.json'),
      ]);
      assert.is(r.code, 0, r.stderr);
      assert.match(r.stderr, 'Deployment/orders-api: replicas expected 4, found 2');
      assert.match(readFileSync(join(dir, 'overlays/dev/kustomization.yaml'), 'utf8'), '  newTag: 1.1.0\n');
    },
  );
});

test('an image that is not there: exit 1, file untouched, reported', () => {
  withDir({ 'deployment.yaml': DEPLOYMENT }, (dir) => {
    const r = runBundle('bump-image', [
      '--image',
      'ghcr.io/acme/other',
      '--app',
      'a',
      '--environment',
      'dev',
      '--manifest',
      'deployment.yaml',
      '--tag',
      '1',
      '--workdir',
      dir,
      '--result',
      join(dir, 'r.json'),
    ]);
    assert.is(r.code, 1);
    assert.match(r.stderr, 'image "ghcr.io/acme/other" not found in deployment.yaml (plain); the file is unchanged');
    assert.is(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).refused, 'image-not-found');
    assert.is(readFileSync(join(dir, 'deployment.yaml'), 'utf8'), DEPLOYMENT);
  });
});

test('invalid YAML and a block-scalar image are refused (exit 1), not internal errors', () => {
  withDir(
    {
      'bad.yaml': 'kind: Pod\nspec: [unclosed\n',
      'block.yaml': 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n  - name: a\n    image: |\n      ghcr.io/acme/orders-api:1\n',
    },
    (dir) => {
      const bad = runBundle('bump-image', [...base, '--manifest', 'bad.yaml', '--tag', '2', '--workdir', dir, '--result', join(dir, 'bad.json')]);
      assert.is(bad.code, 1);
      assert.is(JSON.parse(readFileSync(join(dir, 'bad.json'), 'utf8')).refused, 'invalid-yaml');
      const block = runBundle('bump-image', [...base, '--manifest', 'block.yaml', '--tag', '2', '--workdir', dir, '--result', join(dir, 'block.json')]);
      assert.is(block.code, 1, block.stderr);
      assert.is(JSON.parse(readFileSync(join(dir, 'block.json'), 'utf8')).refused, 'unsupported-manifest');
    },
  );
});

test('usage errors exit 2; pipewright helper runs the same bundle', () => {
  assert.is(runBundle('bump-image', ['--image', 'x', '--app', 'a', '--environment', 'e', '--manifest', 'm.yaml']).code, 2);
  assert.is(runBundle('bump-image', [...base, '--manifest', '../outside.yaml', '--tag', '1']).code, 2);
  assert.is(runBundle('bump-image', [...base, '--manifest', 'm.yaml', '--tag', 'bad tag']).code, 2);
  assert.is(runBundle('bump-image', [...base, '--manifest', 'm.yaml', '--tag', '1', '--format', 'json']).code, 2);
  const help = runBundle('bump-image', ['--help']);
  assert.is(help.code, 0);
  assert.match(help.stdout, '--on-mismatch warn|fail');
  withDir({ 'deployment.yaml': DEPLOYMENT }, (dir) => {
    const viaCli = runCli(['helper', 'bump-image', ...base, '--manifest', 'deployment.yaml', '--tag', '1.1.0', '--dry-run'], { cwd: dir });
    assert.is(viaCli.code, 0, viaCli.stderr);
    assert.match(viaCli.stdout, '+          image: "ghcr.io/acme/orders-api:1.1.0"');
  });
});

test('push mode: clones, commits with a conventional message, pushes; a second run is a no-op', () => {
  const { bare, root } = bareRepoWith({ 'apps/orders-api/dev/deployment.yaml': DEPLOYMENT });
  try {
    const args = [
      ...base,
      '--repo',
      bare,
      '--branch',
      'main',
      '--manifest',
      'apps/orders-api/dev/deployment.yaml',
      '--tag',
      '1.1.0',
      '--build-url',
      'https://jenkins.example/job/orders/7/',
    ];
    const r = runBundle('bump-image', [...args, '--result', join(root, 'r.json')]);
    assert.is(r.code, 0, r.stderr);
    const result = JSON.parse(readFileSync(join(root, 'r.json'), 'utf8'));
    assert.is(result.pushed, true);
    assert.is(gitSync(bare, ['rev-parse', 'main']).trim(), result.commit);
    const message = gitSync(bare, ['log', '-1', '--format=%B', 'main']);
    assert.match(message, 'deploy(dev): orders-api 1.0.0 -> 1.1.0\n');
    assert.match(message, 'Build-Url: https://jenkins.example/job/orders/7/');
    assert.match(gitSync(bare, ['show', 'main:apps/orders-api/dev/deployment.yaml']), 'image: "ghcr.io/acme/orders-api:1.1.0"');
    const again = runBundle('bump-image', [...args, '--result', join(root, 'again.json')]);
    assert.is(again.code, 0, again.stderr);
    const againResult = JSON.parse(readFileSync(join(root, 'again.json'), 'utf8'));
    assert.is(againResult.changed, false);
    assert.is(againResult.pushed, false);
    assert.is(gitSync(bare, ['rev-list', '--count', 'main']).trim(), '2');
  } finally {
    removeDir(root);
  }
});

test('--checkout: created on first use, then reused and moved to the remote head before each edit', () => {
  const { bare, root } = bareRepoWith({ 'dev/deployment.yaml': DEPLOYMENT, 'other.txt': 'one\n' });
  try {
    const checkout = join(root, 'checkout');
    const args = [...base, '--repo', bare, '--checkout', checkout, '--manifest', 'dev/deployment.yaml'];
    assert.is(runBundle('bump-image', [...args, '--tag', '1.1.0']).code, 0);
    assert.is(gitSync(checkout, ['rev-parse', 'HEAD']), gitSync(bare, ['rev-parse', 'main']));
    // Someone else pushes; the reused checkout is stale and has a stray local file.
    const other = join(root, 'other');
    gitSync(root, ['clone', '-q', bare, other]);
    writeFiles(other, { 'other.txt': 'two\n' });
    gitSync(other, ['commit', '-qam', 'other change']);
    gitSync(other, ['push', '-q', 'origin', 'HEAD:main']);
    writeFiles(checkout, { 'stray.txt': 'left over\n' });
    const r = runBundle('bump-image', [...args, '--tag', '1.2.0', '--result', join(root, 'r.json')]);
    assert.is(r.code, 0, r.stderr);
    assert.is(JSON.parse(readFileSync(join(root, 'r.json'), 'utf8')).nonFastForwardRetries, 0);
    assert.is(gitSync(bare, ['show', 'main:other.txt']), 'two\n');
    assert.match(gitSync(bare, ['show', 'main:dev/deployment.yaml']), 'orders-api:1.2.0');
    assert.is(gitSync(bare, ['ls-tree', '--name-only', 'main']).includes('stray.txt'), false);
  } finally {
    removeDir(root);
  }
});

test.run();
