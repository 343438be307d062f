// The build metrics record: one JSON object per pipeline run, written by record-metrics and read by `pipewright report`.
import type { SeverityCounts } from './trivy.js';

export const METRICS_SCHEMA = 'pipewright.metrics/1';
export const BUILD_STATUSES = ['SUCCESS', 'UNSTABLE', 'FAILURE', 'ABORTED', 'NOT_BUILT'] as const;
export type BuildStatus = (typeof BUILD_STATUSES)[number];

export interface MetricsRecord {
  schema: typeof METRICS_SCHEMA;
  app: string;
  build: string;
  branch: string;
  commit: string | null;
  status: BuildStatus;
  /** ISO 8601, UTC: when the run ended (when the record was written). */
  timestamp: string;
  /** The whole run, when known. */
  durationMs: number | null;
  /** Stage name -> milliseconds, in the order the stages ran. */
  stages: Record<string, number>;
  coverage: { lineRate: number; branchRate: number | null } | null;
  vulnerabilities: SeverityCounts | null;
  tests: { tests: number; failures: number; errors: number; skipped: number } | null;
  deployment: { environment: string; version: string } | null;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;

/** Checks a parsed value is a record this version can read; returns a reason when it is not. */
export function metricsRecordProblem(value: unknown): string | undefined {
  if (!isObject(value)) return 'not a JSON object';
  if (value.schema !== METRICS_SCHEMA) return `"schema" is not "${METRICS_SCHEMA}"`;
  if (typeof value.app !== 'string' || typeof value.build !== 'string' || typeof value.branch !== 'string')
    return '"app", "build" and "branch" must be strings';
  if (!(BUILD_STATUSES as readonly string[]).includes(value.status as string)) return `"status" must be one of ${BUILD_STATUSES.join(', ')}`;
  if (typeof value.timestamp !== 'string' || Number.isNaN(Date.parse(value.timestamp))) return '"timestamp" must be an ISO 8601 date';
  if (value.durationMs !== null && !isCount(value.durationMs)) return '"durationMs" must be a number of milliseconds or null';
  if (!isObject(value.stages) || !Object.values(value.stages).every(isCount)) return '"stages" must map stage names to milliseconds';
  if (value.coverage !== null && !(isObject(value.coverage) && isCount(value.coverage.lineRate))) return '"coverage" must be null or hold "lineRate"';
  if (value.vulnerabilities !== null && !(isObject(value.vulnerabilities) && Object.values(value.vulnerabilities).every(isCount)))
    return '"vulnerabilities" must be null or severity counts';
  if (value.tests !== null && !(isObject(value.tests) && isCount(value.tests.tests))) return '"tests" must be null or hold "tests"';
  if (value.deployment !== null && !(isObject(value.deployment) && typeof value.deployment.environment === 'string'))
    return '"deployment" must be null or name an environment';
  return undefined;
}
