// Prometheus verification: preset and custom PromQL checks with thresholds, evaluated through /api/v1/query.
import { HttpError, request, type RetryPolicy } from '../shared/http.js';
import { maskedExcerpt } from '../shared/mask.js';
import { HelperUsageError } from '../shared/cli.js';

/**
 * Ready-made queries for the seed's application metrics. {app} and {namespace} become label
 * values (escaped); {window} the range. Label conventions: http_requests_total and
 * http_request_duration_seconds with `namespace`, `app` and `status` labels; cAdvisor's container
 * metrics by pod name prefix; db_query_duration_seconds for the database.
 */
export const PRESETS: Record<string, { query: string; unit: string }> = {
  'error-rate': {
    query:
      'sum(rate(http_requests_total{namespace="{namespace}",app="{app}",status=~"5.."}[{window}])) / sum(rate(http_requests_total{namespace="{namespace}",app="{app}"}[{window}]))',
    unit: 'ratio',
  },
  'latency-p95': {
    query: 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="{namespace}",app="{app}"}[{window}])))',
    unit: 'seconds',
  },
  'latency-p99': {
    query: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{namespace="{namespace}",app="{app}"}[{window}])))',
    unit: 'seconds',
  },
  'request-volume': { query: 'sum(rate(http_requests_total{namespace="{namespace}",app="{app}"}[{window}]))', unit: 'requests/s' },
  cpu: { query: 'sum(rate(container_cpu_usage_seconds_total{namespace="{namespace}",pod=~"{app}-.*",container!=""}[{window}]))', unit: 'cores' },
  memory: { query: 'sum(max_over_time(container_memory_working_set_bytes{namespace="{namespace}",pod=~"{app}-.*",container!=""}[{window}]))', unit: 'bytes' },
  'db-latency': {
    query: 'histogram_quantile(0.95, sum by (le) (rate(db_query_duration_seconds_bucket{namespace="{namespace}",app="{app}"}[{window}])))',
    unit: 'seconds',
  },
};

export interface MetricCheck {
  name: string;
  preset: string | null;
  query: string | null;
  max: number | null;
  min: number | null;
}

export interface CheckResult {
  name: string;
  query: string;
  value: number | null;
  max: number | null;
  min: number | null;
  status: 'pass' | 'breach' | 'no-data' | 'error';
  detail: string;
}

/** Validates a --checks file: a JSON list of {name, preset | query, max?, min?}. */
export function readChecks(json: unknown): MetricCheck[] {
  if (!Array.isArray(json) || json.length === 0) throw new HelperUsageError('--checks must hold a non-empty JSON list of {name, preset|query, max, min}');
  return json.map((c, i) => {
    const where = `--checks entry ${i + 1}`;
    if (!c || typeof c !== 'object') throw new HelperUsageError(`${where} is not an object`);
    const { name, preset, query, max, min } = c as Record<string, unknown>;
    if (typeof name !== 'string' || !name) throw new HelperUsageError(`${where} has no "name"`);
    if ((preset === undefined) === (query === undefined)) throw new HelperUsageError(`${where} ("${name}") needs exactly one of "preset" and "query"`);
    if (preset !== undefined && (typeof preset !== 'string' || !(preset in PRESETS)))
      throw new HelperUsageError(`${where} ("${name}"): unknown preset; use one of ${Object.keys(PRESETS).join(', ')}`);
    if (query !== undefined && (typeof query !== 'string' || !query.trim()))
      throw new HelperUsageError(`${where} ("${name}"): "query" must be a PromQL string`);
    for (const [k, v] of [
      ['max', max],
      ['min', min],
    ] as const) {
      if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v)))
        throw new HelperUsageError(`${where} ("${name}"): "${k}" must be a number`);
    }
    return { name, preset: (preset as string) ?? null, query: (query as string) ?? null, max: (max as number) ?? null, min: (min as number) ?? null };
  });
}

/** A PromQL string literal's content: backslash and double quote escaped. */
const promLabel = (value: string) => value.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

export function resolveQuery(check: MetricCheck, vars: { app: string; namespace: string; window: string }): string {
  const template = check.preset ? PRESETS[check.preset]!.query : check.query!;
  return template
    .replace(/\{app\}/g, promLabel(vars.app))
    .replace(/\{namespace\}/g, promLabel(vars.namespace))
    .replace(/\{window\}/g, vars.window);
}

interface QueryResponse {
  status: 'success' | 'error';
  errorType?: string;
  error?: string;
  data?: { resultType: 'vector' | 'scalar' | 'matrix' | 'string'; result: unknown };
}

/** Every number a query returned: one per series of a vector, or the scalar; NaN samples dropped (0/0 means no traffic). */
function samples(data: NonNullable<QueryResponse['data']>): number[] {
  const values: string[] =
    data.resultType === 'scalar'
      ? [(data.result as [number, string])[1]]
      : data.resultType === 'vector'
        ? (data.result as Array<{ value: [number, string] }>).map((s) => s.value[1])
        : [];
  return values.map(Number).filter((n) => !Number.isNaN(n));
}

export interface PrometheusTarget {
  baseUrl: string;
  token: string | undefined;
  policy: RetryPolicy;
}

export async function evaluate(target: PrometheusTarget, check: MetricCheck, query: string, allowNoData: boolean): Promise<CheckResult> {
  const base: Omit<CheckResult, 'status' | 'detail' | 'value'> = { name: check.name, query, max: check.max, min: check.min };
  let response;
  try {
    response = await request({
      ...target.policy,
      url: `${target.baseUrl.replace(/\/+$/, '')}/api/v1/query`,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...(target.token ? { authorization: `Bearer ${target.token}` } : {}) },
      body: new URLSearchParams({ query }).toString(),
    });
  } catch (error) {
    if (error instanceof HttpError) return { ...base, value: null, status: 'error', detail: error.message };
    throw error;
  }
  let parsed: QueryResponse | undefined;
  try {
    parsed = response.json<QueryResponse>();
  } catch {
    parsed = undefined;
  }
  if (response.status !== 200 || !parsed || parsed.status !== 'success' || !parsed.data) {
    const why = parsed?.error ? `${parsed.errorType ?? 'error'}: ${parsed.error}` : maskedExcerpt(response.text);
    return { ...base, value: null, status: 'error', detail: `Prometheus answered ${response.status}: ${why}` };
  }
  const values = samples(parsed.data);
  if (values.length === 0) {
    return {
      ...base,
      value: null,
      status: allowNoData ? 'pass' : 'no-data',
      detail: allowNoData ? 'no data (allowed)' : 'the query returned no data, so the check cannot pass',
    };
  }
  // Several series: the worst one decides (the highest against a maximum, the lowest against a minimum).
  const high = Math.max(...values);
  const low = Math.min(...values);
  if (check.max !== null && high > check.max) return { ...base, value: high, status: 'breach', detail: `${high} is above the maximum ${check.max}` };
  if (check.min !== null && low < check.min) return { ...base, value: low, status: 'breach', detail: `${low} is below the minimum ${check.min}` };
  const value = check.max !== null ? high : check.min !== null ? low : high;
  const bounds = [check.min !== null ? `>= ${check.min}` : '', check.max !== null ? `<= ${check.max}` : ''].filter(Boolean).join(' and ');
  return { ...base, value, status: 'pass', detail: bounds ? `${value} is ${bounds}` : `${value} (recorded, no threshold)` };
}
