// record-metrics: appends one JSON line describing this pipeline run (result, stage durations, coverage, vulnerabilities, deployment) to a metrics file archived with the build.
import { appendFileSync, existsSync, mkdirSync } from 'node:fs';
import { readBoundedText } from './shared/bounded-read.js';
import { dirname } from 'node:path';
import { HelperFailure, HelperUsageError, main, parseDurationMs, requireString, type HelperResult, type HelperSpec, type ParsedOptions } from './shared/cli.js';
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
  else if (coverageData && num(coverageData.lineRate) !== undefined) coverage = { lineRate: num(coverageData.lineRate)!, branchRate: num(coverageData.branchRate) ?? null };

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
  return { ok: true, message: `recorded build ${record.build} of ${record.app} (${record.status}) in ${options.file}${notes.length ? `; ${notes.join('; ')}` : ''}`, record, notes };
}

function parseStages(values: string[]): Record<string, number> {
  const stages: Record<string, number> = {};
  for (const value of values) {
    const eq = value.lastIndexOf('=');
    if (eq <= 0) throw new HelperUsageError(`--stage takes NAME=DURATION (e.g. "Build=95s"), got "${value}"`);
    stages[value.slice(0, eq)] = parseDurationMs(value.slice(eq + 1));
  }
  return stages;
}

function parseVulnerabilities(value: string): SeverityCounts {
  const counts = emptySeverityCounts();
  for (const pair of value.split(',').filter(Boolean)) {
    const m = /^([A-Za-z]+)=(\d+)$/.exec(pair.trim());
    const severity = m?.[1]!.toUpperCase() as Severity | undefined;
    if (!m || !severity || !SEVERITIES.includes(severity)) throw new HelperUsageError(`--vulnerabilities takes SEVERITY=N pairs like CRITICAL=0,HIGH=2, got "${pair}"`);
    counts[severity] = Number(m[2]);
  }
  return counts;
}

const optional = (o: ParsedOptions, name: string): string | undefined => (typeof o[name] === 'string' && o[name] !== '' ? (o[name] as string) : undefined);

export const spec: HelperSpec = {
  name: 'record-metrics',
  summary: 'Append one JSON line describing this run to a metrics file archived with the build; `pipewright report` charts a folder of them.',
  options: {
    file: { type: 'string', valueName: 'FILE', required: true, description: 'the JSON Lines file to append to' },
    app: { type: 'string', valueName: 'NAME', required: true, description: 'the application' },
    build: { type: 'string', valueName: 'ID', required: true, description: 'the build number' },
    branch: { type: 'string', valueName: 'NAME', required: true, description: 'the branch built' },
    commit: { type: 'string', valueName: 'SHA', description: 'the commit built' },
    status: { type: 'string', valueName: 'STATUS', required: true, description: `the build result: ${BUILD_STATUSES.join(', ')}` },
    duration: { type: 'string', valueName: 'DURATION', description: 'the whole run, e.g. 312s, 5m or milliseconds as 1500ms' },
    stage: { type: 'string', valueName: 'NAME=DURATION', multiple: true, description: 'a stage and how long it took' },
    coverage: { type: 'string', valueName: 'PERCENT', description: 'line coverage in percent' },
    'coverage-summary': { type: 'string', valueName: 'FILE', description: "gate-coverage's --summary file (used when --coverage is absent)" },
    vulnerabilities: { type: 'string', valueName: 'LIST', description: 'counts like CRITICAL=0,HIGH=2,MEDIUM=5' },
    'trivy-summary': { type: 'string', valueName: 'FILE', description: "gate-trivy's --summary file (used when --vulnerabilities is absent)" },
    'tests-summary': { type: 'string', valueName: 'FILE', description: "test-summary's --summary file" },
    environment: { type: 'string', valueName: 'NAME', description: 'the environment deployed to, if any' },
    'deployed-version': { type: 'string', valueName: 'VERSION', description: 'the version (image tag) deployed' },
    timestamp: { type: 'string', valueName: 'ISO8601', description: 'when the run ended (default: now)' },
  },
  examples: [
    'record-metrics --file metrics/build-42.jsonl --app orders-api --build 42 --branch main --status SUCCESS --duration 312s --stage Build=95s --stage Test=120s --coverage-summary coverage-summary.json --trivy-summary trivy-summary.json --environment staging --deployed-version 42-abc1234',
  ],
  run: (o: ParsedOptions) => {
    const status = requireString(o, 'status').toUpperCase();
    if (!(BUILD_STATUSES as readonly string[]).includes(status)) throw new HelperUsageError(`--status takes ${BUILD_STATUSES.join(', ')}, got "${status}"`);
    const coverage = optional(o, 'coverage');
    if (coverage !== undefined && !(/^\d+(\.\d+)?$/.test(coverage) && Number(coverage) <= 100)) throw new HelperUsageError(`--coverage takes a percentage from 0 to 100, got "${coverage}"`);
    const timestamp = optional(o, 'timestamp');
    if (timestamp !== undefined && Number.isNaN(Date.parse(timestamp))) throw new HelperUsageError(`--timestamp takes an ISO 8601 date, got "${timestamp}"`);
    const duration = optional(o, 'duration');
    const vulnerabilities = optional(o, 'vulnerabilities');
    const strings: Array<[keyof RecordMetricsOptions, string]> = [
      ['commit', 'commit'],
      ['coverageSummary', 'coverage-summary'],
      ['trivySummary', 'trivy-summary'],
      ['testsSummary', 'tests-summary'],
      ['environment', 'environment'],
      ['deployedVersion', 'deployed-version'],
    ];
    return run({
      file: requireString(o, 'file'),
      app: requireString(o, 'app'),
      build: requireString(o, 'build'),
      branch: requireString(o, 'branch'),
      status: status as BuildStatus,
      stages: parseStages(Array.isArray(o.stage) ? o.stage : []),
      ...(duration !== undefined ? { durationMs: parseDurationMs(duration) } : {}),
      ...(coverage !== undefined ? { coveragePercent: Number(coverage) } : {}),
      ...(vulnerabilities !== undefined ? { vulnerabilities: parseVulnerabilities(vulnerabilities) } : {}),
      ...(timestamp !== undefined ? { timestamp: new Date(timestamp).toISOString() } : {}),
      ...Object.fromEntries(strings.flatMap(([key, flag]) => (optional(o, flag) !== undefined ? [[key, optional(o, flag)]] : []))),
    });
  },
};

main(spec);
