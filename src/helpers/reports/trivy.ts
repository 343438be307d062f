// Reads Trivy JSON reports (schema 2 and the `trivy k8s` formats) into a flat list of findings, and applies the severity gate to them.
import { ReportFormatError } from './format-error.js';

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type FindingKind = 'vulnerability' | 'secret' | 'misconfiguration';
export const FINDING_KINDS: FindingKind[] = ['vulnerability', 'secret', 'misconfiguration'];

export interface Finding {
  kind: FindingKind;
  /** VulnerabilityID, secret RuleID, or misconfiguration ID (AVDID as an alias for ignores). */
  id: string;
  aliases: string[];
  severity: Severity;
  target: string;
  /** "Namespace/Kind/Name" in a k8s report. */
  resource?: string;
  title: string;
  /** Vulnerabilities only: package, installed and fixed version. */
  pkg?: string;
  installedVersion?: string;
  fixedVersion?: string;
  /** Vulnerabilities only: a fix exists (Status "fixed", or no Status and a FixedVersion). */
  fixable: boolean;
}

export interface TrivyReport {
  format: 'schema2' | 'k8s';
  artifact: string;
  findings: Finding[];
  /** Result objects read (one per target scanned). */
  results: number;
}

export class TrivyFormatError extends ReportFormatError {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : String(v));

export function toSeverity(value: unknown): Severity {
  const s = str(value).toUpperCase();
  return (SEVERITIES as readonly string[]).includes(s) ? (s as Severity) : 'UNKNOWN';
}

/** Parses report text; throws TrivyFormatError with a message a user can act on. */
export function parseTrivyReport(text: string): TrivyReport {
  if (text.trim() === '') throw new TrivyFormatError('the report is empty');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TrivyFormatError(`the report is not JSON: ${(error as Error).message}`);
  }
  if (Array.isArray(data)) {
    throw new TrivyFormatError('this is a legacy Trivy report (a top-level JSON array, before schema version 2); run Trivy 0.20 or later with "--format json"');
  }
  if (!isObject(data)) throw new TrivyFormatError('the report is not a Trivy JSON object');
  const findings: Finding[] = [];
  let results = 0;
  const readResults = (list: unknown, resource?: string): void => {
    if (list === undefined || list === null) return;
    if (!Array.isArray(list)) throw new TrivyFormatError('"Results" is not an array');
    for (const result of list) {
      if (!isObject(result)) throw new TrivyFormatError('an entry of "Results" is not an object');
      results++;
      // One push per finding: spreading a Result with hundreds of thousands of findings overflows the stack.
      for (const finding of resultFindings(result, resource)) findings.push(finding);
    }
  };
  // `trivy k8s --format json`: newer releases write Resources[].Results[], older ones (with ClusterName)
  // write Vulnerabilities[] and Misconfigurations[] as lists of resources, each with its own Results.
  if ('ClusterName' in data || 'Resources' in data) {
    const resources = [
      ...arrayOf(data.Resources, 'Resources'),
      ...arrayOf(data.Vulnerabilities, 'Vulnerabilities'),
      ...arrayOf(data.Misconfigurations, 'Misconfigurations'),
    ];
    for (const r of resources) {
      if (!isObject(r)) throw new TrivyFormatError('a k8s resource entry is not an object');
      readResults(r.Results, [str(r.Namespace), str(r.Kind), str(r.Name)].filter(Boolean).join('/'));
    }
    return { format: 'k8s', artifact: str(data.ClusterName), findings, results };
  }
  if (data.SchemaVersion !== 2) {
    throw new TrivyFormatError(
      data.SchemaVersion === undefined
        ? 'not a Trivy report: no "SchemaVersion" (expected 2) and no k8s "ClusterName"/"Resources"'
        : `unsupported Trivy SchemaVersion ${JSON.stringify(data.SchemaVersion)}; this gate reads schema version 2`,
    );
  }
  readResults(data.Results);
  return { format: 'schema2', artifact: str(data.ArtifactName), findings, results };
}

function arrayOf(value: unknown, name: string): unknown[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new TrivyFormatError(`"${name}" is not an array`);
  return value;
}

