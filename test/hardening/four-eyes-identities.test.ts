// Issue #16 item 8: four eyes takes identities from the SCM (GitHub: the pull request's author and merger) and the organisation's identities file, not from the commit e-mail and pipeline.yaml alone; a merge commit at HEAD counts its merged authors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBundledHelper, tempDir } from '../support/run-helper.js';
import { gitSync } from '../support/git-repo.js';
import { startGitHub, type FakePull } from '../support/services.js';
import type { StubServer } from '../support/stub-server.js';

const TOKEN = 'ghp_FourEyesIdentities0123456789abcdef';
const REPO = 'acme/orders-api';
/** alice wrote the change but committed it as "ci-bot@acme.com"; bob merged it. */
const FAKED = '7'.repeat(40);
const PULLS: FakePull[] = [{ number: 21, author: 'alice', mergedBy: 'bob', merged: true, commits: [FAKED], reviews: [] }];

let github: StubServer;
let work: string;
let merge: string;

/** A real repository whose HEAD merges alice's feature commit: the merge commit itself is bob's. */
function mergeRepository(dir: string): string {
  const as = (name: string) => ({
    GIT_AUTHOR_NAME: name,
    GIT_AUTHOR_EMAIL: `${name}@acme.com`,
    GIT_COMMITTER_NAME: name,
    GIT_COMMITTER_EMAIL: `${name}@acme.com`,
  });
  writeFileSync(join(dir, 'a.txt'), '1\n');
  gitSync(dir, ['init', '-q', '-b', 'main']);
  gitSync(dir, ['add', '-A']);
  gitSync(dir, ['commit', '-q', '-m', 'base'], as('carol'));
  gitSync(dir, ['checkout', '-q', '-b', 'feature']);
  writeFileSync(join(dir, 'b.txt'), '2\n');
  gitSync(dir, ['add', '-A']);
  gitSync(dir, ['commit', '-q', '-m', 'feature'], as('alice'));
  gitSync(dir, ['checkout', '-q', 'main']);
  writeFileSync(join(dir, 'c.txt'), '3\n');
  gitSync(dir, ['add', '-A']);
  gitSync(dir, ['commit', '-q', '-m', 'other'], as('carol'));
  gitSync(dir, ['merge', '-q', '--no-ff', '-m', 'merge feature', 'feature'], as('bob'));
  return gitSync(dir, ['rev-parse', 'HEAD']).trim();
}

test.before(async () => {
  github = await startGitHub(TOKEN, REPO, PULLS, [FAKED]);
  work = tempDir('pw-four-eyes-');
  merge = mergeRepository(work);
});
test.after(async () => {
  await github.close();
});

const approve = (args: string[], env: Record<string, string> = {}) => {
  const audit = join(work, `audit-${Math.random().toString(36).slice(2)}.json`);
  return runBundledHelper('approve', ['--app', 'orders-api', '--environment', 'prod', '--audit', audit, ...args], env).then((r) => ({
    ...r,
    audit: JSON.parse(readFileSync(audit, 'utf8')),
  }));
};
const viaGitHub = (approver: string) =>
  approve(
    ['--approver', approver, '--commit', FAKED, '--author-email', 'ci-bot@acme.com', '--repository', REPO, '--github-api', github.url, '--backoff', '5ms'],
    { GITHUB_TOKEN: TOKEN },
  );

test('the pull request author is refused although the commit e-mail names someone else (GitHub configured)', async () => {
  const r = await viaGitHub('alice');
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /"alice" authored or merged the pull request \(GitHub user "alice"\)/);
  assert.equal(r.audit.scm, { pullRequests: [21], logins: ['alice', 'bob'] });
});

test('whoever merged the pull request is refused too; someone else passes', async () => {
  const bob = await viaGitHub('Bob');
  assert.is(bob.code, 1, bob.stderr);
  assert.match(bob.stderr, /"Bob" authored or merged the pull request \(GitHub user "bob"\)/);
  const dave = await viaGitHub('dave');
  assert.is(dave.code, 0, dave.stderr);
  assert.is(dave.audit.decision, 'approved');
});

test('GitHub not answering refuses the approval (no fallback to the e-mail the author controls)', async () => {
  const r = await approve(
    ['--approver', 'dave', '--commit', FAKED, '--author-email', 'ci-bot@acme.com', '--repository', REPO, '--github-api', github.url, '--backoff', '5ms'],
    {
      GITHUB_TOKEN: 'ghp_wrong_token_for_this_test_000000',
    },
  );
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /GitHub could not say who authored and merged 777777777777 in acme\/orders-api \(401\)/);
});

test('a merge commit at HEAD counts the authors of every commit it merged, not only the merger', async () => {
  const alice = await approve(['--approver', 'alice', '--commit', merge, '--repo-dir', work]);
  assert.is(alice.code, 1, alice.stderr);
  assert.match(alice.stderr, /"alice" is the commit author alice@acme\.com/);
  assert.equal(
    [...alice.audit.authors].sort(),
    ['alice@acme.com', 'bob@acme.com'],
    "the merged range: the merge and the feature commit, not main's own history",
  );
  const dave = await approve(['--approver', 'dave', '--commit', merge, '--repo-dir', work]);
  assert.is(dave.code, 0, dave.stderr);
});

test("the organisation's identities file relates an approver to an e-mail; pipeline.yaml's map cannot take a relation away", async () => {
  const policy = join(work, 'policy-identities.json');
  writeFileSync(policy, JSON.stringify({ erin: ['erin.private@example.org'] }));
  const pipeline = join(work, 'pipeline-identities.json');
  writeFileSync(pipeline, JSON.stringify({ erin: [] }));
  const r = await approve(['--approver', 'erin', '--author-email', 'erin.private@example.org', '--policy-identities', policy, '--identities', pipeline]);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /"erin" is the commit author erin\.private@example\.org \(by identities mapping\)/);
});

test.run();
