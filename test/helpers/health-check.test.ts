// health-check against a loopback application and a loopback Prometheus: polling, timeouts, latency, presets, thresholds and refusals.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBundledHelper, tempDir } from '../support/run-helper.js';
import { startPrometheus } from '../support/services.js';
import { startStub, type StubServer } from '../support/stub-server.js';
import { PRESETS, resolveQuery } from '../../src/helpers/ops/prometheus.js';
import { run as healthCheck } from '../../src/helpers/health-check.js';
import type { HealthProbe } from '../../src/helpers/ops/health.js';
import type { ReadJson } from '../support/json.js';

const PROM_TOKEN = 'prom-Bearer-Secret-7c1d5e';
const vars = { app: 'orders-api', namespace: 'prod', window: '5m' };
const q = (preset: string) => resolveQuery({ name: preset, preset, query: null, max: null, min: null }, vars);

let app: StubServer;
let prometheus: StubServer;
let round = 0;
test.before(async () => {
  app = await startStub({ routes: [{ method: 'GET', path: '/healthz', handle: () => ({ body: '{"status":"ok","version":"42-abc1234"}' }) }] });
  prometheus = await startPrometheus(PROM_TOKEN, {
    [q('error-rate')]: 0.002,
    [q('latency-p95')]: 0.18,
    [q('request-volume')]: [12.5, 30],
    [q('cpu')]: 0.4,
    'sum(up{job="orders-api"})': 3,
    // Healthy in the first round of a watch, breached in the second.
    'max(slo_burn{app="orders-api"})': (call: number) => (call === 1 ? 0.5 : 4),
  });
});
test.after(async () => {
  await app.close();
  await prometheus.close();
});
test.before.each(() => {
  app.requests.length = 0;
  prometheus.requests.length = 0;
  round = 0;
});

const FAST = ['--interval', '10ms', '--request-timeout', '10s', '--backoff', '5ms'];

/** A virtual clock: time moves only when the poll loop sleeps, so a deadline test never races the machine's load. */
function virtualClock(): Pick<HealthProbe, 'now' | 'sleep'> {
  let t = 0;
  return { now: () => t, sleep: async (ms) => void (t += ms) };
}

/** health-check in-process: a 60 s virtual deadline, a check every 20 virtual seconds (0, 20, 40: three attempts). */
const probeFor = (url: string, expectBody: string | null = null) =>
  healthCheck({ probe: { url, expectBody, timeoutMs: 60_000, requestTimeoutMs: 10_000, intervalMs: 20_000, ...virtualClock() }, metrics: null });

function checksFile(checks: unknown): string {
  const file = join(tempDir(), 'checks.json');
  writeFileSync(file, JSON.stringify(checks));
  return file;
}

test('polls through 503s until 2xx with the expected body, reporting attempts and latency', async () => {
  app.inject('GET', '/healthz', { status: 503, body: 'starting' }, { status: 503, body: 'starting' });
  const run = await runBundledHelper('health-check', ['--url', `${app.url}/healthz`, '--expect-body', '"status":"ok"', ...FAST]);
  assert.is(run.code, 0, run.stderr);
  assert.is(run.result.healthy, true);
  // End to end, the outcome: at least the two 503s and the 200 (a loaded machine may add an attempt, never remove one).
  assert.ok(run.result.attempts >= 3, String(run.result.attempts));
  assert.is(run.result.status, 200);
  assert.type(run.result.latencyMs, 'number');
  assert.is(run.result.latenciesMs.length, run.result.attempts);
  assert.match(run.stdout, /answered 200 in \d+ ms after \d+ attempts/);
});

test('a slow answer is cut off by the per-request timeout, a dropped connection is another attempt', async () => {
  // The late answer comes long after the 5 s request timeout, so the outcome cannot depend on the machine's speed.
  app.inject('GET', '/healthz', { delayMs: 30_000, reply: { body: 'late' } }, { drop: true });
  const run = await runBundledHelper('health-check', ['--url', `${app.url}/healthz`, '--interval', '10ms', '--request-timeout', '5s']);
  assert.is(run.code, 0, run.stderr);
  assert.is(run.result.healthy, true);
  assert.ok(run.result.attempts >= 3, 'the cut-off answer and the dropped connection were each one more attempt');
});

