// approve: four eyes, the allow-list and the pull-request review rule, each passing and refusing, against a loopback GitHub API and a real git repository.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBundledHelper, tempDir, type HelperRun } from '../support/run-helper.js';
import { startGitHub, startSlack, SLACK_PATH, type FakePull } from '../support/services.js';
import type { StubServer } from '../support/stub-server.js';
import { localPart, samePerson } from '../../src/helpers/ops/four-eyes.js';

const TOKEN = 'ghp_TestTokenForApprove0123456789abcdef';
const REPO = 'acme/orders-api';
const C = {
  reviewed: 'a'.repeat(40),
  selfReviewed: 'b'.repeat(40),
  direct: 'c'.repeat(40),
  open: 'd'.repeat(40),
  changes: 'e'.repeat(40),
  paged: 'f'.repeat(40),
};
const PULLS: FakePull[] = [
  {
    number: 11,
    author: 'alice',
    merged: true,
    commits: ['1'.repeat(40), C.reviewed],
    reviews: [
      { login: 'carol', state: 'COMMENTED' },
      { login: 'bob', state: 'APPROVED' },
    ],
  },
  {
    number: 12,
    author: 'alice',
    merged: true,
    commits: [C.selfReviewed],
    reviews: [
      { login: 'alice', state: 'APPROVED' },
      { login: 'bob', state: 'COMMENTED' },
    ],
  },
  { number: 13, author: 'alice', merged: false, commits: [C.open], reviews: [{ login: 'bob', state: 'APPROVED' }] },
  {
    number: 14,
    author: 'alice',
    merged: true,
    commits: [C.changes],
    reviews: [
      { login: 'bob', state: 'APPROVED' },
      { login: 'carol', state: 'CHANGES_REQUESTED' },
    ],
  },
  // Five reviews over three pages: the approval is on the last page, after a dismissal on the first.
  {
    number: 15,
    author: 'alice',
    merged: true,
    commits: [C.paged],
    reviews: [
      { login: 'bob', state: 'APPROVED' },
      { login: 'bob', state: 'DISMISSED' },
      { login: 'carol', state: 'COMMENTED' },
      { login: 'dave', state: 'COMMENTED' },
      { login: 'dave', state: 'APPROVED' },
    ],
  },
];

let github: StubServer;
let slack: StubServer;
test.before(async () => {
  github = await startGitHub(TOKEN, REPO, PULLS, Object.values(C));
  slack = await startSlack();
});
test.after(async () => {
  await github.close();
  await slack.close();
});
test.before.each(() => {
  github.requests.length = 0;
  slack.requests.length = 0;
});

const BASE = ['--app', 'orders-api', '--version', '42-aaaaaaa', '--environment', 'prod', '--build-url', 'https://jenkins.acme.internal/job/orders-api/42/'];
const approve = (args: string[], env: Record<string, string> = {}) => runBundledHelper('approve', [...BASE, ...args], env);
const review = (commit: string) => ['--require-review', '--repository', REPO, '--commit', commit, '--github-api', github.url, '--backoff', '5ms'];

function assertNoLeak(run: HelperRun, secret: string, ...extra: string[]) {
  for (const text of [run.stdout, run.stderr, run.resultText, ...extra]) assert.not.ok(text.includes(secret), `secret leaked into: ${text.slice(0, 300)}`);
}

test('identities: the local part, +tags and GitHub noreply addresses relate e-mails to user IDs; the mapping relates the rest', () => {
  assert.is(localPart('Alice.Smith+ci@Acme.com'), 'alice.smith');
  assert.is(localPart('12345+alice@users.noreply.github.com'), 'alice');
  assert.ok(samePerson('ALICE', 'alice@acme.com', {}).same);
  assert.not.ok(samePerson('bob', 'robert.smith@acme.com', {}).same);
  assert.equal(samePerson('bob', 'Robert.Smith@acme.com', { Bob: ['robert.smith@acme.com'] }), { same: true, how: 'identities mapping' });
});

