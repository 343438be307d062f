// bump-image through the GitHub API (Octokit pointed at a loopback server): a commit with a non-fast-forward retry, pull requests reused per app and environment, and 401/404 answers ending clearly.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { removeDir, runBundleAsync, tempDir } from '../support/git-repo.js';
import { startFakeGitHub } from '../support/fake-github.js';

const TOKEN = 'ghp_loopbacktesttoken123';
const VALUES = '# orders-api values\nimage:\n  repository: ghcr.io/acme/orders-api\n  tag: "1.0.0" # set by Jenkins\nreplicaCount: 2\n';

async function setup() {
  const github = await startFakeGitHub({
    owner: 'acme',
    repo: 'manifests',
    token: TOKEN,
    files: { 'orders-api/prod/values.yaml': VALUES, 'README.md': 'manifests\n' },
  });
  const dir = tempDir();
  let n = 0;
  const bump = async (tag: string, method: string, extra: string[] = [], env: NodeJS.ProcessEnv = { GITHUB_TOKEN: TOKEN }) => {
    const file = join(dir, `r${++n}.json`);
    const run = await runBundleAsync(
      'bump-image',
      [
        '--method',
        method,
        '--github-repo',
        'acme/manifests',
        '--github-api-url',
        github.url,
        '--branch',
        'main',
        '--manifest',
        'orders-api/prod/values.yaml',
        '--image',
        'ghcr.io/acme/orders-api',
        '--tag',
        tag,
        '--app',
        'orders-api',
        '--environment',
        'prod',
        '--attempts',
        '3',
        '--backoff-ms',
        '10',
        '--result',
        file,
        ...extra,
      ],
      { env },
    );
    // Usage errors (exit 2) write no result file.
    return { run, result: existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : null };
  };
  return { github, dir, bump };
}

test('github-api: one commit on main, re-applied on the new head after a race', async () => {
  const { github, dir, bump } = await setup();
  try {
    github.raceNextUpdate('main', 'README.md', 'changed meanwhile\n');
    const { run, result } = await bump('1.1.0', 'github-api', ['--build-url', 'https://jenkins.example/job/7/']);
    assert.is(run.code, 0, run.stderr);
    assert.is(result.nonFastForwardRetries, 1);
    assert.is(github.files('main')['orders-api/prod/values.yaml'], VALUES.replace('tag: "1.0.0"', 'tag: "1.1.0"'));
    assert.is(github.files('main')['README.md'], 'changed meanwhile\n', "the other writer's change is kept");
    const [latest, other] = github.commitsOn('main');
    assert.match(latest!.message, 'deploy(prod): orders-api 1.0.0 -> 1.1.0');
    assert.match(other!.message, 'someone else changed README.md');
    assert.not.match(run.stdout + run.stderr + readFileSync(join(dir, 'r1.json'), 'utf8'), TOKEN);
  } finally {
    await github.close();
    removeDir(dir);
  }
});

test('pull-request: opens one per app and environment, then reuses it while it is open', async () => {
  const { github, dir, bump } = await setup();
  try {
    const first = await bump('1.1.0', 'pull-request');
    assert.is(first.run.code, 0, first.run.stderr);
    assert.equal(first.result.pullRequest, {
      number: 1,
      url: 'https://github.example/acme/manifests/pull/1',
      branch: 'pipewright/prod/orders-api',
      reused: false,
    });
    assert.is(github.files('main')['orders-api/prod/values.yaml'], VALUES, 'main is untouched until the review merges');
    const second = await bump('1.2.0', 'pull-request');
    assert.is(second.run.code, 0, second.run.stderr);
    assert.is(second.result.pullRequest.reused, true);
    assert.is(second.result.oldTag, '1.1.0');
    assert.is(github.pulls.length, 1);
    assert.is(github.files('pipewright/prod/orders-api')['orders-api/prod/values.yaml'], VALUES.replace('tag: "1.0.0"', 'tag: "1.2.0"'));
    assert.is(github.commitsOn('pipewright/prod/orders-api').length, 3);
    // Closed: a new pull request on a fresh branch, never a forced update of the old one.
    github.pulls[0]!.state = 'closed';
    const third = await bump('1.3.0', 'pull-request');
    assert.is(third.run.code, 0, third.run.stderr);
    assert.is(third.result.pullRequest.number, 2);
    assert.match(third.result.pullRequest.branch, /^pipewright\/prod\/orders-api-[0-9a-f]{8}$/);
  } finally {
    await github.close();
    removeDir(dir);
  }
});

test("a wrong token (401) and a wrong repository (404) fail at once with the API's answer", async () => {
  const { github, dir, bump } = await setup();
  try {
    const denied = await bump('1.1.0', 'github-api', [], { GITHUB_TOKEN: 'ghp_wrongtoken999' });
    assert.is(denied.run.code, 1);
    assert.match(denied.run.stderr, 'HTTP 401: Bad credentials');
    assert.is(denied.result.retries.length, 0);
    const missing = await bump('1.1.0', 'github-api', ['--github-repo', 'acme/nope']);
    assert.is(missing.run.code, 1);
    assert.match(missing.run.stderr, 'HTTP 404');
    const noToken = await bump('1.1.0', 'github-api', [], {});
    assert.is(noToken.run.code, 2);
    assert.is(github.files('main')['orders-api/prod/values.yaml'], VALUES);
  } finally {
    await github.close();
    removeDir(dir);
  }
});

test.run();
