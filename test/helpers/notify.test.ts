// notify against a loopback Slack webhook: Block Kit payloads per event, the e-mail twin, retries, refusals, and no leaked webhook.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBundledHelper, tempDir, type HelperRun } from '../support/run-helper.js';
import { startSlack, SLACK_PATH } from '../support/services.js';
import type { StubServer } from '../support/stub-server.js';
import { slackMessage } from '../../src/helpers/ops/slack.js';
import { notifyContext } from '../../src/helpers/ops/notify-options.js';
import type { ReadJson } from '../support/json.js';

let slack: StubServer;
test.before(async () => {
  slack = await startSlack();
});
test.after(() => slack.close());
test.before.each(() => {
  slack.requests.length = 0;
});

const FAST = ['--backoff', '5ms', '--request-timeout', '10s'];
const BUILD = [
  '--app',
  'orders-api',
  '--build-name',
  'orders-api #42',
  '--build-url',
  'https://jenkins.acme.internal/job/orders-api/job/main/42/',
  '--branch',
  'main',
  '--commit',
  '0123456789abcdef0123',
];
const webhook = () => `${slack.url}${SLACK_PATH}`;
const secret = SLACK_PATH.split('/').pop()!;

function assertNoLeak(run: HelperRun, ...extra: string[]) {
  for (const text of [run.stdout, run.stderr, run.resultText, ...extra]) {
    assert.not.ok(text.includes(secret), `the webhook's secret path leaked into: ${text.slice(0, 300)}`);
  }
}

