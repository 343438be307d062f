// gate-trivy: applies the security gate to a Trivy JSON report (fail on, warn on, unfixed, an expiring ignore list) and writes a summary and a Markdown report.
import { main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs } from './shared/options.js';
import { writeFileAtomic } from './shared/atomic.js';
import {
  applyGate,
  FINDING_KINDS,
  isDate,
  parseIgnoreList,
  parseTrivyReport,
  SEVERITIES,
  type Finding,
  type GateOutcome,
  type Severity,
  type TrivyReport,
} from './reports/trivy.js';
import { markdownTable, parseReportFile, textTable } from './reports/text.js';

export interface GateTrivyOptions {
  file: string;
  failOn: Severity[];
  warnOn: Severity[];
  ignoreUnfixed: boolean;
  ignoreFile?: string;
  today: string;
  summary?: string;
  markdown?: string;
  /** Where the table goes; the CLI prints it, tests may collect it. */
  print?: (text: string) => void;
}

/** How many findings the summary lists by name (the counts always cover all of them). */
const LISTED_FINDINGS = 50;
const KIND_LABEL = { vulnerability: 'vulnerabilities', secret: 'secrets', misconfiguration: 'misconfigurations' } as const;

export async function run(options: GateTrivyOptions): Promise<HelperResult> {
  const report: TrivyReport = parseReportFile(options.file, 'Trivy report', parseTrivyReport);
  const ignores = options.ignoreFile ? parseReportFile(options.ignoreFile, 'ignore file', parseIgnoreList) : [];
  const outcome = applyGate(report.findings, {
    failOn: options.failOn,
    warnOn: options.warnOn,
    ignoreUnfixed: options.ignoreUnfixed,
    ignores,
    today: options.today,
  });
  const summary = {
    schema: 'pipewright.trivy-summary/1',
    file: options.file,
    format: report.format,
    artifact: report.artifact,
    results: report.results,
    verdict: outcome.verdict,
    failOn: options.failOn,
    warnOn: options.warnOn,
    ignoreUnfixed: options.ignoreUnfixed,
    counts: outcome.counted,
    bySeverity: outcome.countedBySeverity,
    found: outcome.found,
    ignoredUnfixed: outcome.ignoredUnfixed,
    ignoredByList: outcome.ignoredByList,
    expiredIgnores: outcome.expiredIgnores,
    blocking: outcome.blocking.slice(0, LISTED_FINDINGS).map(brief),
    warnings: outcome.warning.slice(0, LISTED_FINDINGS).map(brief),
  };
  (options.print ?? ((t) => process.stdout.write(t)))(`${textTable(['kind', ...SEVERITIES], countRows(outcome))}\n`);
  if (options.summary) writeFileAtomic(options.summary, `${JSON.stringify(summary, null, 2)}\n`);
  if (options.markdown) writeFileAtomic(options.markdown, markdownReport(report, outcome, options));
  const message = verdictMessage(outcome, options);
  return { ok: outcome.verdict !== 'fail', unstable: outcome.verdict === 'warn', message, ...summary };
}

function brief(f: Finding): Record<string, string> {
  return {
    kind: f.kind,
    id: f.id,
    severity: f.severity,
    target: f.target,
    ...(f.resource ? { resource: f.resource } : {}),
    ...(f.pkg ? { pkg: f.pkg, installedVersion: f.installedVersion ?? '', fixedVersion: f.fixedVersion ?? '' } : {}),
    title: f.title,
  };
}

function countRows(outcome: GateOutcome): Array<Array<string | number>> {
  const rows: Array<Array<string | number>> = FINDING_KINDS.map((k) => [KIND_LABEL[k], ...SEVERITIES.map((s) => outcome.counted[k][s])]);
  rows.push(['total', ...SEVERITIES.map((s) => outcome.countedBySeverity[s])]);
  return rows;
}

function verdictMessage(outcome: GateOutcome, options: GateTrivyOptions): string {
  const counts = (list: Severity[]): string => list.map((s) => `${outcome.countedBySeverity[s]} ${s}`).join(', ');
  const notes = [
    outcome.ignoredUnfixed ? `${outcome.ignoredUnfixed} unfixed ignored` : '',
    outcome.ignoredByList ? `${outcome.ignoredByList} ignored by the ignore list` : '',
    ...outcome.expiredIgnores.map((e) => `ignore entry "${e.id}" expired on ${e.until}${e.matches ? ` and no longer hides ${e.matches} finding(s)` : ''}`),
  ].filter(Boolean);
  const tail = notes.length ? ` (${notes.join('; ')})` : '';
  if (outcome.verdict === 'fail') return `security gate failed: ${counts(options.failOn.filter((s) => outcome.countedBySeverity[s] > 0))}${tail}`;
  if (outcome.verdict === 'warn') return `security gate passed with warnings: ${counts(options.warnOn.filter((s) => outcome.countedBySeverity[s] > 0))}${tail}`;
  return `security gate passed: no findings of the gated severities${tail}`;
}

