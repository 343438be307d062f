// Rollback and hold through the bundled helpers against a real bare repository: manual rollback holds bumps until release-hold; an automatic rollback sets no hold and refuses the failed tag.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bareRepoWith, gitSync, removeDir, runBundle, type HelperRun } from '../support/git-repo.js';
import type { ReadJson } from '../support/json.js';

const KUSTOMIZATION = 'resources:\n- ../../base\nimages:\n- name: orders-api # published by Jenkins\n  newName: ghcr.io/acme/orders-api\n  newTag: v0\n';
const MANIFEST = 'apps/orders-api/overlays/prod/kustomization.yaml';

test('bump v1..v3, manual rollback to v1 holds, release, v4; automatic rollback to v3 refuses v4, v5 lands', () => {
  const { bare, root } = bareRepoWith({ [MANIFEST]: KUSTOMIZATION });
  let n = 0;
  const helper = (name: string, args: string[]): { run: HelperRun; result: Record<string, ReadJson> } => {
    const file = join(root, `result-${++n}.json`);
    const run = runBundle(name, [
      ...args,
      '--repo',
      bare,
      '--branch',
      'main',
      '--app',
      'orders-api',
      '--environment',
      'prod',
      '--result',
      file,
      ...(name === 'deploy-history' ? [] : ['--build-url', `https://jenkins.example/job/orders/${n}/`]),
    ]);
    return { run, result: JSON.parse(readFileSync(file, 'utf8')) };
  };
  const target = ['--manifest', MANIFEST, '--image', 'ghcr.io/acme/orders-api'];
  const bump = (tag: string, ...extra: string[]) => helper('bump-image', [...target, '--tag', tag, ...extra]);
  const deployed = () => /newTag: (\S+)/.exec(gitSync(bare, ['show', `main:${MANIFEST}`]))![1];
  const record = () => JSON.parse(gitSync(bare, ['show', 'main:.pipewright/deployments/prod/orders-api.json']));
  try {
    for (const tag of ['v1', 'v2', 'v3']) assert.is(bump(tag).run.code, 0);
    assert.is(deployed(), 'v3');

    const manual = helper('rollback', [...target, '--steps', '2', '--reason', 'p99 latency doubled']);
    assert.is(manual.run.code, 0, manual.run.stderr);
    assert.is(deployed(), 'v1');
    assert.equal([manual.result.fromTag, manual.result.toTag, manual.result.hold.tag], ['v3', 'v1', 'v1']);
    assert.is(record().hold.reason, 'p99 latency doubled');
    assert.match(gitSync(bare, ['log', '-1', '--format=%s', 'main']), 'revert(prod): orders-api v3 -> v1 (manual rollback, hold set)');

    const held = bump('v4');
    assert.is(held.run.code, 1);
    assert.is(held.result.refused, 'hold');
    assert.match(held.run.stderr, 'orders-api in prod is held at v1 by a manual rollback (p99 latency doubled); run release-hold');
    assert.is(bump('v4', '--force').result.refused, 'hold', 'a hold is not forced away');
    assert.is(deployed(), 'v1');

    const release = helper('release-hold', []);
    assert.is(release.run.code, 0, release.run.stderr);
    assert.is(release.result.released.tag, 'v1');
    assert.is(record().hold, null);
    assert.is(helper('release-hold', []).result.pushed, false, 'releasing twice commits nothing');

    assert.is(bump('v4').run.code, 0);
    assert.is(deployed(), 'v4');

    const automatic = helper('rollback', [...target, '--automatic', '--to', 'v3']);
    assert.is(automatic.run.code, 0, automatic.run.stderr);
    assert.is(deployed(), 'v3');
    assert.is(automatic.result.hold, null);
    assert.equal(
      record().failedTags.map((f: { tag: string }) => f.tag),
      ['v4'],
    );

    const again = bump('v4');
    assert.is(again.run.code, 1);
    assert.is(again.result.refused, 'failed-tag');
    assert.is(deployed(), 'v3');

    assert.is(bump('v5').run.code, 0);
    assert.is(deployed(), 'v5');

    // History is never rewritten: every step is one more commit on a linear branch.
    assert.is(gitSync(bare, ['rev-list', '--count', 'main']).trim(), '9');
    assert.is(gitSync(bare, ['rev-list', '--min-parents=2', 'main']).trim(), '');

    const history = helper('deploy-history', target);
    assert.is(history.run.code, 0, history.run.stderr);
    assert.equal(
      history.result.deployments.map((d: { tag: string; action: string }) => `${d.tag}:${d.action}`),
      ['v5:bump', 'v3:automatic-rollback', 'v4:bump', 'v1:rollback', 'v3:bump', 'v2:bump', 'v1:bump', 'v0:manual'],
    );
    const latest = history.result.deployments[0];
    assert.is(latest.commit, gitSync(bare, ['rev-parse', 'main']).trim());
    assert.is(latest.author, 'Test', 'GIT_AUTHOR_NAME from the environment wins over the default "pipewright"');
    assert.ok(!Number.isNaN(Date.parse(latest.time)));
    assert.equal(
      history.result.failedTags.map((f: { tag: string }) => f.tag),
      ['v4'],
    );

    // A forced re-deploy of the failed tag is allowed.
    assert.is(bump('v4', '--force').run.code, 0);
    assert.is(deployed(), 'v4');
  } finally {
    removeDir(root);
  }
});

test('rollback refuses what the history cannot give', () => {
  const { bare, root } = bareRepoWith({ [MANIFEST]: KUSTOMIZATION });
  try {
    const args = [
      '--manifest',
      MANIFEST,
      '--image',
      'ghcr.io/acme/orders-api',
      '--repo',
      bare,
      '--app',
      'orders-api',
      '--environment',
      'prod',
      '--result',
      join(root, 'r.json'),
    ];
    const far = runBundle('rollback', [...args, '--steps', '3']);
    assert.is(far.code, 1);
    assert.match(far.stderr, 'cannot go back 3 deployment(s); orders-api in prod has 1 in its history');
    const unknown = runBundle('rollback', [...args, '--to', 'v9']);
    assert.is(unknown.code, 1);
    assert.match(unknown.stderr, 'v9 was never deployed');
    assert.is(runBundle('rollback', [...args, '--to', 'v9', '--steps', '1']).code, 2);
    assert.is(gitSync(bare, ['rev-list', '--count', 'main']).trim(), '1');
  } finally {
    removeDir(root);
  }
});

test.run();
