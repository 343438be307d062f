// bump-image killed with SIGKILL at fixed points (between commit and push, while the push is in flight, during the manifest's temp-file write): the remote stays consistent, the checkout holds nothing half-written, and a rerun lands exactly one bump commit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bareRepoWith, gitSync, removeDir } from '../support/git-repo.js';
import { installHook, leftovers, remoteState, runHelperToEnd, signalAndBlock, spawnHelper, waitForFile } from '../support/helper-faults.js';

const MANIFEST = 'web/deployment.yaml';
const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: ghcr.io/acme/web:1.0.0\n';
// The manifests repository ignores temp files: a killed run's leftovers must go even so.
const FILES = { [MANIFEST]: DEPLOYMENT, '.gitignore': '*.tmp\n' };

function setup() {
  const { bare, root } = bareRepoWith(FILES);
  const checkout = join(root, 'checkout');
  const tmp = join(root, 'helper-tmp');
  mkdirSync(tmp);
  const args = (tag: string, extra: string[] = []) => [
    '--repo',
    bare,
    '--manifest',
    MANIFEST,
    '--image',
    'ghcr.io/acme/web',
    '--tag',
    tag,
    '--app',
    'web',
    '--environment',
    'dev',
    '--attempts',
    '3',
    '--backoff-ms',
    '10',
    '--result',
    join(root, `result-${tag}.json`),
    ...extra,
  ];
  return { bare, root, checkout, tmp, args, env: { TMPDIR: tmp } };
}

/** The rerun after the fault: exit 0, one new commit holding the new tag, byte for byte the expected manifest. */
async function assertRerunConverges(ctx: ReturnType<typeof setup>, before: number, tag: string, extra: string[]) {
  const rerun = await runHelperToEnd('bump-image', ctx.args(tag, extra), { env: ctx.env });
  assert.is(rerun.code, 0, rerun.stderr);
  const after = remoteState(ctx.bare);
  assert.is(after.commits, before + 1, 'exactly one bump commit');
  assert.is(after.merges, '');
  assert.is(
    gitSync(ctx.bare, ['log', '--format=%s', 'main'])
      .split('\n')
      .filter((s) => s.includes(`-> ${tag}`)).length,
    1,
  );
  assert.is(gitSync(ctx.bare, ['show', `main:${MANIFEST}`]), DEPLOYMENT.replace('web:1.0.0', `web:${tag}`));
  // A second rerun is a no-op: the bump converged.
  const again = await runHelperToEnd('bump-image', ctx.args(tag, extra), { env: ctx.env });
  assert.is(again.code, 0, again.stderr);
  assert.is(JSON.parse(readFileSync(join(ctx.root, `result-${tag}.json`), 'utf8')).changed, false);
  assert.is(remoteState(ctx.bare).commits, before + 1);
}

// The helpers' git ignores the checkout's hooks (core.hooksPath=/dev/null, SECURITY.md section 11), so the pause after
// the commit is the remote's pre-receive hook: the commit is made in the persistent checkout and not yet accepted.
test('killed after the commit in a persistent checkout, before the remote accepts the push: remote unchanged, checkout whole, rerun lands one commit', async () => {
  const ctx = setup();
  try {
    const checkoutArgs = ['--checkout', ctx.checkout];
    assert.is((await runHelperToEnd('bump-image', ctx.args('1.1.0', checkoutArgs), { env: ctx.env })).code, 0, 'first use creates the checkout');
    const before = remoteState(ctx.bare);
    const mark = join(ctx.root, 'pre-receive-reached');
    const hook = installHook(ctx.bare, 'pre-receive', signalAndBlock(mark));
    const helper = spawnHelper('bump-image', ctx.args('1.2.0', checkoutArgs), { env: ctx.env });
    await waitForFile(mark);
    helper.killGroup();
    const killed = await helper.done;
    assert.is(killed.signal, 'SIGKILL');
    assert.not.ok(existsSync(join(ctx.root, 'result-1.2.0.json')), 'no result: the helper never finished');

    assert.equal(remoteState(ctx.bare), before, 'the remote did not move');
    // The commit was made, whole, and never sent: the worktree and index match it, no lock, no temp file.
    assert.equal(leftovers(ctx.checkout), []);
    assert.is(gitSync(ctx.checkout, ['rev-list', '--count', 'origin/main..HEAD']).trim(), '1');
    assert.match(readFileSync(join(ctx.checkout, MANIFEST), 'utf8'), 'image: ghcr.io/acme/web:1.2.0\n');

    rmSync(hook);
    await assertRerunConverges(ctx, before.commits, '1.2.0', checkoutArgs);
    assert.equal(leftovers(ctx.checkout), []);
    assert.is(gitSync(ctx.checkout, ['rev-parse', 'HEAD']).trim(), remoteState(ctx.bare).head, 'the unpushed commit was dropped, not pushed twice');
  } finally {
    removeDir(ctx.root);
  }
});