test('approved: four eyes, allow-list and a reviewed pull request pass; the audit record is complete; the token reached GitHub and nowhere else', async () => {
  const dir = tempDir();
  const audit = join(dir, 'approval.json');
  const run = await approve(
    ['--approver', 'carol', '--author-email', 'alice@acme.com', '--started-by', 'dave', '--submitters', 'ops,carol', '--audit', audit, ...review(C.reviewed)],
    { GITHUB_TOKEN: TOKEN },
  );
  assert.is(run.code, 0, run.stderr);
  assert.is(run.result.approved, true);
  assert.equal(run.result.passedChecks, ['not-author', 'not-starter', 'allow-list', 'pull-request-review']);
  // The GitHub calls: commit -> its pulls -> that pull (author and merger, issue #16 item 8); then for the review rule its pulls -> the pull's reviews; all with the token.
  assert.equal(
    github.requests.map((r) => `${r.method} ${r.path}`),
    [
      `GET /repos/${REPO}/commits/${C.reviewed}/pulls`,
      `GET /repos/${REPO}/pulls/11`,
      `GET /repos/${REPO}/commits/${C.reviewed}/pulls`,
      `GET /repos/${REPO}/pulls/11/reviews`,
    ],
  );
  assert.is(github.requests[0]!.headers.authorization, `token ${TOKEN}`);
  assert.match(String(github.requests[0]!.headers.accept), /application\/vnd\.github/);
  const record = JSON.parse(readFileSync(audit, 'utf8'));
  assert.equal(
    Object.keys(record).sort(),
    [
      'app',
      'appVersion',
      'approver',
      'at',
      'author',
      'authors',
      'buildUrl',
      'checks',
      'commit',
      'decision',
      'environment',
      'failedChecks',
      'kind',
      'passedChecks',
      'review',
      'scm',
      'startedBy',
      'version',
    ].sort(),
  );
  assert.is(record.decision, 'approved');
  assert.is(record.approver, 'carol');
  assert.ok(!Number.isNaN(Date.parse(record.at)) && record.at.endsWith('Z'));
  assert.is(record.appVersion, '42-aaaaaaa');
  assert.is(record.environment, 'prod');
  assert.is(record.commit, C.reviewed);
  assert.is(record.author, 'alice@acme.com');
  assert.is(record.startedBy, 'dave');
  assert.equal(record.review, { pullRequest: 11, url: `https://github.com/${REPO}/pull/11`, approvedBy: ['bob'], changesRequestedBy: [] });
  assert.is(record.checks.length, 4);
  assertNoLeak(run, TOKEN, readFileSync(audit, 'utf8'));
});

