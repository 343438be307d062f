// The helper foundation parts the GitOps helpers rely on: git through argument arrays with masked errors and timeouts, askpass credentials, atomic writes, and runHelper's exit codes and masked result file.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../src/helpers/shared/atomic.js';
import { HelperFailure, runHelper, type HelperSpec } from '../../src/helpers/shared/cli.js';
import { assertNoCredentialsInUrl, gitAuthFromEnv } from '../../src/helpers/shared/git-auth.js';
import { git, GitError } from '../../src/helpers/shared/git.js';
import { addSecret, clearSecrets } from '../../src/helpers/shared/mask.js';
import { removeDir, tempDir } from '../support/git-repo.js';

test('git: arguments are passed as an array (no shell), failures carry masked stderr and the exit code', async () => {
  const dir = tempDir();
  try {
    await git(['init', '-q', '-b', 'main'], { cwd: dir });
    // A message full of shell syntax arrives verbatim.
    const message = '$(touch pwned) `id` ; rm -rf / && echo "quoted"';
    await git(['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', message], { cwd: dir });
    assert.is((await git(['log', '-1', '--format=%B'], { cwd: dir })).trim(), message);
    assert.not.ok(existsSync(join(dir, 'pwned')));
    addSecret('hunter2-secret');
    try {
      await git(['checkout', 'branch-hunter2-secret'], { cwd: dir });
      assert.unreachable();
    } catch (error) {
      assert.instance(error, GitError);
      assert.is((error as GitError).exitCode, 1);
      assert.not.match((error as GitError).message, 'hunter2-secret');
      assert.match((error as GitError).message, '****');
    }
  } finally {
    clearSecrets();
    removeDir(dir);
  }
});

test('git: a hanging command is killed at its timeout, and the error says so', async () => {
  const dir = tempDir();
  try {
    await git(['init', '-q'], { cwd: dir });
    // An alias running a slow shell command stands in for a remote that never answers (bounded: 60 s, killed at 5 s).
    const error = await git(['-c', 'alias.hang=!sleep 60', 'hang'], { cwd: dir, timeoutMs: 5000 }).catch((e) => e);
    assert.instance(error, GitError);
    assert.match((error as GitError).message, 'timed out after 5000 ms');
    assert.is((error as GitError).exitCode, null);
  } finally {
    removeDir(dir);
  }
});

test('askpass: the script answers from the environment, holds no secret, and is removed on dispose', () => {
  const auth = gitAuthFromEnv({ GIT_USERNAME: 'bot', GIT_PASSWORD: 'pa55-word-value' });
  const script = auth.env.GIT_ASKPASS!;
  assert.is(statSync(script).mode & 0o777, 0o700);
  assert.not.match(readFileSync(script, 'utf8'), 'pa55-word-value');
  const ask = (prompt: string, env: NodeJS.ProcessEnv) => spawnSync(script, [prompt], { env, encoding: 'utf8', timeout: 5000 }).stdout;
  assert.is(ask("Username for 'http://127.0.0.1': ", { GIT_USERNAME: 'bot' }), 'bot\n');
  assert.is(ask("Password for 'http://bot@127.0.0.1': ", { GIT_PASSWORD: 'pa55-word-value' }), 'pa55-word-value\n');
  assert.is(ask('Password: ', { GIT_TOKEN: 'tok-en-value' }), 'tok-en-value\n');
  assert.is(ask('Username: ', {}), 'x-access-token\n');
  assert.ok(auth.configArgs.includes('credential.helper='));
  auth.dispose();
  assert.not.ok(existsSync(script));
  clearSecrets();
});

test('a URL with a password is refused; user names, paths and scp addresses are fine', () => {
  assert.throws(() => assertNoCredentialsInUrl('https://bot:tok@github.com/acme/m.git'), /GIT_USERNAME/);
  for (const ok of ['https://bot@github.com/acme/m.git', '/srv/git/m.git', 'git@github.com:acme/m.git', 'file:///srv/m.git']) assertNoCredentialsInUrl(ok);
});

test('atomic write: replaces whole files and leaves no temp file behind', () => {
  const dir = tempDir();
  try {
    const file = join(dir, 'record.json');
    writeFileAtomic(file, 'one\n');
    writeFileAtomic(file, 'two\n');
    assert.is(readFileSync(file, 'utf8'), 'two\n');
    assert.equal(readdirSync(dir), ['record.json']);
    assert.throws(() => writeFileAtomic(join(dir, 'missing', 'x.json'), 'x'));
    assert.equal(readdirSync(dir), ['record.json']);
  } finally {
    removeDir(dir);
  }
});

test('runHelper: a HelperFailure exits 1 with its details in the masked result file; a usage error exits 2', async () => {
  const dir = tempDir();
  const spec: HelperSpec = {
    name: 'probe',
    summary: 'test helper',
    options: { mode: { type: 'string', required: true, description: 'what to do' } },
    run: async (o) => {
      if (o.mode === 'refuse') throw new HelperFailure('refused: held with sekret-value-123', { refused: 'hold' });
      return { ok: true, message: 'done' };
    },
  };
  const stderr = process.stderr.write.bind(process.stderr);
  const stdout = process.stdout.write.bind(process.stdout);
  process.stderr.write = (() => true) as typeof process.stderr.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    const refused = await runHelper(spec, ['--mode', 'refuse', '--result', join(dir, 'r.json')], { PROBE_TOKEN: 'sekret-value-123' });
    const usage = await runHelper(spec, [], {});
    const done = await runHelper(spec, ['--mode', 'go'], {});
    process.stderr.write = stderr;
    process.stdout.write = stdout;
    assert.is(refused.exitCode, 1);
    const record = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    assert.equal([record.refused, record.exitCode, record.message], ['hold', 1, 'refused: held with ****']);
    assert.is(usage.exitCode, 2);
    assert.is(done.exitCode, 0);
  } finally {
    process.stderr.write = stderr;
    process.stdout.write = stdout;
    clearSecrets();
    removeDir(dir);
  }
});

test.run();
