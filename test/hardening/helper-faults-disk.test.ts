// A full disk under bump-image (a tiny tmpfs holding the checkout, or TMPDIR with the temporary clone): exit 1 naming ENOSPC, the manifest never truncated, the remote unchanged, and a rerun with space lands one whole commit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bareRepoWith, gitSync, removeDir } from '../support/git-repo.js';
import { fillDisk, leftovers, mountTmpfs, remoteState, removeFile, runHelperToEnd, unmount } from '../support/helper-faults.js';
import type { ReadJson } from '../support/json.js';

const MANIFEST = 'web/deployment.yaml';
// About 100 KB: a large manifest, so a nearly full disk cuts its write short (write(2) returns fewer bytes than asked).
const PADDING = Array.from({ length: 1400 }, (_, i) => `# padding line ${String(i).padStart(4, '0')} ${'x'.repeat(50)}\n`).join('');
const DEPLOYMENT = `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: ghcr.io/acme/web:1.0.0\n${PADDING}`;

interface Disk {
  bare: string;
  root: string;
  /** The small file system (tmpfs) the test fills. */
  small: string;
  result: (tag: string) => ReadJson;
  args: (tag: string, extra?: string[]) => string[];
}

async function withSmallDisk(sizeKb: number, body: (disk: Disk) => Promise<void>): Promise<void> {
  const { bare, root } = bareRepoWith({ [MANIFEST]: DEPLOYMENT, '.gitignore': '*.tmp\n' });
  const small = join(root, 'small');
  mkdirSync(small);
  // This suite runs as root (as in the CI container); mounting needs that, so a refusal is an error, not a skip.
  assert.ok(mountTmpfs(small, sizeKb), 'mount -t tmpfs failed: the disk-full tests need root (CAP_SYS_ADMIN)');
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
    '2',
    '--backoff-ms',
    '10',
    '--result',
    join(root, `result-${tag}.json`),
    ...extra,
  ];
  try {
    await body({ bare, root, small, args, result: (tag) => JSON.parse(readFileSync(join(root, `result-${tag}.json`), 'utf8')) });
  } finally {
    unmount(small);
    removeDir(root);
  }
}

function assertOneWholeBump(bare: string, commitsBefore: number, tag: string) {
  const after = remoteState(bare);
  assert.is(after.commits, commitsBefore + 1);
  assert.is(after.merges, '');
  assert.is(gitSync(bare, ['show', `main:${MANIFEST}`]), DEPLOYMENT.replace('web:1.0.0', `web:${tag}`), 'the pushed manifest is whole');
}

test('the checkout on a full tmpfs: the manifest write fails with ENOSPC, nothing truncated or pushed; with space the rerun lands one whole commit', async () => {
  await withSmallDisk(512, async ({ bare, root, small, args, result }) => {
    const checkout = join(small, 'checkout');
    const first = await runHelperToEnd('bump-image', args('1.1.0', ['--checkout', checkout]));
    assert.is(first.code, 0, first.stderr);
    const before = remoteState(bare);
    // Room for git's small writes while syncing, not for the ~100 KB manifest: its write is cut short.
    const filler = fillDisk(small, 32 * 1024);

    const full = await runHelperToEnd('bump-image', args('1.2.0', ['--checkout', checkout]));
    assert.is(full.code, 1, full.stderr);
    assert.match(full.stderr, `could not write ${join(checkout, MANIFEST)}: no space left on device (ENOSPC); nothing was pushed`);
    const failed = result('1.2.0');
    assert.is(failed.ok, false);
    assert.is(failed.systemError, 'ENOSPC');
    assert.is(failed.pushed, false);
    assert.equal(remoteState(bare), before, 'the remote is unchanged');
    assert.is(readFileSync(join(checkout, MANIFEST), 'utf8'), DEPLOYMENT.replace('web:1.0.0', 'web:1.1.0'), 'the manifest in the checkout is whole');
    assert.equal(leftovers(checkout), [], 'no temp file, no lock');

    // Still full: a second try fails the same way and changes nothing.
    assert.is((await runHelperToEnd('bump-image', args('1.2.0', ['--checkout', checkout]))).code, 1);
    assert.equal(remoteState(bare), before);

    removeFile(filler);
    const rerun = await runHelperToEnd('bump-image', args('1.2.0', ['--checkout', checkout]));
    assert.is(rerun.code, 0, rerun.stderr);
    assertOneWholeBump(bare, before.commits, '1.2.0');
    assert.equal(leftovers(checkout), []);
    void root;
  });
});

test('TMPDIR on a full tmpfs: the temporary clone fails naming ENOSPC, nothing is left there; with space the rerun lands one commit', async () => {
  await withSmallDisk(512, async ({ bare, small, args, result }) => {
    const before = remoteState(bare);
    const filler = fillDisk(small, 16 * 1024);
    const full = await runHelperToEnd('bump-image', args('1.2.0'), { env: { TMPDIR: small } });
    assert.is(full.code, 1, full.stderr);
    assert.match(
      full.stderr,
      /could not clone branch main of \S*remote\.git: .*No space left on device; the file system holding \S+ is full \(ENOSPC, \d+ KiB free\)/,
    );
    assert.is(result('1.2.0').ok, false);
    assert.equal(remoteState(bare), before);
    assert.equal(readdirSync(small), ['filler'], 'the partial clone and the askpass script were removed');

    removeFile(filler);
    const rerun = await runHelperToEnd('bump-image', args('1.2.0'), { env: { TMPDIR: small } });
    assert.is(rerun.code, 0, rerun.stderr);
    assertOneWholeBump(bare, before.commits, '1.2.0');
    assert.equal(readdirSync(small), []);
  });
});

test('the result file on a full disk: the helper says so and does not pass (exit 1)', async () => {
  await withSmallDisk(256, async ({ bare, small, args }) => {
    const filler = fillDisk(small, 0);
    const resultFile = join(small, 'result.json');
    const run = await runHelperToEnd('bump-image', [...args('1.2.0').slice(0, -2), '--result', resultFile]);
    assert.is(run.code, 1, run.stderr);
    assert.match(run.stderr, `could not write ${resultFile}: no space left on device (ENOSPC)`);
    assert.equal(readdirSync(small), ['filler'], 'no half-written result file');
    removeFile(filler);
    void bare;
  });
});

test.run();
