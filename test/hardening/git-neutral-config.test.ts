// Issue #16 item 10: every git the helpers spawn runs with a neutral configuration (no system or global config, -c overrides for hooks, fsmonitor, signing programs, credential helpers and protocols) and no credential in its environment unless the command needs it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from '../../src/helpers/shared/git.js';
import { gitAuthFromEnv } from '../../src/helpers/shared/git-auth.js';
import { gitSync, removeDir, runBundle, tempDir } from '../support/git-repo.js';

interface Hostile {
  root: string;
  ws: string;
  marker: string;
  commit: string;
}

/** A workspace whose .git/config (and a global config) point every program-running key at a script that writes a marker file with its environment. */
function hostileWorkspace(): Hostile {
  const root = tempDir('pw-git-neutral-');
  const ws = join(root, 'ws');
  const marker = join(root, 'marker');
  const script = join(root, 'evil.sh');
  writeFileSync(script, `#!/bin/sh\n{ echo "ran: $0 $*"; env; } >> '${marker}'\nexit 0\n`);
  chmodSync(script, 0o755);
  const hooks = join(root, 'hooks');
  mkdirSync(hooks);
  for (const hook of [
    'pre-commit',
    'commit-msg',
    'post-commit',
    'post-checkout',
    'pre-push',
    'post-index-change',
    'reference-transaction',
    'prepare-commit-msg',
  ]) {
    writeFileSync(join(hooks, hook), `#!/bin/sh\nexec '${script}' hook-${hook}\n`);
    chmodSync(join(hooks, hook), 0o755);
  }
  mkdirSync(ws);
  writeFileSync(join(ws, 'app.txt'), 'v1\n');
  gitSync(ws, ['init', '-q', '-b', 'main']);
  gitSync(ws, ['add', '-A']);
  gitSync(ws, ['commit', '-q', '-m', 'first']);
  // A signed-looking commit: `git log` with log.showSignature runs gpg.program to verify it.
  const tree = gitSync(ws, ['rev-parse', 'HEAD^{tree}']).trim();
  const parent = gitSync(ws, ['rev-parse', 'HEAD']).trim();
  const body = [
    `tree ${tree}`,
    `parent ${parent}`,
    'author Alice <alice@example.com> 1700000000 +0000',
    'committer Alice <alice@example.com> 1700000000 +0000',
    'gpgsig -----BEGIN PGP SIGNATURE-----',
    ' ',
    ' iQEzBAABCAAdFiEEfake',
    ' -----END PGP SIGNATURE-----',
    '',
    'signed change',
    '',
  ].join('\n');
  const commitFile = join(root, 'commit.txt');
  writeFileSync(commitFile, body);
  const commit = gitSync(ws, ['hash-object', '-t', 'commit', '-w', commitFile]).trim();
  gitSync(ws, ['update-ref', 'refs/heads/main', commit]);
  gitSync(ws, ['reset', '-q', '--hard', commit]);
  const hostileKeys: Array<[string, string]> = [
    ['gpg.program', script],
    ['gpg.ssh.program', script],
    ['gpg.x509.program', script],
    ['log.showSignature', 'true'],
    ['commit.gpgSign', 'true'],
    ['core.fsmonitor', script],
    ['core.hooksPath', hooks],
    ['credential.helper', `!${script}`],
    ['core.sshCommand', script],
  ];
  for (const [key, value] of hostileKeys) gitSync(ws, ['config', key, value]);
  // The same keys in a global config a helper's HOME would offer.
  const home = join(root, 'home');
  mkdirSync(home);
  for (const [key, value] of hostileKeys) gitSync(ws, ['config', '--file', join(home, '.gitconfig'), key, value]);
  return { root, ws, marker, commit };
}

const markerText = (h: Hostile): string => (existsSync(h.marker) ? readFileSync(h.marker, 'utf8') : '');

