// Write-back over HTTP (git http-backend behind a loopback server): dropped connections and 500s are retried, a lasting failure ends clearly with nothing half-written, credentials come only from the environment and are masked.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bareRepoWith, gitSync, removeDir, runBundleAsync } from '../support/git-repo.js';
import { startGitHttpServer } from '../support/git-http-server.js';

const MANIFEST =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: ghcr.io/acme/web:1.0.0\n';
const PASSWORD = 's3cr3t-token-value';

async function withRemote(
  body: (ctx: { root: string; bare: string; url: string; server: Awaited<ReturnType<typeof startGitHttpServer>>; tmp: string }) => Promise<void>,
) {
  const { bare, root } = bareRepoWith({ 'web/deployment.yaml': MANIFEST });
  gitSync(bare, ['config', 'http.receivepack', 'true']);
  const server = await startGitHttpServer(root, { user: 'bot', password: PASSWORD });
  const tmp = join(root, 'helper-tmp');
  mkdirSync(tmp);
  try {
    await body({ root, bare, url: `${server.url}/remote.git`, server, tmp });
  } finally {
    await server.close();
    removeDir(root);
  }
}

const bump = (url: string, root: string, tmp: string, tag: string, extraEnv: NodeJS.ProcessEnv = {}) =>
  runBundleAsync(
    'bump-image',
    [
      '--repo',
      url,
      '--manifest',
      'web/deployment.yaml',
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
      '20',
      '--result',
      join(root, `${tag}.json`),
    ],
    { env: { GIT_USERNAME: 'bot', GIT_PASSWORD: PASSWORD, TMPDIR: tmp, ...extraEnv } },
  );

test('a dropped connection and a 500 are retried, and the push lands once', async () => {
  await withRemote(async ({ root, bare, url, server, tmp }) => {
    // Two drops: curl itself retries a dropped reused connection once; the second reaches the helper.
    server.faults.push({ match: /^GET .*info\/refs\?service=git-upload-pack/, fault: 'drop' });
    server.faults.push({ match: /^GET .*info\/refs\?service=git-upload-pack/, fault: 'drop' });
    server.faults.push({ match: /^POST .*git-receive-pack$/, fault: '500' });
    const r = await bump(url, root, tmp, '1.1.0');
    assert.is(r.code, 0, r.stderr);
    const result = JSON.parse(readFileSync(join(root, '1.1.0.json'), 'utf8'));
    assert.is(result.pushed, true);
    const retried = result.retries.map((x: { step: string; kind: string }) => `${x.step}:${x.kind}`);
    assert.ok(retried.includes('clone:transient') && retried.includes('push:transient'), server.log.join('\n') + JSON.stringify(result.retries));
    assert.ok(server.log.includes(`GET /remote.git/info/refs?service=git-upload-pack -> dropped`), server.log.join('\n'));
    assert.ok(server.log.includes(`POST /remote.git/git-receive-pack -> 500`), server.log.join('\n'));
    assert.is(gitSync(bare, ['rev-list', '--count', 'main']).trim(), '2');
    assert.match(gitSync(bare, ['show', 'main:web/deployment.yaml']), 'image: ghcr.io/acme/web:1.1.0\n');
    // The secret reached git only through the askpass script: never printed, never in the result, no temp file left.
    assert.not.match(r.stdout + r.stderr + readFileSync(join(root, '1.1.0.json'), 'utf8'), PASSWORD);
    assert.equal(readdirSync(tmp), []);
  });
});

test('a lasting 500 ends with a clear error after the bounded attempts; the remote is unchanged', async () => {
  await withRemote(async ({ root, bare, url, server, tmp }) => {
    const before = gitSync(bare, ['rev-parse', 'main']);
    server.lastingFault = { match: /^POST .*git-receive-pack$/, fault: '500' };
    const r = await bump(url, root, tmp, '1.2.0');
    assert.is(r.code, 1);
    assert.match(r.stderr, 'could not push to main after 4 attempts');
    assert.match(r.stderr, '500');
    const result = JSON.parse(readFileSync(join(root, '1.2.0.json'), 'utf8'));
    assert.is(result.ok, false);
    assert.is(result.pushed, false);
    assert.is(result.retries.length, 3);
    assert.is(server.log.filter((l) => l === 'POST /remote.git/git-receive-pack -> 500').length, 4);
    assert.is(gitSync(bare, ['rev-parse', 'main']), before);
    assert.equal(readdirSync(tmp), []);
  });
});

test('wrong credentials fail at once (no retry storm), masked', async () => {
  await withRemote(async ({ root, url, tmp }) => {
    const r = await bump(url, root, tmp, '1.3.0', { GIT_PASSWORD: 'wrong-password-value' });
    assert.is(r.code, 1);
    const result = JSON.parse(readFileSync(join(root, '1.3.0.json'), 'utf8'));
    assert.is(result.retries?.length ?? 0, 0);
    assert.not.match(r.stderr + JSON.stringify(result), 'wrong-password-value');
  });
});

test('a URL carrying a password is refused before anything runs', async () => {
  await withRemote(async ({ root, url, tmp }) => {
    const withPassword = url.replace('http://', `http://bot:${PASSWORD}@`);
    const r = await runBundleAsync(
      'bump-image',
      ['--repo', withPassword, '--manifest', 'web/deployment.yaml', '--image', 'ghcr.io/acme/web', '--tag', '9', '--app', 'web', '--environment', 'dev'],
      { env: { TMPDIR: tmp } },
    );
    assert.is(r.code, 2);
    assert.match(r.stderr, 'set GIT_USERNAME and GIT_PASSWORD');
    assert.not.match(r.stderr, PASSWORD);
  });
});

test.run();
