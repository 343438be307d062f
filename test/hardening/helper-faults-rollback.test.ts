// Two rollbacks of one app in one environment at the same moment (a pre-receive barrier makes both pushes meet): both finish, one rolls back and the other is a no-op, the history stays linear, the manifest holds the earlier tag and the hold record agrees; a later rollback by steps is refused while the hold stands.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { bareRepoWith, gitSync, removeDir } from '../support/git-repo.js';
import { installHook, remoteState, runHelperToEnd } from '../support/helper-faults.js';
import type { ReadJson } from '../support/json.js';

const MANIFEST = 'apps/orders-api/overlays/prod/kustomization.yaml';
const KUSTOMIZATION = 'resources:\n- ../../base\nimages:\n- name: orders-api\n  newName: ghcr.io/acme/orders-api\n  newTag: v0\n';
const RECORD = '.pipewright/deployments/prod/orders-api.json';

async function withHistory(
  body: (ctx: {
    bare: string;
    root: string;
    rollback: (name: string, extra: string[]) => ReturnType<typeof runHelperToEnd>;
    result: (name: string) => ReadJson;
  }) => Promise<void>,
) {
  const { bare, root } = bareRepoWith({ [MANIFEST]: KUSTOMIZATION });
  const common = (name: string) => [
    '--repo',
    bare,
    '--manifest',
    MANIFEST,
    '--image',
    'ghcr.io/acme/orders-api',
    '--app',
    'orders-api',
    '--environment',
    'prod',
    '--attempts',
    '6',
    '--backoff-ms',
    '20',
    '--result',
    join(root, `${name}.json`),
  ];
  try {
    for (const tag of ['v1', 'v2', 'v3']) {
      const r = await runHelperToEnd('bump-image', [...common(`bump-${tag}`), '--tag', tag]);
      assert.is(r.code, 0, r.stderr);
    }
    await body({
      bare,
      root,
      rollback: (name, extra) => runHelperToEnd('rollback', [...common(name), '--build-url', `https://jenkins.example/job/orders/${name}/`, ...extra]),
      result: (name) => JSON.parse(readFileSync(join(root, `${name}.json`), 'utf8')),
    });
  } finally {
    removeDir(root);
  }
}

/** A pre-receive hook that holds every push until two have arrived (bounded to 30 s), so both rollbacks push against the same head. */
function barrier(bare: string, root: string): { arrivals: string; remove(): void } {
  const arrivals = join(root, 'arrivals');
  mkdirSync(arrivals);
  const hook = installHook(
    bare,
    'pre-receive',
    `touch '${arrivals}'/$$\nn=0\nwhile [ "$(ls '${arrivals}' | wc -l)" -lt 2 ] && [ $n -lt 600 ]; do sleep 0.05; n=$((n+1)); done\nexit 0`,
  );
  return { arrivals, remove: () => rmSync(hook) };
}

const deployed = (bare: string) => /newTag: (\S+)/.exec(gitSync(bare, ['show', `main:${MANIFEST}`]))![1];
const record = (bare: string) => JSON.parse(gitSync(bare, ['show', `main:${RECORD}`]));

for (const kind of ['manual', 'automatic'] as const) {
  test(`two ${kind} rollbacks at once: one rolls v3 back to v2, the other finds it done; linear, consistent, said in the results`, async () => {
    await withHistory(async ({ bare, root, rollback, result }) => {
      const before = remoteState(bare);
      const gate = barrier(bare, root);
      const extra = (who: string) => (kind === 'manual' ? ['--steps', '1', '--reason', `${who} saw errors`] : ['--automatic']);
      const [a, b] = await Promise.all([rollback('a', extra('a')), rollback('b', extra('b'))]);
      gate.remove();
      assert.is(a.code, 0, a.stderr);
      assert.is(b.code, 0, b.stderr);
      assert.is(deployed(bare), 'v2', 'the manifest holds the earlier tag, not the one rolled back from');

      const results = { a: result('a'), b: result('b') };
      const winner = results.a.pushed ? 'a' : 'b';
      const loser = winner === 'a' ? 'b' : 'a';
      const [won, lost] = [results[winner], results[loser]];
      assert.equal([won.pushed, won.changed, won.fromTag, won.toTag], [true, true, 'v3', 'v2']);
      assert.equal([lost.pushed, lost.changed, lost.toTag, lost.commit], [false, false, 'v2', null]);
      assert.ok(lost.nonFastForwardRetries >= 1, 'the loser was rejected and re-applied its decision on the new head');
      assert.match(lost.message, `orders-api in prod already runs v2`);
      assert.match(lost.message, '(another writer got there first)');

      // The remote: one more commit, linear, the rollback's; the manifest and the record agree.
      const after = remoteState(bare);
      assert.is(after.commits, before.commits + 1);
      assert.is(after.merges, '');
      assert.is(after.head, won.commit);
      assert.is(deployed(bare), 'v2');
      const rec = record(bare);
      if (kind === 'manual') {
        assert.is(rec.hold.tag, 'v2', 'the hold names the deployed tag');
        assert.is(rec.hold.reason, `${winner} saw errors`);
        assert.equal(lost.hold, rec.hold, "the no-op's result shows the hold that stands");
        assert.equal(rec.failedTags, []);
      } else {
        assert.is(rec.hold, null);
        assert.equal(
          rec.failedTags.map((f: { tag: string }) => f.tag),
          ['v3'],
        );
      }
      assert.is(
        gitSync(bare, ['log', '--format=%s', 'main'])
          .split('\n')
          .filter((s) => s.startsWith('revert(prod)')).length,
        1,
      );
      assert.is(readdirSync(gate.arrivals).length, 2, 'both pushes met at the remote, and the no-op pushed nothing more');
    });
  });
}

test('a second manual rollback by steps while the hold stands is refused (it would restore the tag just rolled back from); --to still works', async () => {
  await withHistory(async ({ bare, rollback, result }) => {
    assert.is((await rollback('first', ['--steps', '1', '--reason', 'errors'])).code, 0);
    const before = remoteState(bare);
    const again = await rollback('again', ['--steps', '1']);
    assert.is(again.code, 1, again.stderr);
    assert.match(
      again.stderr,
      'refused: orders-api in prod is already held at v2 by a manual rollback (errors); give --to TAG to restore a particular earlier tag, or run release-hold first',
    );
    assert.equal([result('again').refused, result('again').pushed], ['hold', false]);
    assert.equal(remoteState(bare), before);
    assert.is(deployed(bare), 'v2');

    const further = await rollback('further', ['--to', 'v1', '--reason', 'v2 too']);
    assert.is(further.code, 0, further.stderr);
    assert.equal([deployed(bare), record(bare).hold.tag], ['v1', 'v1']);
  });
});

test('a second automatic rollback by steps skips the tag marked as failed instead of restoring it', async () => {
  await withHistory(async ({ bare, rollback, result }) => {
    assert.is((await rollback('first', ['--automatic'])).code, 0);
    assert.equal(
      [
        deployed(bare),
        record(bare)
          .failedTags.map((f: { tag: string }) => f.tag)
          .join(),
      ],
      ['v2', 'v3'],
    );
    const second = await rollback('second', ['--automatic']);
    assert.is(second.code, 0, second.stderr);
    assert.equal([result('second').fromTag, result('second').toTag], ['v2', 'v1']);
    assert.equal(
      [
        deployed(bare),
        record(bare)
          .failedTags.map((f: { tag: string }) => f.tag)
          .join(),
      ],
      ['v1', 'v3,v2'],
    );
    assert.is(remoteState(bare).merges, '');
  });
});

test.run();
