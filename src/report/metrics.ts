// Reads a folder of build metrics records and computes the seed's pipeline metrics: success rates, duration trends, coverage, vulnerabilities, deployment frequency.
import { readdirSync, statSync } from 'node:fs';
import { readBoundedText } from '../helpers/shared/bounded-read.js';
import { join } from 'node:path';
import { METRICS_SCHEMA, metricsRecordProblem, type MetricsRecord } from '../helpers/reports/metrics-record.js';
import { SEVERITIES, type SeverityCounts } from '../helpers/reports/trivy.js';

export interface LoadedRecords {
  records: MetricsRecord[];
  /** Lines or files that looked like records but could not be read, with the reason. */
  skipped: Array<{ where: string; reason: string }>;
  files: number;
}

const RECORD_FILE = /\.(jsonl|ndjson|json)$/;

/** Reads every *.jsonl, *.ndjson and *.json under `folder` (recursively); throws when the folder itself cannot be read. */
export function loadRecords(folder: string): LoadedRecords {
  const out: LoadedRecords = { records: [], skipped: [], files: 0 };
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && RECORD_FILE.test(entry.name)) readRecordFile(full, out);
    }
  };
  if (!statSync(folder).isDirectory()) throw new Error(`"${folder}" is not a folder`);
  walk(folder);
  // One build archived twice (copied artifacts) counts once: the last record for app + build wins.
  const byBuild = new Map<string, MetricsRecord>();
  for (const r of out.records.sort((a, b) => a.timestamp.localeCompare(b.timestamp))) byBuild.set(`${r.app}\u0000${r.build}`, r);
  out.records = [...byBuild.values()].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  return out;
}

function readRecordFile(file: string, out: LoadedRecords): void {
  let text: string;
  try {
    text = readBoundedText(file, `"${file}"`, 'record');
  } catch (error) {
    out.skipped.push({ where: file, reason: (error as Error).message });
    return;
  }
  out.files++;
  const take = (value: unknown, where: string): void => {
    // Other JSON beside the records (gate summaries, results) is not an error: it is simply not a record.
    if (typeof value !== 'object' || value === null || (value as { schema?: unknown }).schema !== METRICS_SCHEMA) return;
    const problem = metricsRecordProblem(value);
    if (problem) out.skipped.push({ where, reason: problem });
    else out.records.push(value as MetricsRecord);
  };
  // A pretty-printed .json file holds one record (or an array); JSON Lines hold one per line.
  try {
    const whole = JSON.parse(text) as unknown;
    for (const value of Array.isArray(whole) ? whole : [whole]) take(value, file);
    return;
  } catch {
    // not a single JSON document: read it line by line
  }
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    try {
      take(JSON.parse(line), `${file}:${i + 1}`);
    } catch {
      out.skipped.push({ where: `${file}:${i + 1}`, reason: 'not JSON' });
    }
  });
}

export interface DurationStats {
  count: number;
  medianMs: number;
  p90Ms: number;
  meanMs: number;
}

export interface PipelineMetrics {
  builds: number;
  period: { from: string; to: string } | null;
  results: Record<string, number>;
  successRate: number | null;
  failureRate: number | null;
  byApp: Array<{ app: string; builds: number; successRate: number; failureRate: number }>;
  duration: (DurationStats & { recentMedianMs: number; previousMedianMs: number | null; trend: 'faster' | 'slower' | 'steady' | null }) | null;
  stages: Array<{ stage: string } & DurationStats>;
  coverage: { latest: number; min: number; max: number; first: number; builds: number } | null;
  vulnerabilities: { latest: SeverityCounts; max: SeverityCounts; builds: number } | null;
  deployments: Array<{ environment: string; count: number; perWeek: number; lastVersion: string; last: string }>;
  /** Points for the charts, in time order. */
  series: Array<{
    build: string;
    app: string;
    timestamp: string;
    status: string;
    durationMs: number | null;
    lineRate: number | null;
    vulnerabilities: SeverityCounts | null;
  }>;
}

/** How many of the latest builds make up "recent" in the duration trend, compared with as many before them. */
export const TREND_WINDOW = 10;
const WEEK_MS = 7 * 24 * 3600 * 1000;

