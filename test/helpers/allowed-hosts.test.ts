// Helpers check the policy's host allow-list (PW_ALLOWED_HOSTS_<KIND>, set by the library's pwPolicy) before a credential leaves: argocd-sync, notify, bump-image, the database helpers and the GitHub clients.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { assertHostAllowed } from '../../src/helpers/shared/allowed-hosts.js';
import { HelperFailure } from '../../src/helpers/shared/cli.js';
import { startStub, type StubServer } from '../support/stub-server.js';
import { bareRepoWith, removeDir, runBundle, runBundleAsync, tempDir } from '../support/git-repo.js';

const refused = (kind: string, address: string, list: string | undefined): string | null => {
  try {
    assertHostAllowed(kind, address, list === undefined ? {} : { [`PW_ALLOWED_HOSTS_${kind.toUpperCase()}`]: list });
    return null;
  } catch (error) {
    assert.instance(error, HelperFailure);
    return (error as Error).message;
  }
};

test('unset and "*" allow any host; a list allows its hosts and *.suffix; an empty list allows none', () => {
  assert.is(refused('git', 'https://git.evil.example/a.git', undefined), null);
  assert.is(refused('git', 'https://git.evil.example/a.git', '*'), null);
  assert.is(refused('git', 'git@GitHub.com:acme/a.git', 'github.com'), null);
  assert.is(refused('database', 'postgres://pg1.db.acme.internal', '*.db.acme.internal'), null);
  assert.match(
    refused('git', 'https://github.com.evil.example/a.git', 'github.com') ?? '',
    /not allow sending the git credential to github\.com\.evil\.example \(allowed: github\.com\); nothing was sent/,
  );
  assert.match(refused('argocd', 'https://argocd.acme.internal', '') ?? '', /allowed: no host/);
});

test('each kind reads its own list: the git list does not govern the GitHub API token', () => {
  assert.is(refused('github', 'https://api.github.com', undefined), null);
  assertHostAllowed('github', 'https://api.github.com', { PW_ALLOWED_HOSTS_GIT: 'github.com', PW_ALLOWED_HOSTS_GITHUB: 'api.github.com' });
  assert.match(refused('github', 'https://ghe.evil.example/api/v3', 'api.github.com') ?? '', /github credential to ghe\.evil\.example/);
});

test('a refusal never echoes the address, which may be the secret itself', () => {
  const message = refused('slack', 'https://hooks.evil.example/services/T000/B000/XXXXsecretXXXX', 'hooks.slack.com') ?? '';
  assert.match(message, /hooks\.evil\.example/);
  assert.not.match(message, /XXXXsecretXXXX/);
});

let argo: StubServer;
let slack: StubServer;
test.before(async () => {
  argo = await startStub({ routes: [{ method: 'GET', path: '/api/v1/applications/{name}', handle: () => ({ status: 404, body: { message: 'not found' } }) }] });
  slack = await startStub({ routes: [{ method: 'POST', path: '/services/T000/B000/secret', handle: () => ({ body: 'ok' }) }] });
});
test.after(async () => {
  await argo.close();
  await slack.close();
});

test('argocd-sync sends its token nowhere outside the list, and to a listed host as before', async () => {
  const args = ['--server', argo.url, '--app', 'orders-api-prod', '--mode', 'auto', '--timeout', '5s', '--attempts', '1'];
  const env = { ARGOCD_TOKEN: 'argocd-token-secret' };
  const out = await runBundleAsync('argocd-sync', args, { env: { ...env, PW_ALLOWED_HOSTS_ARGOCD: 'argocd.acme.internal' } });
  assert.is(out.code, 1, out.stdout + out.stderr);
  assert.match(out.stdout + out.stderr, /does not allow sending the argocd credential to 127\.0\.0\.1/);
  assert.is(argo.requests.length, 0);
  await runBundleAsync('argocd-sync', args, { env: { ...env, PW_ALLOWED_HOSTS_ARGOCD: '127.0.0.1' } });
  assert.ok(argo.requests.length > 0, 'a listed host is asked');
});

test('notify posts no webhook outside the Slack hosts', async () => {
  const args = ['--event', 'success', '--app', 'orders-api', '--build-name', 'orders-api #42', '--build-url', 'https://jenkins.example/job/a/42/'];
  const webhook = `${slack.url}/services/T000/B000/secret`;
  const out = await runBundleAsync('notify', args, { env: { SLACK_WEBHOOK_URL: webhook, PW_ALLOWED_HOSTS_SLACK: 'hooks.slack.com' } });
  assert.is(out.code, 1, out.stdout + out.stderr);
  assert.is(slack.requests.length, 0);
  assert.not.match(out.stdout + out.stderr, /B000\/secret/);
  const allowed = await runBundleAsync('notify', args, { env: { SLACK_WEBHOOK_URL: webhook, PW_ALLOWED_HOSTS_SLACK: '127.0.0.1' } });
  assert.is(allowed.code, 0, allowed.stdout + allowed.stderr);
  assert.is(slack.requests.length, 1);
});

test('bump-image clones nothing from a repository outside the git hosts', () => {
  const { bare, root } = bareRepoWith({ 'apps/orders/overlays/prod/kustomization.yaml': 'images:\n  - name: registry.local/orders\n    newTag: "1"\n' });
  const work = tempDir();
  try {
    const r = runBundle(
      'bump-image',
      [
        '--app',
        'orders',
        '--environment',
        'prod',
        '--manifest',
        'apps/orders/overlays/prod/kustomization.yaml',
        '--image',
        'registry.local/orders',
        '--tag',
        '2',
        '--repo',
        bare,
        '--branch',
        'main',
        '--result',
        join(work, 'r.json'),
      ],
      { cwd: work, env: { PW_ALLOWED_HOSTS_GIT: 'github.com', GIT_TOKEN: 'git-token-secret' } },
    );
    assert.is(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /does not allow sending the git credential/);
  } finally {
    removeDir(root);
    removeDir(work);
  }
});

test('db-backup refuses a database host outside the list before running pg_dump', () => {
  const work = tempDir();
  try {
    const r = runBundle(
      'db-backup',
      ['--host', 'db.evil.example', '--database', 'orders', '--dir', join(work, 'b'), '--app', 'orders', '--environment', 'prod', '--build', '42'],
      { cwd: work, env: { PW_ALLOWED_HOSTS_DATABASE: '*.db.acme.internal', PGPASSWORD: 'pw-secret' } },
    );
    assert.is(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stdout + r.stderr, /does not allow sending the database credential to db\.evil\.example/);
  } finally {
    removeDir(work);
  }
});

test.run();
