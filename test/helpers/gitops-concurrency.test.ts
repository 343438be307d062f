// Ten bump-image processes for different apps push to one bare repository at the same moment: all land, none is lost, history stays linear, and the result files show the non-fast-forward retries.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bareRepoWith, gitSync, removeDir, runBundleAsync } from '../support/git-repo.js';

// Ten race as surely as twenty (every push after the first lands on a moved head), at a quarter of the retries.
const APPS = Array.from({ length: 10 }, (_, i) => `svc-${String(i + 1).padStart(2, '0')}`);

const manifest = (app: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${app}
spec:
  replicas: 2
  template:
    spec:
      containers:
      - name: ${app}
        image: registry.acme.test:5000/acme/${app}:1.0.0 # pinned by the pipeline
`;

test('10 concurrent bumps of different apps all land on one branch, linearly', async () => {
  const files = Object.fromEntries(APPS.map((app) => [`apps/${app}/dev/deployment.yaml`, manifest(app)]));
  const { bare, root } = bareRepoWith(files);
  try {
    const runs = await Promise.all(
      APPS.map((app) =>
        runBundleAsync(
          'bump-image',
          [
            '--repo',
            bare,
            '--branch',
            'main',
            '--manifest',
            `apps/${app}/dev/deployment.yaml`,
            '--image',
            `registry.acme.test:5000/acme/${app}`,
            '--tag',
            '2.0.0',
            '--app',
            app,
            '--environment',
            'dev',
            '--build-url',
            `https://jenkins.example/job/${app}/1/`,
            '--attempts',
            '40',
            '--backoff-ms',
            '50',
            '--result',
            join(root, `${app}.json`),
            // A hang guard, not a speed limit: twenty bumps racing on a loaded 2-core machine once took over 180 s.
          ],
          { timeoutMs: 540_000 },
        ),
      ),
    );
    runs.forEach((r, i) => assert.is(r.code, 0, `${APPS[i]}: ${r.stderr}`));
    const results = APPS.map((app) => JSON.parse(readFileSync(join(root, `${app}.json`), 'utf8')));
    for (const r of results) {
      assert.is(r.ok, true);
      assert.is(r.pushed, true);
    }
    // Every change landed: one commit per app on top of the initial one, each with a single parent.
    assert.is(gitSync(bare, ['rev-list', '--count', 'main']).trim(), String(APPS.length + 1));
    assert.is(gitSync(bare, ['rev-list', '--min-parents=2', 'main']).trim(), '');
    const pushed = new Set(results.map((r) => r.commit));
    assert.is(pushed.size, APPS.length);
    for (const sha of gitSync(bare, ['rev-list', 'main']).trim().split('\n').slice(0, APPS.length)) assert.ok(pushed.has(sha), sha);
    for (const app of APPS) {
      assert.is(gitSync(bare, ['show', `main:apps/${app}/dev/deployment.yaml`]), manifest(app).replace(':1.0.0 #', ':2.0.0 #'));
    }
    // Pushes really raced: some were rejected as non-fast-forward and re-applied on the new head.
    const retries = results.reduce((n, r) => n + r.nonFastForwardRetries, 0);
    assert.ok(retries > 0, 'no non-fast-forward retry happened');
    assert.ok(results.some((r) => r.retries.some((x: { kind: string; step: string }) => x.kind === 'non-fast-forward' && x.step === 'push')));
    console.log(
      `${APPS.length} concurrent bumps: ${retries} non-fast-forward retries in all, at most ${Math.max(...results.map((r) => r.attempts))} attempts for one bump`,
    );
  } finally {
    removeDir(root);
  }
});

test.run();