function quantile(sorted: number[], q: number): number {
  // Nearest rank: an actual build's duration, never an interpolated one.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function durationStats(values: number[]): DurationStats {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    count: sorted.length,
    medianMs: quantile(sorted, 0.5),
    p90Ms: quantile(sorted, 0.9),
    meanMs: Math.round(sorted.reduce((n, v) => n + v, 0) / sorted.length),
  };
}

export function computeMetrics(records: MetricsRecord[]): PipelineMetrics {
  const results: Record<string, number> = {};
  for (const r of records) results[r.status] = (results[r.status] ?? 0) + 1;
  const rate = (list: MetricsRecord[], status: string): number => list.filter((r) => r.status === status).length / list.length;
  const apps = [...new Set(records.map((r) => r.app))].sort();

  const durations = records.filter((r) => r.durationMs !== null).map((r) => r.durationMs!);
  let duration: PipelineMetrics['duration'] = null;
  if (durations.length) {
    const recent = durations.slice(-TREND_WINDOW);
    const previous = durations.slice(-2 * TREND_WINDOW, -TREND_WINDOW);
    const recentMedianMs = durationStats(recent).medianMs;
    const previousMedianMs = previous.length ? durationStats(previous).medianMs : null;
    // A change under 10% is noise for build times.
    const trend =
      previousMedianMs === null ? null : recentMedianMs > previousMedianMs * 1.1 ? 'slower' : recentMedianMs < previousMedianMs * 0.9 ? 'faster' : 'steady';
    duration = { ...durationStats(durations), recentMedianMs, previousMedianMs, trend };
  }

  const stageNames: string[] = [];
  for (const r of records) for (const s of Object.keys(r.stages)) if (!stageNames.includes(s)) stageNames.push(s);
  const stages = stageNames.map((stage) => ({ stage, ...durationStats(records.filter((r) => stage in r.stages).map((r) => r.stages[stage]!)) }));

  const withCoverage = records.filter((r) => r.coverage !== null);
  const rates = withCoverage.map((r) => r.coverage!.lineRate);
  const coverage = rates.length
    ? { latest: rates[rates.length - 1]!, min: Math.min(...rates), max: Math.max(...rates), first: rates[0]!, builds: rates.length }
    : null;

  const withVulns = records.filter((r) => r.vulnerabilities !== null);
  let vulnerabilities: PipelineMetrics['vulnerabilities'] = null;
  if (withVulns.length) {
    const max = Object.fromEntries(SEVERITIES.map((s) => [s, Math.max(...withVulns.map((r) => r.vulnerabilities![s] ?? 0))])) as SeverityCounts;
    vulnerabilities = { latest: withVulns[withVulns.length - 1]!.vulnerabilities!, max, builds: withVulns.length };
  }

  // A deployment is a successful (or unstable) run that names an environment.
  const deployed = records.filter((r) => r.deployment && (r.status === 'SUCCESS' || r.status === 'UNSTABLE'));
  const environments = [...new Set(deployed.map((r) => r.deployment!.environment))].sort();
  const span = records.length ? Date.parse(records[records.length - 1]!.timestamp) - Date.parse(records[0]!.timestamp) : 0;
  const weeks = Math.max(1, span / WEEK_MS);
  const deployments = environments.map((environment) => {
    const list = deployed.filter((r) => r.deployment!.environment === environment);
    const last = list[list.length - 1]!;
    return {
      environment,
      count: list.length,
      perWeek: Math.round((list.length / weeks) * 100) / 100,
      lastVersion: last.deployment!.version,
      last: last.timestamp,
    };
  });

  return {
    builds: records.length,
    period: records.length ? { from: records[0]!.timestamp, to: records[records.length - 1]!.timestamp } : null,
    results,
    successRate: records.length ? rate(records, 'SUCCESS') : null,
    failureRate: records.length ? rate(records, 'FAILURE') : null,
    byApp: apps.map((app) => {
      const list = records.filter((r) => r.app === app);
      return { app, builds: list.length, successRate: rate(list, 'SUCCESS'), failureRate: rate(list, 'FAILURE') };
    }),
    duration,
    stages,
    coverage,
    vulnerabilities,
    deployments,
    series: records.map((r) => ({
      build: r.build,
      app: r.app,
      timestamp: r.timestamp,
      status: r.status,
      durationMs: r.durationMs,
      lineRate: r.coverage?.lineRate ?? null,
      vulnerabilities: r.vulnerabilities,
    })),
  };
}
