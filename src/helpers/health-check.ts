// health-check: polls the application's URL until it answers 2xx within the gate (30 s by default), then optionally verifies the new version's metrics in Prometheus; a breach fails.
import { HelperUsageError, main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs, ParsedOptions } from './shared/options.js';
import { probeUntilHealthy, type HealthOutcome, type HealthProbe } from './ops/health.js';
import { evaluate, readChecks, resolveQuery, type CheckResult, type MetricCheck, type PrometheusTarget } from './ops/prometheus.js';
import { pollUntil } from './ops/poll.js';

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
  const parts: string[] =
    health && options.probe
      ? [`${options.probe.url} answered ${health.status} in ${health.latencyMs} ms after ${health.attempts} attempt${health.attempts === 1 ? '' : 's'}`]
      : [];
  let metrics: { window: string; rounds: number; checks: CheckResult[]; failed: string[] } | null = null;
  if (options.metrics) {
    const verified = await verifyMetrics(options.metrics);
    const failed = verified.checks.filter((c) => c.status !== 'pass');
    metrics = { window: options.metrics.vars.window, rounds: verified.rounds, checks: verified.checks, failed: failed.map((c) => c.name) };
    parts.push(
      failed.length
        ? `metrics failed: ${failed.map((c) => `${c.name} (${c.detail})`).join('; ')}`
        : `${verified.checks.length} metric check${verified.checks.length === 1 ? '' : 's'} passed`,
    );
  }
  const ok = !metrics || metrics.failed.length === 0;
  return { ok, message: parts.join('; '), url: options.probe?.url ?? null, ...(health ?? {}), healthy: ok, metrics };
}

export const options = {
  url: { type: 'url', description: 'the endpoint to poll' },
  'expect-body': { type: 'string', valueName: 'TEXT', description: 'text the 2xx body must contain' },
  timeout: { type: 'duration', description: 'the health gate: give up after this long', default: '30s' },
  interval: { type: 'duration', description: 'pause between polls (and between metric rounds)', default: '1s' },
  'request-timeout': { type: 'duration', description: 'timeout of each request', default: '5s' },
  prometheus: { type: 'url', description: `the Prometheus base URL (bearer token from env ${PROMETHEUS_TOKEN_ENV}, if set)` },
  checks: { type: 'json-file', parse: readChecks, description: 'JSON list of {name, preset|query, max, min}' },
  window: {
    type: 'string',
    valueName: 'DURATION',
    // PromQL's own duration units, not the helpers' (no fractions, but weeks and years).
    check: { valid: /^\d+(ms|s|m|h|d|w|y)$/, problem: 'is not a PromQL duration such as 5m' },
    description: 'the PromQL range substituted for {window}',
    default: '5m',
  },
  watch: { type: 'duration', description: 'keep re-evaluating the checks this long (0: once)', default: '0s' },
  app: { type: 'string', valueName: 'NAME', description: 'substituted for {app} in queries' },
  namespace: { type: 'string', valueName: 'NAME', description: 'substituted for {namespace} in queries', default: 'default' },
  attempts: { type: 'integer', min: 1, max: 10, description: 'attempts per Prometheus query', default: 3 },
  backoff: { type: 'duration', description: 'first retry delay for Prometheus queries', default: '1s' },
  'allow-no-data': { type: 'boolean', description: 'a query that returns nothing passes instead of failing' },
} as const satisfies OptionSpecs;

function readOptions(o: ParsedOptions<typeof options>, env: NodeJS.ProcessEnv): HealthCheckOptions {
  if (!o.url && !o.prometheus) throw new HelperUsageError('give --url, --prometheus, or both');
  const probe: HealthProbe | null = o.url
    ? { url: o.url, expectBody: o['expect-body'] ?? null, timeoutMs: o.timeout, requestTimeoutMs: o['request-timeout'], intervalMs: o.interval }
    : null;
  let metrics: MetricsVerification | null = null;
  if (o.prometheus) {
    if (!o.checks) throw new HelperUsageError('--prometheus needs --checks FILE');
    if (!o.app) throw new HelperUsageError('--prometheus needs --app (substituted for {app})');
    metrics = {
      target: {
        baseUrl: o.prometheus,
        token: env[PROMETHEUS_TOKEN_ENV] || undefined,
        policy: { timeoutMs: o['request-timeout'], attempts: o.attempts, backoffMs: o.backoff },
      },
      checks: o.checks,
      vars: { app: o.app, namespace: o.namespace, window: o.window },
      watchMs: o.watch,
      intervalMs: o.interval,
      allowNoData: o['allow-no-data'],
    };
  }
  return { probe, metrics };
}

export const spec: HelperSpec<typeof options> = {
  name: 'health-check',
  summary:
    'Polls --url until it answers 2xx (and contains --expect-body) within --timeout, reporting latency; with --prometheus, evaluates PromQL checks (presets or queries with max/min) and fails on a breach, so the deploy rolls back.',
  options,
  examples: [
    'health-check --url https://orders.acme.com/healthz --expect-body ok --timeout 30s',
    'health-check --url https://orders.acme.com/healthz --prometheus https://prometheus.acme.internal --app orders-api --namespace prod --window 5m --checks checks.json',
  ],
  secretEnv: [PROMETHEUS_TOKEN_ENV],
  run: (o) => run(readOptions(o, process.env)),
};

main(spec);