function resultFindings(result: Json, resource: string | undefined): Finding[] {
  const target = str(result.Target);
  const out: Finding[] = [];
  const base = { target, ...(resource ? { resource } : {}) };
  for (const v of arrayOf(result.Vulnerabilities, 'Vulnerabilities')) {
    if (!isObject(v)) continue;
    const status = str(v.Status);
    const fixedVersion = str(v.FixedVersion);
    out.push({
      kind: 'vulnerability',
      id: str(v.VulnerabilityID),
      aliases: [],
      severity: toSeverity(v.Severity),
      ...base,
      title: str(v.Title),
      pkg: str(v.PkgName),
      installedVersion: str(v.InstalledVersion),
      fixedVersion,
      fixable: status ? status === 'fixed' : fixedVersion !== '',
    });
  }
  for (const s of arrayOf(result.Secrets, 'Secrets')) {
    if (!isObject(s)) continue;
    out.push({ kind: 'secret', id: str(s.RuleID), aliases: [], severity: toSeverity(s.Severity), ...base, title: str(s.Title), fixable: true });
  }
  for (const m of arrayOf(result.Misconfigurations, 'Misconfigurations')) {
    // Only failed checks are findings; PASS and EXCEPTION entries appear with --include-non-failures.
    if (!isObject(m) || (m.Status !== undefined && m.Status !== 'FAIL')) continue;
    out.push({
      kind: 'misconfiguration',
      id: str(m.ID),
      aliases: m.AVDID ? [str(m.AVDID)] : [],
      severity: toSeverity(m.Severity),
      ...base,
      title: str(m.Title),
      fixable: true,
    });
  }
  return out;
}

export interface IgnoreEntry {
  id: string;
  until: string;
  reason: string;
}

export interface GatePolicy {
  failOn: Severity[];
  warnOn: Severity[];
  ignoreUnfixed: boolean;
  ignores: IgnoreEntry[];
  /** YYYY-MM-DD; an entry ignores through its `until` day inclusive. */
  today: string;
}

export type SeverityCounts = Record<Severity, number>;
export type KindCounts = Record<FindingKind, SeverityCounts>;

export interface GateOutcome {
  verdict: 'pass' | 'warn' | 'fail';
  /** Every finding in the report, by kind and severity. */
  found: KindCounts;
  /** Findings left after ignoreUnfixed and the ignore list: the ones the verdict is based on. */
  counted: KindCounts;
  countedBySeverity: SeverityCounts;
  ignoredUnfixed: number;
  ignoredByList: number;
  /** Entries past their `until` day: they no longer ignore anything. */
  expiredIgnores: Array<IgnoreEntry & { matches: number }>;
  /** Counted findings whose severity fails or warns, worst first. */
  blocking: Finding[];
  warning: Finding[];
}

export const emptySeverityCounts = (): SeverityCounts => ({ CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 0, UNKNOWN: 0 });
const emptyKindCounts = (): KindCounts => ({ vulnerability: emptySeverityCounts(), secret: emptySeverityCounts(), misconfiguration: emptySeverityCounts() });

export function applyGate(findings: Finding[], policy: GatePolicy): GateOutcome {
  const found = emptyKindCounts();
  const counted = emptyKindCounts();
  const countedBySeverity = emptySeverityCounts();
  const active = policy.ignores.filter((e) => e.until >= policy.today);
  const expired = policy.ignores.filter((e) => e.until < policy.today).map((e) => ({ ...e, matches: 0 }));
  const matches = (f: Finding, e: IgnoreEntry): boolean => f.id === e.id || f.aliases.includes(e.id);
  let ignoredUnfixed = 0;
  let ignoredByList = 0;
  const kept: Finding[] = [];
  for (const f of findings) {
    found[f.kind][f.severity]++;
    for (const e of expired) if (matches(f, e)) e.matches++;
    if (policy.ignoreUnfixed && f.kind === 'vulnerability' && !f.fixable) ignoredUnfixed++;
    else if (active.some((e) => matches(f, e))) ignoredByList++;
    else {
      counted[f.kind][f.severity]++;
      countedBySeverity[f.severity]++;
      kept.push(f);
    }
  }
  const bySeverity = (a: Finding, b: Finding): number => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity);
  const blocking = kept.filter((f) => policy.failOn.includes(f.severity)).sort(bySeverity);
  const warning = kept.filter((f) => !policy.failOn.includes(f.severity) && policy.warnOn.includes(f.severity)).sort(bySeverity);
  const verdict = blocking.length ? 'fail' : warning.length ? 'warn' : 'pass';
  return { verdict, found, counted, countedBySeverity, ignoredUnfixed, ignoredByList, expiredIgnores: expired, blocking, warning };
}

/** Reads an ignore list: a JSON array of {id, until: YYYY-MM-DD, reason}. */
export function parseIgnoreList(text: string): IgnoreEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new TrivyFormatError(`the ignore file is not JSON: ${(error as Error).message}`);
  }
  if (!Array.isArray(data)) throw new TrivyFormatError('the ignore file must be a JSON array of {"id", "until", "reason"}');
  return data.map((e, i) => {
    if (!isObject(e) || typeof e.id !== 'string' || !e.id || typeof e.reason !== 'string' || !e.reason.trim() || !isDate(e.until)) {
      throw new TrivyFormatError(`ignore entry ${i + 1} needs "id", "until" (YYYY-MM-DD) and "reason"`);
    }
    return { id: e.id, until: e.until as string, reason: e.reason };
  });
}

export function isDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