test('a body that never matches fails at the deadline (exit 1) with the reason', async () => {
  const result = await probeFor(`${app.url}/healthz`, 'version":"43');
  assert.is(result.ok, false);
  assert.is(result.healthy, false);
  assert.is(result.attempts, 3);
  assert.is(app.requests.length, 3);
  assert.match(String(result.message), /did not become healthy within 60000 ms \(3 attempts; last: HTTP 200 but the body does not contain "version":"43"\)/);
});

test('a wrong path fails: 404 until the deadline', async () => {
  const result = await probeFor(`${app.url}/health`);
  assert.is(result.ok, false);
  assert.is(result.status, 404);
  assert.is(result.lastError, 'HTTP 404');
});

test('nothing listening fails within the gate', async () => {
  const gone = await startStub({ routes: [] });
  await gone.close();
  const result = await probeFor(`${gone.url}/healthz`);
  assert.is(result.ok, false);
  assert.is(result.attempts, 3);
  assert.is(result.status, null);
  assert.match(String(result.lastError), /ECONNREFUSED/);
});

test('presets expand with app, namespace and window; every check passes; the token reached Prometheus and no output', async () => {
  const checks = checksFile([
    { name: 'errors', preset: 'error-rate', max: 0.01 },
    { name: 'p95', preset: 'latency-p95', max: 0.5 },
    { name: 'traffic', preset: 'request-volume', min: 1 },
    { name: 'cpu', preset: 'cpu' },
    { name: 'replicas up', query: 'sum(up{job="{app}"})', min: 3 },
  ]);
  const run = await runBundledHelper(
    'health-check',
    [
      '--url',
      `${app.url}/healthz`,
      '--prometheus',
      prometheus.url,
      '--app',
      'orders-api',
      '--namespace',
      'prod',
      '--window',
      '5m',
      '--checks',
      checks,
      ...FAST,
    ],
    { PROMETHEUS_TOKEN: PROM_TOKEN },
  );
  assert.is(run.code, 0, run.stderr + run.stdout);
  assert.is(prometheus.requests.length, 5);
  for (const r of prometheus.requests) {
    assert.is(r.method, 'POST');
    assert.is(r.path, '/api/v1/query');
    assert.is(r.headers.authorization, `Bearer ${PROM_TOKEN}`);
  }
  assert.is(
    new URLSearchParams(prometheus.requests[0]!.body).get('query'),
    'sum(rate(http_requests_total{namespace="prod",app="orders-api",status=~"5.."}[5m])) / sum(rate(http_requests_total{namespace="prod",app="orders-api"}[5m]))',
  );
  const byName = Object.fromEntries(run.result.metrics.checks.map((c: ReadJson) => [c.name, c]));
  assert.is(byName.errors.value, 0.002);
  assert.is(byName.traffic.value, 12.5, 'the lowest series decides a minimum');
  assert.is(byName.cpu.detail, '0.4 (recorded, no threshold)');
  assert.is(byName['replicas up'].query, 'sum(up{job="orders-api"})');
  assert.equal(run.result.metrics.failed, []);
  for (const text of [run.stdout, run.stderr, run.resultText]) assert.not.ok(text.includes(PROM_TOKEN));
});

test('a breach fails (exit 1) naming the check and the threshold', async () => {
  const checks = checksFile([
    { name: 'p95', preset: 'latency-p95', max: 0.1 },
    { name: 'errors', preset: 'error-rate', max: 0.01 },
  ]);
  const run = await runBundledHelper(
    'health-check',
    ['--prometheus', prometheus.url, '--app', 'orders-api', '--namespace', 'prod', '--checks', checks, ...FAST],
    { PROMETHEUS_TOKEN: PROM_TOKEN },
  );
  assert.is(run.code, 1);
  assert.equal(run.result.metrics.failed, ['p95']);
  assert.match(run.result.message, /p95 \(0\.18 is above the maximum 0\.1\)/);
});