function markdownReport(report: TrivyReport, outcome: GateOutcome, options: GateTrivyOptions): string {
  const icon = { pass: 'PASSED', warn: 'PASSED WITH WARNINGS', fail: 'FAILED' }[outcome.verdict];
  const lines = [
    `# Security scan: ${icon}`,
    '',
    `Report \`${options.file}\`${report.artifact ? ` for \`${report.artifact}\`` : ''} (${report.format === 'k8s' ? 'trivy k8s' : 'schema 2'}, ${report.results} result(s)).`,
    `Fails on ${options.failOn.join(', ') || 'nothing'}; warns on ${options.warnOn.join(', ') || 'nothing'}${options.ignoreUnfixed ? '; unfixed vulnerabilities ignored' : ''}.`,
    '',
    markdownTable(['kind', ...SEVERITIES], countRows(outcome)),
    '',
  ];
  if (outcome.ignoredUnfixed || outcome.ignoredByList)
    lines.push(`Not counted: ${outcome.ignoredUnfixed} unfixed, ${outcome.ignoredByList} on the ignore list.`, '');
  if (outcome.expiredIgnores.length) {
    lines.push(
      '## Expired ignore entries',
      '',
      markdownTable(
        ['id', 'until', 'matches', 'reason'],
        outcome.expiredIgnores.map((e) => [e.id, e.until, e.matches, e.reason]),
      ),
      '',
    );
  }
  const listed = [...outcome.blocking, ...outcome.warning].slice(0, LISTED_FINDINGS);
  if (listed.length) {
    lines.push(
      '## Findings',
      '',
      markdownTable(
        ['severity', 'id', 'kind', 'target', 'package', 'installed', 'fixed', 'title'],
        listed.map((f) => [
          f.severity,
          f.id,
          f.kind,
          f.resource ? `${f.resource} ${f.target}` : f.target,
          f.pkg ?? '',
          f.installedVersion ?? '',
          f.fixedVersion ?? '',
          f.title,
        ]),
      ),
      '',
    );
    const more = outcome.blocking.length + outcome.warning.length - listed.length;
    if (more > 0) lines.push(`…and ${more} more.`, '');
  }
  return `${lines.join('\n')}`;
}

export const options = {
  file: { type: 'string', valueName: 'FILE', required: true, description: 'the Trivy JSON report (trivy image|fs|k8s --format json)' },
  'fail-on': {
    type: 'list',
    valueName: 'LIST',
    default: 'CRITICAL,HIGH',
    choices: SEVERITIES,
    ignoreCase: true,
    description: 'comma-separated severities that fail the gate ("" for none)',
  },
  'warn-on': {
    type: 'list',
    valueName: 'LIST',
    default: 'MEDIUM,LOW',
    choices: SEVERITIES,
    ignoreCase: true,
    description: 'comma-separated severities that make the build unstable ("" for none)',
  },
  'ignore-unfixed': { type: 'boolean', description: 'do not count vulnerabilities without a fix' },
  'ignore-file': {
    type: 'string',
    valueName: 'FILE',
    description: 'JSON array of {"id", "until": "YYYY-MM-DD", "reason"}; an entry ignores through its until day',
  },
  today: {
    type: 'string',
    valueName: 'YYYY-MM-DD',
    check: { valid: isDate, problem: 'is not a date as YYYY-MM-DD' },
    description: 'the date ignore entries are compared with (default: today, UTC)',
  },
  summary: { type: 'string', valueName: 'FILE', description: 'write the summary JSON to FILE' },
  markdown: { type: 'string', valueName: 'FILE', description: 'write a Markdown report to FILE' },
} as const satisfies OptionSpecs;

export const spec: HelperSpec<typeof options> = {
  name: 'gate-trivy',
  summary: 'Apply the security gate to a Trivy JSON report: exit 1 on a failing severity, exit 0 with "unstable": true on a warning one.',
  options,
  examples: ['gate-trivy --file trivy.json --fail-on CRITICAL,HIGH --warn-on MEDIUM,LOW --ignore-unfixed --summary trivy-summary.json --markdown trivy.md'],
  run: (o) =>
    run({
      file: o.file,
      failOn: o['fail-on'],
      warnOn: o['warn-on'],
      ignoreUnfixed: o['ignore-unfixed'],
      ...(o['ignore-file'] !== undefined ? { ignoreFile: o['ignore-file'] } : {}),
      today: o.today ?? new Date().toISOString().slice(0, 10),
      ...(o.summary !== undefined ? { summary: o.summary } : {}),
      ...(o.markdown !== undefined ? { markdown: o.markdown } : {}),
    }),
};

main(spec);