test('four eyes refuses the commit author: by local part, case-insensitively', async () => {
  const audit = join(tempDir(), 'approval.json');
  const run = await approve(['--approver', 'Alice', '--author-email', 'alice@acme.com', '--audit', audit]);
  assert.is(run.code, 1);
  assert.is(run.result.approved, false);
  assert.equal(run.result.failedChecks, ['not-author']);
  assert.match(run.result.message, /"Alice" is the commit author alice@acme\.com \(by e-mail's local part\)/);
  assert.is(JSON.parse(readFileSync(audit, 'utf8')).decision, 'refused');
});

test('four eyes refuses the commit author through the identities mapping, and lets a different person through', async () => {
  const dir = tempDir();
  const identities = join(dir, 'identities.json');
  writeFileSync(identities, JSON.stringify({ bob: ['robert.smith@acme.com', 'bob@home.example'] }));
  const refused = await approve(['--approver', 'bob', '--author-email', 'Robert.Smith@acme.com', '--identities', identities]);
  assert.is(refused.code, 1);
  assert.match(refused.result.message, /by identities mapping/);
  const allowed = await approve(['--approver', 'carol', '--author-email', 'robert.smith@acme.com', '--identities', identities]);
  assert.is(allowed.code, 0, allowed.stderr);
});

test('four eyes refuses the user who started the build; a webhook-started build has no such user', async () => {
  const refused = await approve(['--approver', 'carol', '--author-email', 'alice@acme.com', '--started-by', 'CAROL']);
  assert.is(refused.code, 1);
  assert.equal(refused.result.failedChecks, ['not-starter']);
  const webhook = await approve(['--approver', 'carol', '--author-email', 'alice@acme.com']);
  assert.is(webhook.code, 0, webhook.stderr);
  assert.match(webhook.result.checks[1].detail, /not started by a user/);
});

test('the author is read from git when only the commit is given', async () => {
  const repo = tempDir('pw-approve-git-');
  const g = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8', timeout: 10_000 }).trim();
  g('init', '-q');
  writeFileSync(join(repo, 'app.txt'), 'v1\n');
  g('add', 'app.txt');
  execFileSync('git', ['-c', 'user.name=Alice', '-c', 'user.email=alice@acme.com', 'commit', '-q', '-m', 'change'], { cwd: repo, timeout: 10_000 });
  const sha = g('rev-parse', 'HEAD');
  const refused = await approve(['--approver', 'alice', '--commit', sha, '--repo-dir', repo]);
  assert.is(refused.code, 1);
  assert.match(refused.result.message, /alice@acme\.com/);
  const allowed = await approve(['--approver', 'bob', '--commit', sha, '--repo-dir', repo]);
  assert.is(allowed.code, 0, allowed.stderr);
});

test('the allow-list refuses an approver not on it, and admits one through a group', async () => {
  const refused = await approve(['--approver', 'mallory', '--author-email', 'alice@acme.com', '--submitters', 'ops, release-managers']);
  assert.is(refused.code, 1);
  assert.equal(refused.result.failedChecks, ['allow-list']);
  const viaGroup = await approve([
    '--approver',
    'carol',
    '--approver-groups',
    'ops',
    '--author-email',
    'alice@acme.com',
    '--submitters',
    'ops,release-managers',
  ]);
  assert.is(viaGroup.code, 0, viaGroup.stderr);
});

test('the review rule refuses: self-approval only, an unmerged pull request, a direct push, changes requested', async () => {
  const cases: Array<[string, RegExp]> = [
    [C.selfReviewed, /#12 was merged without an approving review from someone other than its author/],
    [C.open, /did not come through a merged pull request/],
    [C.direct, /did not come through a merged pull request/],
    [C.changes, /#14 has changes requested by carol/],
  ];
  for (const [commit, why] of cases) {
    const run = await approve(['--approver', 'carol', '--author-email', 'alice@acme.com', ...review(commit)], { GITHUB_TOKEN: TOKEN });
    assert.is(run.code, 1, commit);
    assert.equal(run.result.failedChecks, ['pull-request-review']);
    assert.match(run.result.message, why);
    assertNoLeak(run, TOKEN);
  }
});

test('the review rule follows review pages (Link headers) and honours dismissals', async () => {
  const run = await approve(['--approver', 'carol', '--author-email', 'alice@acme.com', ...review(C.paged)], { GITHUB_TOKEN: TOKEN });
  assert.is(run.code, 0, run.stderr);
  assert.equal(run.result.review.approvedBy, ['dave']);
  assert.is(github.requests.filter((r) => r.path.endsWith('/pulls/15/reviews')).length, 3);
});

test('GitHub answering 500 and dropping a connection is retried; a wrong token is a refusal that names the 401, never the token', async () => {
  github.inject('GET', '/repos/{owner}/{repo}/commits/{sha}/pulls', { status: 500, body: { message: 'Server Error' } }, { drop: true });
  const retried = await approve(['--approver', 'carol', '--author-email', 'alice@acme.com', ...review(C.reviewed)], { GITHUB_TOKEN: TOKEN });
  assert.is(retried.code, 0, retried.stderr);
  // 500 and a dropped connection, then the answer; the review rule asks again (one request).
  assert.is(github.requests.filter((r) => r.path.endsWith('/pulls')).length, 4);
  const wrong = 'ghp_WrongTokenXYZ0123456789';
  const refused = await approve(['--approver', 'carol', '--author-email', 'alice@acme.com', ...review(C.reviewed)], { GITHUB_TOKEN: wrong });
  assert.is(refused.code, 1);
  assert.match(refused.result.message, /GitHub refused the token \(401\)/);
  assert.match(refused.result.message, /GitHub could not say who authored and merged .* \(401\)/);
  assert.is(github.requests.at(-1)!.headers.authorization, `token ${wrong}`);
  assertNoLeak(refused, wrong);
});

test('a wrong API path (missing /api/v3 style prefix) fails the review rule with 404, not a pass', async () => {
  const run = await approve(['--approver', 'carol', '--author-email', 'alice@acme.com', ...review(C.reviewed), '--github-api', `${github.url}/api/v3`], {
    GITHUB_TOKEN: TOKEN,
  });
  assert.is(run.code, 1);
  assert.match(run.result.message, /\(404\)/);
});

test('request mode posts the approval request with the input link to Slack, reusing notify', async () => {
  const run = await approve(
    [
      '--mode',
      'request',
      '--input-url',
      'https://jenkins.acme.internal/job/orders-api/42/input/',
      '--submitters',
      'ops',
      '--approval-timeout',
      '24h',
      '--channel',
      '#ops',
      '--backoff',
      '5ms',
    ],
    { SLACK_WEBHOOK_URL: `${slack.url}${SLACK_PATH}` },
  );
  assert.is(run.code, 0, run.stderr);
  assert.is(run.result.delivered, true);
  const payload = slack.requests[0]!.json();
  assert.is(payload.channel, '#ops');
  assert.is(payload.text, ':raised_hand: orders-api 42-aaaaaaa waits for approval to deploy to prod');
  assert.match(JSON.stringify(payload.blocks), /"url":"https:\/\/jenkins\.acme\.internal\/job\/orders-api\/42\/input\/"/);
  assert.match(JSON.stringify(payload.blocks), /Approvers: ops; the request expires after 24h/);
});

test('usage errors exit 2: no approver, review without a token', async () => {
  assert.is((await approve(['--author-email', 'a@b.c'])).code, 2);
  assert.is((await approve(['--approver', 'carol', '--author-email', 'alice@acme.com', ...review(C.reviewed)])).code, 2);
});

test.run();
