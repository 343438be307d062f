// record-metrics: appends one JSON line describing this pipeline run (result, stage durations, coverage, vulnerabilities, deployment) to a metrics file archived with the build.
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { readBoundedText } from './shared/bounded-read.js';
import { dirname } from 'node:path';
import { HelperFailure, HelperUsageError, main, type HelperResult, type HelperSpec } from './shared/cli.js';
import { durationMs, type OptionSpecs } from './shared/options.js';
import { BUILD_STATUSES, METRICS_SCHEMA, metricsRecordProblem, type BuildStatus, type MetricsRecord } from './reports/metrics-record.js';
import { emptySeverityCounts, SEVERITIES, type Severity, type SeverityCounts } from './reports/trivy.js';

export interface RecordMetricsOptions {
  file: string;
  app: string;
  build: string;
  branch: string;
  commit?: string;
  status: BuildStatus;
  durationMs?: number;
  stages: Record<string, number>;
  /** A percentage, e.g. 83.5; or read from gate-coverage's summary. */
  coveragePercent?: number;
  coverageSummary?: string;
  vulnerabilities?: SeverityCounts;
  trivySummary?: string;
  testsSummary?: string;
  environment?: string;
  deployedVersion?: string;
  /** ISO 8601; defaults to now. */
  timestamp?: string;
}

