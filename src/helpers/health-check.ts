// health-check: polls the application's URL until it answers 2xx within the gate (30 s by default), then optionally verifies the new version's metrics in Prometheus; a breach fails.
import { HelperUsageError, integerOption, main, type HelperResult, type HelperSpec, type ParsedOptions } from './shared/cli.js';
import { probeUntilHealthy, type HealthOutcome, type HealthProbe } from './ops/health.js';
import { evaluate, readChecks, resolveQuery, type CheckResult, type MetricCheck, type PrometheusTarget } from './ops/prometheus.js';
import { pollUntil } from './ops/poll.js';
import { durationOption, readJsonFile, stringOption, urlOption } from './ops/options.js';

export const PROMETHEUS_TOKEN_ENV = 'PROMETHEUS_TOKEN';

export interface MetricsVerification {
  target: PrometheusTarget;
  checks: MetricCheck[];
  vars: { app: string; namespace: string; window: string };
  /** How long to keep re-evaluating; 0 evaluates once. */
  watchMs: number;
  intervalMs: number;
  allowNoData: boolean;
}

export interface HealthCheckOptions {
  probe: HealthProbe | null;
  metrics: MetricsVerification | null;
}

async function verifyMetrics(m: MetricsVerification): Promise<{ rounds: number; checks: CheckResult[] }> {
  const outcome = await pollUntil<CheckResult[]>({
    timeoutMs: m.watchMs,
    intervalMs: m.intervalMs,
    async check() {
      const results: CheckResult[] = [];
      for (const c of m.checks) results.push(await evaluate(m.target, c, resolveQuery(c, m.vars), m.allowNoData));
      // A failed round ends the watch at once: the deploy is already known to be bad.
      return { done: results.some((r) => r.status !== 'pass'), value: results };
    },
  });
  return { rounds: outcome.attempts, checks: outcome.last ?? [] };
}

export async function run(options: HealthCheckOptions): Promise<HelperResult> {
  let health: HealthOutcome | null = null;
  if (options.probe) {
    health = await probeUntilHealthy(options.probe);
    if (!health.healthy) {
      return {
        ok: false,
        message: `${options.probe.url} did not become healthy within ${options.probe.timeoutMs} ms (${health.attempts} attempt${health.attempts === 1 ? '' : 's'}; last: ${health.lastError})`,
        url: options.probe.url,
        ...health,
        metrics: null,
      };
    }
  }
  const parts: string[] = health && options.probe ? [`${options.probe.url} answered ${health.status} in ${health.latencyMs} ms after ${health.attempts} attempt${health.attempts === 1 ? '' : 's'}`] : [];
  let metrics: { window: string; rounds: number; checks: CheckResult[]; failed: string[] } | null = null;
  if (options.metrics) {
    const verified = await verifyMetrics(options.metrics);
    const failed = verified.checks.filter((c) => c.status !== 'pass');
    metrics = { window: options.metrics.vars.window, rounds: verified.rounds, checks: verified.checks, failed: failed.map((c) => c.name) };
    parts.push(failed.length ? `metrics failed: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}` : `${verified.checks.length} metric check${verified.checks.length === 1 ? '' : 's'} passed`);
  }
  const ok = !metrics || metrics.failed.length === 0;
  return { ok, message: parts.join('; '), url: options.probe?.url ?? null, ...(health ?? {}), healthy: ok, metrics };
}

function readOptions(o: ParsedOptions, env: NodeJS.ProcessEnv): HealthCheckOptions {
  const url = urlOption(o, 'url');
  const prometheus = urlOption(o, 'prometheus');
  if (!url && !prometheus) throw new HelperUsageError('give --url, --prometheus, or both');
  const probe: HealthProbe | null = url
    ? {
        url,
        expectBody: stringOption(o, 'expect-body') ?? null,
        timeoutMs: durationOption(o, 'timeout', '30s'),
        requestTimeoutMs: durationOption(o, 'request-timeout', '5s'),
        intervalMs: durationOption(o, 'interval', '1s'),
      }
    : null;
  let metrics: MetricsVerification | null = null;
  if (prometheus) {
    const checksFile = stringOption(o, 'checks');
    if (!checksFile) throw new HelperUsageError('--prometheus needs --checks FILE');
    const app = stringOption(o, 'app');
    if (!app) throw new HelperUsageError('--prometheus needs --app (substituted for {app})');
    const window = stringOption(o, 'window') ?? '5m';
    if (!/^\d+(ms|s|m|h|d|w|y)$/.test(window)) throw new HelperUsageError('--window takes a PromQL duration such as 5m');
    metrics = {
      target: {
        baseUrl: prometheus,
        token: env[PROMETHEUS_TOKEN_ENV] || undefined,
        policy: { timeoutMs: durationOption(o, 'request-timeout', '5s'), attempts: integerOption(o, 'attempts', 3, 1, 10), backoffMs: durationOption(o, 'backoff', '1s') },
      },
      checks: readChecks(readJsonFile(checksFile, 'checks')),
      vars: { app, namespace: stringOption(o, 'namespace') ?? 'default', window },
      watchMs: durationOption(o, 'watch', '0s'),
      intervalMs: durationOption(o, 'interval', '1s'),
      allowNoData: o['allow-no-data'] === true,
    };
  }
  return { probe, metrics };
}

export const spec: HelperSpec = {
  name: 'health-check',
  summary:
    'Polls --url until it answers 2xx (and contains --expect-body) within --timeout, reporting latency; with --prometheus, evaluates PromQL checks (presets or queries with max/min) and fails on a breach, so the deploy rolls back.',
  options: {
    url: { type: 'string', valueName: 'URL', description: 'the endpoint to poll' },
    'expect-body': { type: 'string', valueName: 'TEXT', description: 'text the 2xx body must contain' },
    timeout: { type: 'string', valueName: 'DURATION', description: 'the health gate: give up after this long', default: '30s' },
    interval: { type: 'string', valueName: 'DURATION', description: 'pause between polls (and between metric rounds)', default: '1s' },
    'request-timeout': { type: 'string', valueName: 'DURATION', description: 'timeout of each request', default: '5s' },
    prometheus: { type: 'string', valueName: 'URL', description: `the Prometheus base URL (bearer token from env ${PROMETHEUS_TOKEN_ENV}, if set)` },
    checks: { type: 'string', valueName: 'FILE', description: 'JSON list of {name, preset|query, max, min}' },
    window: { type: 'string', valueName: 'DURATION', description: 'the PromQL range substituted for {window}', default: '5m' },
    watch: { type: 'string', valueName: 'DURATION', description: 'keep re-evaluating the checks this long (0: once)', default: '0s' },
    app: { type: 'string', valueName: 'NAME', description: 'substituted for {app} in queries' },
    namespace: { type: 'string', valueName: 'NAME', description: 'substituted for {namespace} in queries', default: 'default' },
    attempts: { type: 'string', valueName: 'N', description: 'attempts per Prometheus query', default: '3' },
    backoff: { type: 'string', valueName: 'DURATION', description: 'first retry delay for Prometheus queries', default: '1s' },
    'allow-no-data': { type: 'boolean', description: 'a query that returns nothing passes instead of failing' },
  },
  examples: [
    'health-check --url https://orders.acme.com/healthz --expect-body ok --timeout 30s',
    'health-check --url https://orders.acme.com/healthz --prometheus https://prometheus.acme.internal --app orders-api --namespace prod --window 5m --checks checks.json',
  ],
  secretEnv: [PROMETHEUS_TOKEN_ENV],
  run: (o) => run(readOptions(o, process.env)),
};

main(spec);