test('no data fails unless allowed; a PromQL parse error and a wrong token fail', async () => {
  const noData = checksFile([{ name: 'db', preset: 'db-latency', max: 0.2 }]);
  const strict = await runBundledHelper('health-check', ['--prometheus', prometheus.url, '--app', 'orders-api', '--checks', noData, ...FAST], {
    PROMETHEUS_TOKEN: PROM_TOKEN,
  });
  assert.is(strict.code, 1);
  assert.is(strict.result.metrics.checks[0].status, 'no-data');
  const lenient = await runBundledHelper(
    'health-check',
    ['--prometheus', prometheus.url, '--app', 'orders-api', '--checks', noData, '--allow-no-data', ...FAST],
    { PROMETHEUS_TOKEN: PROM_TOKEN },
  );
  assert.is(lenient.code, 0, lenient.stderr);
  const bad = checksFile([{ name: 'broken', query: 'rate(x[5m]) !! 2', max: 1 }]);
  const parseError = await runBundledHelper('health-check', ['--prometheus', prometheus.url, '--app', 'orders-api', '--checks', bad, ...FAST], {
    PROMETHEUS_TOKEN: PROM_TOKEN,
  });
  assert.is(parseError.code, 1);
  assert.match(parseError.result.metrics.checks[0].detail, /400: bad_data: .*parse error/);
  const ok = checksFile([{ name: 'errors', preset: 'error-rate', max: 0.01 }]);
  const unauthorised = await runBundledHelper(
    'health-check',
    ['--prometheus', prometheus.url, '--app', 'orders-api', '--namespace', 'prod', '--checks', ok, ...FAST],
    { PROMETHEUS_TOKEN: 'wrong-token-123' },
  );
  assert.is(unauthorised.code, 1);
  assert.match(unauthorised.result.metrics.checks[0].detail, /401/);
});

test('Prometheus 500 and a dropped connection are retried', async () => {
  prometheus.inject('POST', '/api/v1/query', { status: 500, body: 'oops' }, { drop: true });
  const checks = checksFile([{ name: 'errors', preset: 'error-rate', max: 0.01 }]);
  const run = await runBundledHelper(
    'health-check',
    ['--prometheus', prometheus.url, '--app', 'orders-api', '--namespace', 'prod', '--checks', checks, ...FAST],
    { PROMETHEUS_TOKEN: PROM_TOKEN },
  );
  assert.is(run.code, 0, run.stderr);
  assert.is(prometheus.requests.length, 3);
});

test('--watch re-evaluates until the window is over and stops at the first breach', async () => {
  const checks = checksFile([{ name: 'burn', query: 'max(slo_burn{app="{app}"})', max: 1 }]);
  const run = await runBundledHelper('health-check', ['--prometheus', prometheus.url, '--app', 'orders-api', '--checks', checks, '--watch', '10s', ...FAST], {
    PROMETHEUS_TOKEN: PROM_TOKEN,
  });
  assert.is(run.code, 1);
  assert.is(run.result.metrics.rounds, 2);
  assert.is(run.result.metrics.checks[0].value, 4);
});

test('every preset names {app}/{namespace} label values and a {window} range; usage errors exit 2', async () => {
  for (const [name, preset] of Object.entries(PRESETS)) {
    assert.match(preset.query, /\{app\}/, name);
    if (!['cpu', 'memory'].includes(name)) assert.match(preset.query, /\[\{window\}\]/, name);
  }
  assert.match(resolveQuery({ name: 'x', preset: null, query: 'up{app="{app}"}', max: null, min: null }, { ...vars, app: 'a"b\\c' }), /app="a\\"b\\\\c"/);
  assert.is((await runBundledHelper('health-check', [])).code, 2);
  assert.is(
    (await runBundledHelper('health-check', ['--prometheus', prometheus.url, '--app', 'x', '--checks', checksFile([{ name: 'x', preset: 'nope' }])])).code,
    2,
  );
  assert.is((await runBundledHelper('health-check', ['--url', 'ftp://x/'])).code, 2);
});

test.run();
