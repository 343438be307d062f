// gate-coverage: fails the build unless line coverage is strictly above the minimum, comparing exact counts (80.0% exactly fails).
import { HelperFailure, HelperUsageError, main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs } from './shared/options.js';
import { writeFileAtomic } from './shared/atomic.js';
import { parseCoverage, type Counts, type Coverage, type CoverageFormat } from './reports/coverage.js';
import { parseReportFile, percent } from './reports/text.js';

export interface GateCoverageOptions {
  file: string;
  format: CoverageFormat | 'auto';
  /** Percentage as written, e.g. "80" or "80.5": kept as text so the comparison stays exact. */
  min: string;
  /** Optional minimum for branch coverage, same rule. */
  minBranch?: string;
  summary?: string;
}

const DECIMAL = /^(\d{1,3})(?:\.(\d{1,6}))?$/;

/** True when covered/total is strictly above `min` percent, in whole-number arithmetic (no rounding anywhere). */
export function isAbove(counts: Counts, min: string): boolean {
  const m = DECIMAL.exec(min);
  if (!m) throw new HelperUsageError(`a minimum must be a percentage like 80 or 80.5, got "${min}"`);
  const fraction = m[2] ?? '';
  const scale = 10n ** BigInt(fraction.length);
  const minScaled = BigInt(m[1]!) * scale + BigInt(fraction || '0');
  // covered/total > minScaled/(100*scale)  <=>  covered*100*scale > minScaled*total
  return BigInt(counts.covered) * 100n * scale > minScaled * BigInt(counts.total);
}

/** A percentage for people; when two decimals would read as the threshold itself, more digits show why it failed. */
function shown(counts: Counts, min?: string): string {
  const ratio = counts.covered / counts.total;
  let text = percent(ratio);
  if (min !== undefined && Number(text.slice(0, -1)) === Number(min) && !isAbove(counts, min) && counts.covered * 100 !== Number(min) * counts.total) {
    text = `${(ratio * 100).toFixed(6)}%`;
  }
  return `${text} (${counts.covered}/${counts.total})`;
}

export async function run(options: GateCoverageOptions): Promise<HelperResult> {
  const coverage: Coverage = parseReportFile(options.file, 'coverage report', (text) => parseCoverage(text, options.format));
  if (coverage.lines.total === 0) {
    throw new HelperFailure(`${options.file}: the ${coverage.format} report measures no lines; an empty report cannot pass the gate`, {
      verdict: 'error',
      format: coverage.format,
    });
  }
  const linesOk = isAbove(coverage.lines, options.min);
  const branchesOk = options.minBranch === undefined || (coverage.branches !== undefined && isAbove(coverage.branches, options.minBranch));
  const summary = {
    schema: 'pipewright.coverage-summary/1',
    file: options.file,
    format: coverage.format,
    verdict: linesOk && branchesOk ? 'pass' : 'fail',
    min: Number(options.min),
    lineRate: coverage.lines.covered / coverage.lines.total,
    linesCovered: coverage.lines.covered,
    linesTotal: coverage.lines.total,
    ...(coverage.branches
      ? { branchRate: coverage.branches.covered / coverage.branches.total, branchesCovered: coverage.branches.covered, branchesTotal: coverage.branches.total }
      : {}),
    ...(options.minBranch !== undefined ? { minBranch: Number(options.minBranch) } : {}),
    files: coverage.files,
    notes: coverage.notes,
  };
  if (options.summary) writeFileAtomic(options.summary, `${JSON.stringify(summary, null, 2)}\n`);
  // Branches are only held to --min-branch; without one the figure is reported, and the message must not read as if it passed a threshold.
  const branchText = !coverage.branches
    ? ''
    : options.minBranch !== undefined
      ? `, branches ${shown(coverage.branches, options.minBranch)} above ${options.minBranch}%`
      : `; branches ${shown(coverage.branches)} (not gated: no --min-branch)`;
  const parts = [
    linesOk ? '' : `line coverage ${shown(coverage.lines, options.min)} is not above the minimum ${options.min}%`,
    branchesOk
      ? ''
      : coverage.branches
        ? `branch coverage ${shown(coverage.branches, options.minBranch!)} is not above the minimum ${options.minBranch}%`
        : `the report has no branch data but --min-branch ${options.minBranch} was given`,
  ].filter(Boolean);
  const message = parts.length
    ? `coverage gate failed: ${parts.join('; ')}`
    : `coverage gate passed: lines ${shown(coverage.lines, options.min)} above ${options.min}%${branchText}`;
  return { ok: parts.length === 0, message, ...summary };
}

/** A percentage as written, from 0 to 100 with at most six decimals: kept as text so the gate compares exactly. */
const PERCENT_CHECK = { valid: (v: string) => DECIMAL.test(v) && Number(v) <= 100, problem: 'is not a percentage from 0 to 100 (e.g. 80 or 80.5)' };

export const options = {
  file: { type: 'string', valueName: 'FILE', required: true, description: 'the coverage report' },
  format: {
    type: 'string',
    valueName: 'FORMAT',
    default: 'auto',
    choices: ['auto', 'cobertura', 'jacoco', 'lcov'],
    description: 'the report format (auto: detected from the content)',
  },
  min: { type: 'string', valueName: 'PERCENT', default: '80', check: PERCENT_CHECK, description: 'line coverage must be above this percentage' },
  'min-branch': { type: 'string', valueName: 'PERCENT', check: PERCENT_CHECK, description: 'branch coverage must be above this percentage too' },
  summary: { type: 'string', valueName: 'FILE', description: 'write the summary JSON to FILE' },
} as const satisfies OptionSpecs;

export const spec: HelperSpec<typeof options> = {
  name: 'gate-coverage',
  summary: 'Fail unless line coverage is above the minimum (exactly the minimum fails). Reads Cobertura XML (coverage.py, istanbul), JaCoCo XML or lcov.',
  options,
  examples: ['gate-coverage --file reports/coverage.xml --min 80 --summary coverage-summary.json'],
  run: (o) =>
    run({
      file: o.file,
      format: o.format,
      min: o.min,
      ...(o['min-branch'] !== undefined ? { minBranch: o['min-branch'] } : {}),
      ...(o.summary !== undefined ? { summary: o.summary } : {}),
    }),
};

main(spec);