test('killed while the push is in flight (the remote pre-receive hook blocks): the branch does not move, the repository is sound, rerun lands one commit', async () => {
  const ctx = setup();
  try {
    const before = remoteState(ctx.bare);
    const mark = join(ctx.root, 'pre-receive-reached');
    const hook = installHook(ctx.bare, 'pre-receive', signalAndBlock(mark));
    const helper = spawnHelper('bump-image', ctx.args('1.2.0'), { env: ctx.env });
    await waitForFile(mark);
    helper.killGroup();
    assert.is((await helper.done).signal, 'SIGKILL');
    assert.equal(remoteState(ctx.bare), before, 'pack sent, ref never updated: fsck clean, head unchanged');

    // SIGKILL leaves no chance to remove the temporary clone; it is whole and never reused by a later run.
    const abandoned = readdirSync(ctx.tmp).filter((d) => d.startsWith('pw-gitops-'));
    assert.is(abandoned.length, 1);
    const clone = join(ctx.tmp, abandoned[0]!, 'repo');
    assert.equal(leftovers(clone), []);

    rmSync(hook);
    const tmpBefore = readdirSync(ctx.tmp).sort();
    await assertRerunConverges(ctx, before.commits, '1.2.0', []);
    assert.equal(readdirSync(ctx.tmp).sort(), tmpBefore, 'the reruns left nothing in TMPDIR');
  } finally {
    removeDir(ctx.root);
  }
});

// strace kills the helper (its main thread does the file writes) with SIGKILL on entering the first system call named:
// the temp file exists beside the manifest, the rename never happened. (Not at write(2): node's own signal-pipe
// writes come first, in a number that varies, so that point would not be deterministic.)
const WRITE_KILL_POINTS = [
  { syscall: 'fsync', when: 'written, not flushed' },
  { syscall: '/^rename(at2?)?$', when: 'flushed, not renamed' },
];

for (const point of WRITE_KILL_POINTS) {
  test(`killed during the manifest's temp-file write (at ${point.syscall}): manifest untouched, the temp file goes on rerun, one commit`, async () => {
    const ctx = setup();
    try {
      const checkoutArgs = ['--checkout', ctx.checkout];
      assert.is((await runHelperToEnd('bump-image', ctx.args('1.1.0', checkoutArgs), { env: ctx.env })).code, 0);
      const before = remoteState(ctx.bare);
      const committed = readFileSync(join(ctx.checkout, MANIFEST), 'utf8');
      const prefix = ['strace', '-o', '/dev/null', '-e', `inject=${point.syscall}:signal=KILL:when=1`];
      const killed = await runHelperToEnd('bump-image', ctx.args('1.2.0', checkoutArgs), { env: ctx.env, prefix });
      assert.is(killed.signal, 'SIGKILL', `strace passes the kill on: ${killed.stderr}`);

      assert.equal(remoteState(ctx.bare), before);
      assert.is(readFileSync(join(ctx.checkout, MANIFEST), 'utf8'), committed, 'the manifest itself was never half-written');
      const temps = readdirSync(join(ctx.checkout, 'web')).filter((f) => f.endsWith('.tmp'));
      assert.is(temps.length, 1, 'the kill hit the temp-file write');
      const size = statSync(join(ctx.checkout, 'web', temps[0]!)).size;
      assert.is(size, committed.length, `the temp file is ${point.when}`);
      assert.equal(leftovers(ctx.checkout), [`!! web/${temps[0]}`], 'the only leftover is the ignored temp file');

      await assertRerunConverges(ctx, before.commits, '1.2.0', checkoutArgs);
      assert.equal(leftovers(ctx.checkout), [], 'the rerun removed the temp file (git clean -x)');
    } finally {
      removeDir(ctx.root);
    }
  });
}

test.run();