/** Reads a summary JSON a gate wrote; a missing or unreadable one is noted, never fatal (the gate may not have run). */
function readSummary(file: string | undefined, notes: string[]): Record<string, unknown> | undefined {
  if (!file) return undefined;
  if (!existsSync(file)) {
    notes.push(`no summary at "${file}" (the stage may not have run)`);
    return undefined;
  }
  try {
    const data = JSON.parse(readBoundedText(file, `"${file}"`, 'record')) as unknown;
    if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as Record<string, unknown>;
  } catch {
    // fall through to the note
  }
  notes.push(`"${file}" is not a summary JSON object; ignored`);
  return undefined;
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

export async function run(options: RecordMetricsOptions): Promise<HelperResult> {
  const notes: string[] = [];
  const coverageData = readSummary(options.coverageSummary, notes);
  const trivyData = readSummary(options.trivySummary, notes);
  const testsData = readSummary(options.testsSummary, notes);

  let coverage: MetricsRecord['coverage'] = null;
  if (options.coveragePercent !== undefined) coverage = { lineRate: options.coveragePercent / 100, branchRate: null };
  else if (coverageData && num(coverageData.lineRate) !== undefined)
    coverage = { lineRate: num(coverageData.lineRate)!, branchRate: num(coverageData.branchRate) ?? null };

  let vulnerabilities: SeverityCounts | null = options.vulnerabilities ?? null;
  if (!vulnerabilities && trivyData && typeof trivyData.bySeverity === 'object' && trivyData.bySeverity !== null) {
    const counts = emptySeverityCounts();
    for (const s of SEVERITIES) counts[s] = num((trivyData.bySeverity as Record<string, unknown>)[s]) ?? 0;
    vulnerabilities = counts;
  }

  const tests =
    testsData && num(testsData.tests) !== undefined
      ? { tests: num(testsData.tests)!, failures: num(testsData.failures) ?? 0, errors: num(testsData.errors) ?? 0, skipped: num(testsData.skipped) ?? 0 }
      : null;

  const record: MetricsRecord = {
    schema: METRICS_SCHEMA,
    app: options.app,
    build: options.build,
    branch: options.branch,
    commit: options.commit ?? null,
    status: options.status,
    timestamp: options.timestamp ?? new Date().toISOString(),
    durationMs: options.durationMs ?? null,
    stages: options.stages,
    coverage,
    vulnerabilities,
    tests,
    deployment: options.environment ? { environment: options.environment, version: options.deployedVersion ?? '' } : null,
  };
  const problem = metricsRecordProblem(record);
  if (problem) throw new HelperFailure(`the record would not be readable: ${problem}`);
  try {
    mkdirSync(dirname(options.file), { recursive: true });
    // One write of one line: appends from concurrent writers interleave by whole lines.
    appendFileSync(options.file, `${JSON.stringify(record)}\n`);
  } catch (error) {
    throw new HelperFailure(`cannot append to "${options.file}": ${(error as Error).message}`);
  }
  return {
    ok: true,
    message: `recorded build ${record.build} of ${record.app} (${record.status}) in ${options.file}${notes.length ? `; ${notes.join('; ')}` : ''}`,
    record,
    notes,
  };
}

function parseStages(values: string[]): Record<string, number> {
  const stages: Record<string, number> = {};
  for (const value of values) {
    const eq = value.lastIndexOf('=');
    const ms = eq > 0 ? durationMs(value.slice(eq + 1)) : null;
    if (ms === null) throw new HelperUsageError(`--stage takes NAME=DURATION (e.g. "Build=95s"), got "${value}"`);
    stages[value.slice(0, eq)] = ms;
  }
  return stages;
}

function parseVulnerabilities(value: string): SeverityCounts {
  const counts = emptySeverityCounts();
  for (const pair of value.split(',').filter(Boolean)) {
    const m = /^([A-Za-z]+)=(\d+)$/.exec(pair.trim());
    const severity = m?.[1]!.toUpperCase() as Severity | undefined;
    if (!m || !severity || !SEVERITIES.includes(severity))
      throw new HelperUsageError(`--vulnerabilities takes SEVERITY=N pairs like CRITICAL=0,HIGH=2, got "${pair}"`);
    counts[severity] = Number(m[2]);
  }
  return counts;
}

export const options = {
  file: { type: 'string', valueName: 'FILE', required: true, description: 'the JSON Lines file to append to' },
  app: { type: 'string', valueName: 'NAME', required: true, description: 'the application' },
  build: { type: 'string', valueName: 'ID', required: true, description: 'the build number' },
  branch: { type: 'string', valueName: 'NAME', required: true, description: 'the branch built' },
  commit: { type: 'string', valueName: 'SHA', description: 'the commit built' },
  status: { type: 'string', valueName: 'STATUS', required: true, choices: BUILD_STATUSES, ignoreCase: true, description: 'the build result' },
  duration: { type: 'duration', description: 'the whole run, e.g. 312s, 5m or milliseconds as 1500ms' },
  stage: { type: 'string', valueName: 'NAME=DURATION', multiple: true, description: 'a stage and how long it took' },
  coverage: {
    type: 'string',
    valueName: 'PERCENT',
    check: { valid: (v: string) => /^\d+(\.\d+)?$/.test(v) && Number(v) <= 100, problem: 'is not a percentage from 0 to 100' },
    description: 'line coverage in percent',
  },
  'coverage-summary': { type: 'string', valueName: 'FILE', description: "gate-coverage's --summary file (used when --coverage is absent)" },
  vulnerabilities: { type: 'string', valueName: 'LIST', description: 'counts like CRITICAL=0,HIGH=2,MEDIUM=5' },
  'trivy-summary': { type: 'string', valueName: 'FILE', description: "gate-trivy's --summary file (used when --vulnerabilities is absent)" },
  'tests-summary': { type: 'string', valueName: 'FILE', description: "test-summary's --summary file" },
  environment: { type: 'string', valueName: 'NAME', description: 'the environment deployed to, if any' },
  'deployed-version': { type: 'string', valueName: 'VERSION', description: 'the version (image tag) deployed' },
  timestamp: {
    type: 'string',
    valueName: 'ISO8601',
    check: { valid: (v: string) => !Number.isNaN(Date.parse(v)), problem: 'is not an ISO 8601 date' },
    description: 'when the run ended (default: now)',
  },
} as const satisfies OptionSpecs;

/** Only the fields given: the record's optional fields stay absent rather than undefined. */
function given<K extends keyof RecordMetricsOptions>(key: K, value: RecordMetricsOptions[K] | undefined): Partial<Pick<RecordMetricsOptions, K>> {
  return value === undefined ? {} : ({ [key]: value } as Partial<Pick<RecordMetricsOptions, K>>);
}

export const spec: HelperSpec<typeof options> = {
  name: 'record-metrics',
  summary: 'Append one JSON line describing this run to a metrics file archived with the build; `pipewright report` charts a folder of them.',
  options,
  examples: [
    'record-metrics --file metrics/build-42.jsonl --app orders-api --build 42 --branch main --status SUCCESS --duration 312s --stage Build=95s --stage Test=120s --coverage-summary coverage-summary.json --trivy-summary trivy-summary.json --environment staging --deployed-version 42-abc1234',
  ],
  run: (o) =>
    run({
      file: o.file,
      app: o.app,
      build: o.build,
      branch: o.branch,
      status: o.status,
      stages: parseStages(o.stage),
      ...given('durationMs', o.duration),
      ...given('coveragePercent', o.coverage === undefined ? undefined : Number(o.coverage)),
      ...given('vulnerabilities', o.vulnerabilities === undefined ? undefined : parseVulnerabilities(o.vulnerabilities)),
      ...given('timestamp', o.timestamp === undefined ? undefined : new Date(o.timestamp).toISOString()),
      ...given('commit', o.commit),
      ...given('coverageSummary', o['coverage-summary']),
      ...given('trivySummary', o['trivy-summary']),
      ...given('testsSummary', o['tests-summary']),
      ...given('environment', o.environment),
      ...given('deployedVersion', o['deployed-version']),
    }),
};

main(spec);
