// Issue #16 item 11: secrets are masked before server text is cut, and in every encoding the output can hold (raw, JSON-escaped, URL-encoded, base64); loopback servers echo the credential back.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addSecret, clearSecrets, mask, maskedExcerpt } from '../../src/helpers/shared/mask.js';
import { runBundledHelper, type HelperRun } from '../support/run-helper.js';

// Holds what JSON and URLs must escape: a quote, a backslash, a space, HTML characters, a slash, a plus.
const HOSTILE = 'Zq7"Kx\\w9 <&> p/+Lm-4f1e';

/** The forms a leak of `text` takes in what a helper writes, each written out here rather than taken from the code. */
function leakedForms(text: string): string[] {
  const json = JSON.stringify(text).slice(1, -1);
  return [text, json, JSON.stringify(json).slice(1, -1), encodeURIComponent(text), encodeURIComponent(text).toLowerCase()];
}

test('mask: a secret is masked raw, JSON-escaped (once, twice, HTML-safe), URL-encoded (either case, form) and base64', () => {
  try {
    addSecret(HOSTILE);
    const forms = [
      HOSTILE,
      'Zq7\\"Kx\\\\w9 <&> p/+Lm-4f1e',
      'Zq7\\\\\\"Kx\\\\\\\\w9 <&> p/+Lm-4f1e',
      'Zq7\\"Kx\\\\w9 \\u003c\\u0026\\u003e p/+Lm-4f1e',
      'Zq7%22Kx%5Cw9%20%3C%26%3E%20p%2F%2BLm-4f1e',
      'Zq7%22Kx%5cw9%20%3c%26%3e%20p%2f%2bLm-4f1e',
      'Zq7%22Kx%5Cw9+%3C%26%3E+p%2F%2BLm-4f1e',
      Buffer.from(HOSTILE).toString('base64'),
    ];
    for (const form of forms) assert.is(mask(`before ${form} after`), 'before **** after', form);
    // The result file is JSON.stringify of the record, masked as a whole.
    assert.not.match(mask(JSON.stringify({ detail: `denied ${HOSTILE}` })), 'Kx');
  } finally {
    clearSecrets();
  }
});

test('maskedExcerpt: a secret across the cut is masked whole, so no beginning of it survives', () => {
  try {
    addSecret(HOSTILE);
    const text = `${'.'.repeat(190)}${HOSTILE} and more`;
    // Today's order (cut, then mask) leaves the first ten characters of the secret.
    assert.ok(mask(text.slice(0, 200)).includes(HOSTILE.slice(0, 10)));
    const excerpt = maskedExcerpt(text);
    assert.is(excerpt, `${'.'.repeat(190)}**** and m`);
    assert.not.ok(excerpt.includes(HOSTILE.slice(0, 4)));
  } finally {
    clearSecrets();
  }
});

/**
 * A server that refuses every request (403, plain text) and repeats the request back with the secret starting at
 * character `at` of its reply, so a cut at 200 characters falls inside the secret.
 */
function startEchoServer(secret: () => string, at: () => number): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const echo = `${req.method} ${decodeURIComponent(req.url ?? '')}\n${Object.entries(req.headers)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join('\n')}\n\n${body}`;
      seen.push(echo);
      const from = echo.indexOf(secret());
      const reply = from < 0 ? echo : `${'.'.repeat(at())}${echo.slice(from)}`;
      res.writeHead(403, { 'content-type': 'text/plain' });
      res.end(reply);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${address.port}`, seen, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

// The echo server answers at once; the request timeout only bounds a hung run, so it is long (no wall-clock race under load).
const FAST = ['--backoff', '5ms', '--request-timeout', '30s'];

function assertNothingOf(label: string, run: HelperRun, secret: string): void {
  assert.ok(`${run.stdout}${run.stderr}`.trim(), `${label}: said nothing`);
  // The secret whole, and its first ten characters (what a cut at 200 leaves), in every form.
  for (const form of [...leakedForms(secret), ...leakedForms(secret.slice(0, 10))])
    for (const text of [run.stdout, run.stderr, run.resultText])
      assert.not.ok(text.includes(form), `${label}: ${JSON.stringify(form)} leaked into: ${text.slice(0, 600)}`);
}

test('helpers against servers echoing the credential: nothing of it survives a cut, nor JSON escaping in the result file', async () => {
  let secret = '';
  let at = 0;
  const echo = await startEchoServer(
    () => secret,
    () => at,
  );
  const dir = mkdtempSync(join(tmpdir(), 'pw-mask-'));
  const checks = join(dir, 'checks.json');
  writeFileSync(checks, JSON.stringify([{ name: 'errors', preset: 'error-rate', max: 0.02 }]));
  const slackPath = 'hooksecretT0B0x9Lm4f1eQ7';
  const cases: Array<[string, string, () => Promise<HelperRun>]> = [
    [
      'argocd-sync',
      `tok-${HOSTILE}`,
      () => runBundledHelper('argocd-sync', ['--server', echo.url, '--app', 'orders-prod', '--interval', '10ms', ...FAST], { ARGOCD_TOKEN: secret }),
    ],
    [
      'health-check',
      `prom-${HOSTILE}`,
      () =>
        runBundledHelper('health-check', ['--prometheus', echo.url, '--app', 'orders-api', '--namespace', 'prod', '--checks', checks, ...FAST], {
          PROMETHEUS_TOKEN: secret,
        }),
    ],
    // A URL path cannot hold a backslash as such, so the Slack secret tests the cut alone.
    [
      'notify',
      slackPath,
      () =>
        runBundledHelper(
          'notify',
          [
            '--event',
            'failure',
            '--app',
            'orders-api',
            '--build-name',
            'orders-api #42',
            '--build-url',
            'https://jenkins.acme.internal/job/42/',
            '--branch',
            'main',
            '--commit',
            '0123456789abcdef0123',
            '--channel',
            '#deploys',
            ...FAST,
          ],
          { SLACK_WEBHOOK_URL: `${echo.url}/services/${slackPath}` },
        ),
    ],
  ];
  try {
    for (const [label, value, run] of cases) {
      // 190: the secret straddles the 200-character cut; 20: it fits whole, so only its JSON escaping could leak it.
      for (const offset of [190, 20]) {
        secret = value;
        at = offset;
        const before = echo.seen.length;
        const result = await run();
        assert.ok(
          echo.seen.slice(before).some((s) => s.includes(secret)),
          `${label}: the server never received the credential: ${result.stderr.slice(0, 300)}`,
        );
        assertNothingOf(`${label} (secret at ${offset})`, result, secret);
      }
    }
  } finally {
    await echo.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
