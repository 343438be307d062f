// test-summary: totals, failures and the failing cases' names from JUnit XML files, as JSON for notifications.
import { main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs } from './shared/options.js';
import { writeFileAtomic } from './shared/atomic.js';
import { parseJunit, type FailingCase, type JunitSummary } from './reports/junit.js';
import { parseReportFile } from './reports/text.js';

export interface TestSummaryOptions {
  files: string[];
  summary?: string;
  /** Exit 1 when any case failed or errored (by default the Jenkins junit step decides, and this marks unstable). */
  failOnFailures: boolean;
  /** Accept reports with no test cases (otherwise a failure: an empty run is not a passing one). */
  allowEmpty: boolean;
}

/** How many failing cases the summary names (the counts cover all). */
const LISTED_FAILURES = 50;

export async function run(options: TestSummaryOptions): Promise<HelperResult> {
  const perFile: Array<{ file: string } & JunitSummary> = [];
  for (const file of options.files) perFile.push({ file, ...parseReportFile(file, 'JUnit report', parseJunit) });
  const total = (key: 'tests' | 'passed' | 'failures' | 'errors' | 'skipped' | 'suites'): number => perFile.reduce((n, s) => n + s[key], 0);
  const failing: FailingCase[] = perFile.flatMap((s) => s.failing);
  const summary = {
    schema: 'pipewright.test-summary/1',
    files: options.files,
    tests: total('tests'),
    passed: total('passed'),
    failures: total('failures'),
    errors: total('errors'),
    skipped: total('skipped'),
    suites: total('suites'),
    failingCount: failing.length,
    failing: failing.slice(0, LISTED_FAILURES),
    multipleResults: perFile.flatMap((s) => s.multipleResults),
    headerOnlySuites: perFile.flatMap((s) => s.headerOnly.map((n) => (perFile.length > 1 ? `${s.file}: ${n}` : n))),
    notes: perFile.flatMap((s) => s.notes.map((n) => (perFile.length > 1 ? `${s.file}: ${n}` : n))),
  };
  if (options.summary) writeFileAtomic(options.summary, `${JSON.stringify(summary, null, 2)}\n`);
  const counts = `${summary.tests} tests: ${summary.passed} passed, ${summary.failures} failed, ${summary.errors} errors, ${summary.skipped} skipped`;
  if (summary.tests === 0 && !options.allowEmpty) {
    return {
      ok: false,
      message: `no test cases in ${options.files.join(', ')}; an empty run does not pass (use --allow-empty to accept it)`,
      verdict: 'empty',
      ...summary,
    };
  }
  const broken = summary.failures + summary.errors;
  const names =
    failing
      .slice(0, 3)
      .map((f) => f.name)
      .join(', ') + (failing.length > 3 ? `, and ${failing.length - 3} more` : '');
  const message = broken ? `${counts}; failing: ${names}` : counts;
  return { ok: !(broken && options.failOnFailures), unstable: broken > 0, message, verdict: broken ? 'failures' : 'pass', ...summary };
}

export const options = {
  file: { type: 'string', valueName: 'FILE', multiple: true, required: true, description: 'a JUnit XML report' },
  summary: { type: 'string', valueName: 'FILE', description: 'write the summary JSON to FILE' },
  'fail-on-failures': { type: 'boolean', description: 'exit 1 when a case failed or errored (default: exit 0 with "unstable": true)' },
  'allow-empty': { type: 'boolean', description: 'accept reports with no test cases' },
} as const satisfies OptionSpecs;

export const spec: HelperSpec<typeof options> = {
  name: 'test-summary',
  summary: 'Summarise JUnit XML reports (totals, failures, errors, skipped, failing case names) as JSON for notifications.',
  options,
  examples: ['test-summary --file reports/junit.xml --summary test-summary.json'],
  run: (o) =>
    run({
      files: o.file,
      ...(o.summary !== undefined ? { summary: o.summary } : {}),
      failOnFailures: o['fail-on-failures'],
      allowEmpty: o['allow-empty'],
    }),
};

main(spec);
