// The manifests remote misbehaves under bump-image: a pre-receive hook refuses, an HTTP remote never answers (clone, push), the connection is reset mid-transfer (clone, push, and after the push landed). Each ends with exit 1 and a message naming what happened, the remote unchanged, nothing left behind; a rerun after the fault clears lands exactly one commit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { bareRepoWith, gitSync, removeDir } from '../support/git-repo.js';
import { startGitHttpServer, type Fault, type GitHttpServer } from '../support/git-http-server.js';
import { installHook, leftovers, processesMentioning, remoteState, runHelperToEnd } from '../support/helper-faults.js';
import type { ReadJson } from '../support/json.js';

const MANIFEST = 'web/deployment.yaml';
const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: ghcr.io/acme/web:1.0.0\n';
const PASSWORD = 'faults-s3cr3t-value';

interface Remote {
  bare: string;
  root: string;
  tmp: string;
  server: GitHttpServer;
  url: string;
  bump(tag: string, extra?: string[]): ReturnType<typeof runHelperToEnd>;
  result(tag: string): ReadJson;
}

async function withHttpRemote(body: (remote: Remote) => Promise<void>): Promise<void> {
  // Full history, so the pack a clone downloads spans more than one chunk of the answer.
  const { bare, root } = bareRepoWith({
    [MANIFEST]: DEPLOYMENT,
    'notes/history.txt': Array.from({ length: 4000 }, (_, i) => `entry ${i} ${Math.sin(i)}\n`).join(''),
  });
  gitSync(bare, ['config', 'http.receivepack', 'true']);
  const server = await startGitHttpServer(root, { user: 'bot', password: PASSWORD });
  const tmp = join(root, 'helper-tmp');
  mkdirSync(tmp);
  const url = `${server.url}/remote.git`;
  const bump = (tag: string, extra: string[] = []) =>
    runHelperToEnd(
      'bump-image',
      [
        '--repo',
        url,
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
        '--git-timeout',
        '5s',
        '--result',
        join(root, `result-${tag}.json`),
        ...extra,
      ],
      { env: { GIT_USERNAME: 'bot', GIT_PASSWORD: PASSWORD, TMPDIR: tmp }, timeoutMs: 30_000 },
    );
  try {
    await body({ bare, root, tmp, server, url, bump, result: (tag) => JSON.parse(readFileSync(join(root, `result-${tag}.json`), 'utf8')) });
  } finally {
    await server.close();
    removeDir(root);
  }
}

/** Exit 1 with the message, the remote as before, no temp clone or askpass script left, no git process left running. */
function assertCleanFailure(r: Awaited<ReturnType<typeof runHelperToEnd>>, remote: Remote, before: ReturnType<typeof remoteState>, message: RegExp) {
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, message);
  assert.not.match(r.stderr, PASSWORD);
  assert.equal(remoteState(remote.bare), before, 'the remote is unchanged');
  assert.equal(readdirSync(remote.tmp), [], 'nothing left in TMPDIR');
  assert.equal(processesMentioning(new URL(remote.url).port ? `:${new URL(remote.url).port}/` : remote.url), [], 'no git process left behind');
}

async function assertRerunConverges(remote: Remote, commitsBefore: number, tag: string) {
  const rerun = await remote.bump(tag);
  assert.is(rerun.code, 0, rerun.stderr);
  assert.is(remote.result(tag).pushed, true);
  const after = remoteState(remote.bare);
  assert.is(after.commits, commitsBefore + 1);
  assert.is(after.merges, '');
  assert.is(gitSync(remote.bare, ['show', `main:${MANIFEST}`]), DEPLOYMENT.replace('web:1.0.0', `web:${tag}`));
}