test('approve reading the author from a hostile workspace runs none of its programs and gets the author', () => {
  const h = hostileWorkspace();
  try {
    const audit = join(h.root, 'audit.json');
    const r = runBundle('approve', ['--approver', 'bob', '--commit', h.commit, '--repo-dir', h.ws, '--app', 'orders-api', '--audit', audit], {
      env: { HOME: join(h.root, 'home'), GITHUB_TOKEN: 'ghp_neutral_token_value', GIT_TOKEN: 'git-token-value' },
    });
    assert.is(markerText(h), '', `a configured program ran:\n${markerText(h)}`);
    assert.is(r.code, 0, r.stderr);
    assert.is(JSON.parse(readFileSync(audit, 'utf8')).author, 'alice@example.com');
  } finally {
    removeDir(h.root);
  }
});

test("status, add and commit through the helpers' git run no hook, fsmonitor or signing program of the workspace or the global config", async () => {
  const h = hostileWorkspace();
  const home = process.env.HOME;
  process.env.HOME = join(h.root, 'home');
  try {
    writeFileSync(join(h.ws, 'app.txt'), 'v2\n');
    await git(['status', '--porcelain'], { cwd: h.ws });
    await git(['add', '-A'], { cwd: h.ws });
    await git(['-c', 'user.name=Bot', '-c', 'user.email=bot@example.com', 'commit', '-q', '-m', 'second'], { cwd: h.ws });
    await git(['log', '-2', '--format=%H %ae'], { cwd: h.ws });
    assert.is(markerText(h), '', `a configured program ran:\n${markerText(h)}`);
    assert.is((await git(['log', '-1', '--format=%s'], { cwd: h.ws })).trim(), 'second', 'the commit itself still happened');
  } finally {
    process.env.HOME = home;
    removeDir(h.root);
  }
});

test("git gets no credential from the helper's environment unless the caller hands it one (the fetch or push that needs it)", async () => {
  const h = hostileWorkspace();
  const saved = { ...process.env };
  Object.assign(process.env, { GITHUB_TOKEN: 'ghp_not_for_git_1234', GIT_TOKEN: 'git-token-5678', PGPASSWORD: 'pg-pass-9012', ARGOCD_AUTH_TOKEN: 'argo-3456' });
  try {
    // An alias given by the caller prints git's own environment; the inherited variables are what a configured program would see.
    const show = (env?: NodeJS.ProcessEnv) => git(['-c', 'alias.showenv=!env', 'showenv'], { cwd: h.ws, ...(env ? { env } : {}) });
    const plain = await show();
    for (const secret of ['ghp_not_for_git_1234', 'git-token-5678', 'pg-pass-9012', 'argo-3456'])
      assert.not.ok(plain.includes(secret), `git's environment holds ${secret}`);
    assert.match(plain, /^GIT_CONFIG_NOSYSTEM=1$/m);
    assert.match(plain, /^GIT_CONFIG_GLOBAL=\/dev\/null$/m);
    const auth = gitAuthFromEnv(process.env);
    try {
      const withAuth = await show(auth.env);
      assert.ok(withAuth.includes('GIT_TOKEN=git-token-5678'), 'the askpass script finds the git token when the caller needs it');
      assert.not.ok(withAuth.includes('ghp_not_for_git_1234') || withAuth.includes('pg-pass-9012'), 'only the git credential is handed over');
    } finally {
      auth.dispose();
    }
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
    Object.assign(process.env, saved);
    removeDir(h.root);
  }
});

test('protocols that run programs (ext::) are refused even when the workspace config allows them', async () => {
  const h = hostileWorkspace();
  try {
    gitSync(h.ws, ['config', 'protocol.ext.allow', 'always']);
    const error = await git(['ls-remote', `ext::sh -c ${join(h.root, 'evil.sh')}`], { cwd: h.ws, timeoutMs: 30_000 }).then(
      () => null,
      (e: Error) => e,
    );
    assert.ok(error, 'ls-remote over ext:: must fail');
    assert.match(error!.message, /transport 'ext' not allowed/);
    assert.is(markerText(h), '');
  } finally {
    removeDir(h.root);
  }
});

test.run();