test('failure: Block Kit with log, failed stage and rebuild links, channel override, e-mail rendered, webhook never printed', async () => {
  const dir = tempDir();
  const mail = join(dir, 'mail.json');
  const run = await runBundledHelper(
    'notify',
    ['--event', 'failure', ...BUILD, '--failed-stage', 'Test', '--channel', '#deploys', '--email-out', mail, ...FAST],
    { SLACK_WEBHOOK_URL: webhook() },
  );
  assert.is(run.code, 0, run.stderr);
  assert.is(slack.requests.length, 1);
  assert.is(slack.requests[0]!.path, SLACK_PATH, 'the secret path reached Slack');
  const payload = slack.requests[0]!.json();
  assert.is(payload.channel, '#deploys');
  assert.match(payload.text, /orders-api #42 failed at stage "Test"/);
  assert.equal(
    payload.blocks.map((b: ReadJson) => b.type),
    ['header', 'section', 'actions'],
  );
  assert.is(payload.blocks[0].text.type, 'plain_text');
  const fields = payload.blocks[1].fields.map((f: ReadJson) => f.text);
  assert.ok(fields.includes('*Failed stage*\nTest'));
  assert.ok(fields.includes('*Commit*\n0123456789ab'));
  const buttons = Object.fromEntries(payload.blocks[2].elements.map((e: ReadJson) => [e.text.text, e.url]));
  assert.equal(buttons, {
    'Console log': 'https://jenkins.acme.internal/job/orders-api/job/main/42/console',
    'Failed stage': 'https://jenkins.acme.internal/job/orders-api/job/main/42/flowGraphTable/',
    Rebuild: 'https://jenkins.acme.internal/job/orders-api/job/main/42/restart/',
    'Open build': 'https://jenkins.acme.internal/job/orders-api/job/main/42/',
  });
  assert.is(run.result.delivered, true);
  assert.is(run.result.slack.attempts, 1);
  const email = JSON.parse(readFileSync(mail, 'utf8'));
  assert.is(email.subject, '[FAILED] orders-api #42 failed at stage "Test"');
  assert.match(email.body, /Console log: https:\/\/jenkins\.acme\.internal\/job\/orders-api\/job\/main\/42\/console/);
  assertNoLeak(run, readFileSync(mail, 'utf8'));
});

test('a 429 waits its Retry-After, a 500 and a dropped connection are retried, then the message lands', async () => {
  slack.inject(
    'POST',
    SLACK_PATH,
    { status: 429, headers: { 'retry-after': '0' }, body: 'rate_limited' },
    { status: 500, body: 'rollup_error' },
    { drop: true },
  );
  const run = await runBundledHelper('notify', ['--event', 'success', ...BUILD, ...FAST], { SLACK_WEBHOOK_URL: webhook() });
  assert.is(run.code, 0, run.stderr);
  assert.is(slack.requests.length, 4);
  assert.is(run.result.delivered, true);
  assert.is(run.result.slack.attempts, 4);
  assert.match(run.stderr, /attempt 1 failed \(HTTP 429\); retrying in 0 ms/);
  assert.match(run.stderr, /attempt 2 failed \(HTTP 500\)/);
  assertNoLeak(run);
});

test('a slow Slack is cut off by the per-request timeout and retried', async () => {
  // The late answer comes long after the 5 s request timeout, so the outcome cannot depend on the machine's speed.
  slack.inject('POST', SLACK_PATH, { delayMs: 30_000, reply: { status: 200, body: 'ok' } });
  const run = await runBundledHelper('notify', ['--event', 'success', ...BUILD, '--backoff', '5ms', '--request-timeout', '5s'], {
    SLACK_WEBHOOK_URL: webhook(),
  });
  assert.is(run.code, 0, run.stderr);
  assert.ok(run.result.slack.attempts >= 2);
  assert.match(run.stderr, /no answer within 5000 ms/);
});

test('a wrong webhook path is refused (404 no_service): a warning and exit 0, or exit 1 with --fail-on-error', async () => {
  const wrong = `${slack.url}/services/T0PIPEWRT/B0PIPEWRT/wrongSecretPart`;
  const lenient = await runBundledHelper('notify', ['--event', 'success', ...BUILD, ...FAST], { SLACK_WEBHOOK_URL: wrong });
  assert.is(lenient.code, 0);
  assert.is(lenient.result.ok, true);
  assert.is(lenient.result.delivered, false);
  assert.is(lenient.result.slack.status, 404);
  assert.match(lenient.result.slack.error, /no_service/);
  assert.match(lenient.stderr, /warning: the success notification was not delivered/);
  const strict = await runBundledHelper('notify', ['--event', 'success', ...BUILD, ...FAST, '--fail-on-error'], { SLACK_WEBHOOK_URL: wrong });
  assert.is(strict.code, 1);
  assert.is(strict.result.delivered, false);
  for (const r of [lenient, strict]) for (const t of [r.stdout, r.stderr, r.resultText]) assert.not.ok(t.includes('wrongSecretPart'));
});

test('Slack down for every attempt: bounded attempts, delivered false, exit 0', async () => {
  slack.inject('POST', SLACK_PATH, { drop: true }, { drop: true }, { drop: true });
  const run = await runBundledHelper(
    'notify',
    ['--event', 'deployment', ...BUILD, '--version', '42-0123456', '--environment', 'prod', '--attempts', '3', ...FAST],
    { SLACK_WEBHOOK_URL: webhook() },
  );
  assert.is(run.code, 0);
  assert.is(slack.requests.length, 3);
  assert.is(run.result.delivered, false);
  assert.match(run.result.slack.error, /failed after 3 attempts/);
  assertNoLeak(run);
});

test('security: the Trivy summary counts are in the message and the e-mail', async () => {
  const dir = tempDir();
  const summary = join(dir, 'summary.json');
  writeFileSync(
    summary,
    JSON.stringify({
      verdict: 'fail',
      target: 'orders-api:42',
      counts: { vulnerabilities: { CRITICAL: 2, HIGH: 5, MEDIUM: 0 }, secrets: { HIGH: 1 }, misconfigurations: {} },
    }),
  );
  const mail = join(dir, 'mail.json');
  const run = await runBundledHelper(
    'notify',
    ['--event', 'security', ...BUILD, '--trivy-summary', summary, '--channel', '#security', '--email-out', mail, ...FAST],
    { SLACK_WEBHOOK_URL: webhook() },
  );
  assert.is(run.code, 0, run.stderr);
  const payload = slack.requests[0]!.json();
  const summaryBlock = payload.blocks.find((b: ReadJson) => b.type === 'section' && b.text?.text.includes('Vulnerabilities'));
  assert.is(summaryBlock.text.text, '*Target:* orders-api:42\n*Vulnerabilities:* 2 critical, 5 high\n*Secrets:* 1 high\n*Misconfigurations:* none');
  assert.match(JSON.parse(readFileSync(mail, 'utf8')).body, /Vulnerabilities: 2 critical, 5 high/);
});

test('deployment and approval messages carry version, environment and the input link', async () => {
  const deploy = await runBundledHelper('notify', ['--event', 'deployment', ...BUILD, '--version', '42-0123456', '--environment', 'prod', ...FAST], {
    SLACK_WEBHOOK_URL: webhook(),
  });
  assert.is(deploy.code, 0, deploy.stderr);
  assert.is(slack.requests[0]!.json().text, ':rocket: orders-api 42-0123456 deployed to prod');
  const approval = await runBundledHelper(
    'notify',
    [
      '--event',
      'approval',
      ...BUILD,
      '--version',
      '42-0123456',
      '--environment',
      'prod',
      '--input-url',
      'https://jenkins.acme.internal/job/orders-api/job/main/42/input/',
      '--approvers',
      'ops,alice',
      ...FAST,
    ],
    { SLACK_WEBHOOK_URL: webhook() },
  );
  assert.is(approval.code, 0, approval.stderr);
  const payload = slack.requests[1]!.json();
  const actions = payload.blocks.find((b: ReadJson) => b.type === 'actions');
  assert.equal(actions.elements[0], {
    type: 'button',
    text: { type: 'plain_text', text: 'Review and approve' },
    url: 'https://jenkins.acme.internal/job/orders-api/job/main/42/input/',
    style: 'primary',
  });
  assert.match(JSON.stringify(payload.blocks), /Approvers: ops, alice/);
  // Jenkins ends an expired and a rejected input alike (ABORTED): the message does not claim which.
  const ended = await runBundledHelper('notify', ['--event', 'approval-expired', ...BUILD, '--version', '42-0123456', '--environment', 'prod', ...FAST], {
    SLACK_WEBHOOK_URL: webhook(),
  });
  assert.is(ended.code, 0, ended.stderr);
  assert.is(
    slack.requests[2]!.json().text,
    ':hourglass: orders-api 42-0123456: the approval to deploy to prod was not given (it expired or was rejected); nothing was deployed',
  );
});

test('user text cannot ping the channel or forge links: mrkdwn control characters are escaped', () => {
  const ctx = notifyContext({ app: 'orders-api', text: 'merged <!channel> & <https://evil.example|click>' }, 'success');
  const message = slackMessage(ctx);
  assert.is((message.blocks[1] as ReadJson).text.text, 'merged &lt;!channel&gt; &amp; &lt;https://evil.example|click&gt;');
});

test('usage errors exit 2: unknown event, security without a summary', async () => {
  assert.is((await runBundledHelper('notify', ['--event', 'party', '--app', 'x'])).code, 2);
  assert.is((await runBundledHelper('notify', ['--event', 'security', '--app', 'x'])).code, 2);
});

test.run();