test('a pre-receive hook refuses: exit 1 at once naming the hook and its words; the checkout is reset; rerun converges', async () => {
  const { bare, root } = bareRepoWith({ [MANIFEST]: DEPLOYMENT });
  try {
    const checkout = join(root, 'checkout');
    const args = (tag: string) => [
      '--repo',
      bare,
      '--checkout',
      checkout,
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
      '4',
      '--backoff-ms',
      '10',
      '--result',
      join(root, `result-${tag}.json`),
    ];
    const before = remoteState(bare);
    const hook = installHook(bare, 'pre-receive', `echo 'main is frozen for the 2.0 release; ask #release' >&2\nexit 1`);
    const refused = await runHelperToEnd('bump-image', args('1.1.0'));
    assert.is(refused.code, 1, refused.stderr);
    assert.match(
      refused.stderr,
      'the remote refused the push to main: ! [remote rejected] HEAD -> main (pre-receive hook declined): main is frozen for the 2.0 release; ask #release; nothing was pushed',
    );
    const result = JSON.parse(readFileSync(join(root, 'result-1.1.0.json'), 'utf8'));
    assert.equal([result.ok, result.pushed, result.retries.length], [false, false, 0], 'a refusal is not retried');
    assert.equal(remoteState(bare), before);
    assert.equal(leftovers(checkout), []);
    assert.is(gitSync(checkout, ['rev-parse', 'HEAD']).trim(), before.head, 'the refused commit is gone from the checkout');

    rmSync(hook);
    const rerun = await runHelperToEnd('bump-image', args('1.1.0'));
    assert.is(rerun.code, 0, rerun.stderr);
    assert.is(remoteState(bare).commits, before.commits + 1);
    assert.is(gitSync(bare, ['show', `main:${MANIFEST}`]), DEPLOYMENT.replace('1.0.0', '1.1.0'));
  } finally {
    removeDir(root);
  }
});

const HANGS: Array<{ step: string; match: RegExp; message: RegExp }> = [
  {
    step: 'clone',
    match: /service=git-upload-pack/,
    message:
      /could not clone branch main of http:\/\/127\.0\.0\.1:\d+\/remote\.git: no answer within 5 s \(git clone timed out; --git-timeout sets the limit\)/,
  },
  {
    step: 'push',
    match: /^POST .*git-receive-pack$/,
    message: /could not push to main after 2 attempts: no answer within 5 s \(git push timed out; --git-timeout sets the limit\)/,
  },
];

for (const hang of HANGS) {
  test(`an HTTP remote that never answers the ${hang.step}: the git timeout ends it (and every git process), exit 1; rerun converges`, async () => {
    await withHttpRemote(async (remote) => {
      const before = remoteState(remote.bare);
      remote.server.lastingFault = { match: hang.match, fault: 'hang' };
      const r = await remote.bump('1.1.0');
      assertCleanFailure(r, remote, before, hang.message);
      assert.is(remote.result('1.1.0').retries.length, 1, 'a timeout is transient: retried once within --attempts 2');
      assert.is(remote.server.log.filter((l) => l.endsWith('-> hang')).length, 2);
      remote.server.lastingFault = null;
      await assertRerunConverges(remote, before.commits, '1.1.0');
    });
  });
}

const RESETS: Array<{ step: string; match: RegExp; fault: Fault; message: RegExp }> = [
  {
    step: 'clone (pack download cut)',
    match: /^POST .*git-upload-pack$/,
    fault: 'reset-response',
    message: /could not clone branch main of \S+: .*(reset by peer|unexpected disconnect|early EOF|transfer closed)/i,
  },
  {
    step: 'push (pack upload cut)',
    match: /^POST .*git-receive-pack$/,
    fault: 'reset-request',
    message: /could not push to main after 2 attempts: .*(reset by peer|unexpected disconnect|broken pipe|remote end hung up)/i,
  },
];

for (const reset of RESETS) {
  test(`the connection is reset mid-transfer during the ${reset.step}: exit 1 naming it, remote unchanged; rerun converges`, async () => {
    await withHttpRemote(async (remote) => {
      const before = remoteState(remote.bare);
      remote.server.lastingFault = { match: reset.match, fault: reset.fault };
      const r = await remote.bump('1.1.0');
      assertCleanFailure(r, remote, before, reset.message);
      assert.ok(
        remote.server.log.some((l) => l.endsWith(`-> ${reset.fault}`)),
        remote.server.log.join('\n'),
      );
      remote.server.lastingFault = null;
      await assertRerunConverges(remote, before.commits, '1.1.0');
    });
  });
}

test('the push lands but its answer is reset: the retry sees the commit on the remote and reports it pushed, once', async () => {
  await withHttpRemote(async (remote) => {
    const before = remoteState(remote.bare);
    remote.server.faults.push({ match: /^POST .*git-receive-pack$/, fault: 'reset-response' });
    const r = await remote.bump('1.1.0');
    assert.is(r.code, 0, r.stderr);
    const result = remote.result('1.1.0');
    assert.equal([result.pushed, result.changed, result.retries.length, result.retries[0]?.step], [true, true, 1, 'push']);
    assert.is(result.commit, remoteState(remote.bare).head, 'the commit the helper reports is the one on the remote');
    assert.is(remoteState(remote.bare).commits, before.commits + 1, 'not pushed twice');
    assert.match(r.stdout, 'set ghcr.io/acme/web 1.0.0 -> 1.1.0');
    assert.equal(readdirSync(remote.tmp), []);
  });
});

test.run();
