// Reads JUnit XML (pytest, surefire, bazel, …): counts every <testcase> once by its outcome, a leaf suite without cases by its header, and checks each suite's header against what was counted.
import { ReportFormatError } from './format-error.js';
import { childrenNamed, parseXml, type XmlElement } from './xml.js';

export type Outcome = 'passed' | 'failed' | 'error' | 'skipped';

export interface FailingCase {
  name: string;
  outcome: 'failed' | 'error';
  /** First line of the failure or error message (or of its text when there is no message). */
  message: string;
  file?: string;
}

export interface TestTotals {
  tests: number;
  passed: number;
  failures: number;
  errors: number;
  skipped: number;
}

export interface JunitSummary extends TestTotals {
  suites: number;
  failing: FailingCase[];
  /** Cases holding more than one result element (e.g. a failure and a teardown error). */
  multipleResults: string[];
  /** Header counts that disagree with the body; the body is what counts. */
  notes: string[];
  /** Leaf suites without a single <testcase>, counted from their header's counts (never both). */
  headerOnly: string[];
}

export class JunitFormatError extends ReportFormatError {}

/** The outcome of one <testcase>: error before failure before skipped (a case counts once, by its worst result). */
export function caseOutcome(testcase: XmlElement): Outcome {
  const names = testcase.children.map((c) => c.name);
  if (names.includes('error')) return 'error';
  if (names.includes('failure')) return 'failed';
  // tst and some C++ runners mark disabled cases with a status attribute and no <skipped> element.
  if (names.includes('skipped') || ['disabled', 'skipped', 'notrun'].includes(testcase.attributes.status ?? '')) return 'skipped';
  return 'passed';
}

const zeroTotals = (): TestTotals => ({ tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0 });
const TOTAL_KEYS = ['tests', 'passed', 'failures', 'errors', 'skipped'] as const;

function addTotals(into: TestTotals, more: TestTotals): void {
  for (const key of TOTAL_KEYS) into[key] += more[key];
}

export function parseJunit(text: string): JunitSummary {
  const root = parseXml(text);
  if (root.name !== 'testsuites' && root.name !== 'testsuite') {
    throw new JunitFormatError(`not JUnit XML: the root element is <${root.name}>, expected <testsuites> or <testsuite>`);
  }
  const summary: JunitSummary = { ...zeroTotals(), suites: 0, failing: [], multipleResults: [], notes: [], headerOnly: [] };
  /** Counts a suite's subtree into the summary and returns that subtree's totals, for the suite's header check. */
  const visit = (suite: XmlElement, path: string[]): TestTotals => {
    if (suite.name === 'testsuite') summary.suites++;
    const suitePath = suite.name === 'testsuite' && suite.attributes.name ? [...path, suite.attributes.name] : path;
    const members = suite.children.filter((c) => c.name === 'testsuite' || c.name === 'testcase');
    // A leaf suite with no cases (a runner that wrote only the counts): its header is all there is to count.
    if (members.length === 0) return countHeaderOnly(summary, suite, suitePath);
    const counted = zeroTotals();
    for (const member of members) addTotals(counted, member.name === 'testsuite' ? visit(member, suitePath) : countCase(summary, member, suitePath));
    checkHeader(summary, suite, suitePath, counted);
    return counted;
  };
  visit(root, []);
  return summary;
}

function countCase(summary: JunitSummary, testcase: XmlElement, suitePath: string[]): TestTotals {
  const outcome = caseOutcome(testcase);
  const a = testcase.attributes;
  const name = a.classname ? `${a.classname}.${a.name ?? ''}` : [...suitePath, a.name ?? '(unnamed)'].join(' > ');
  const totals = { ...zeroTotals(), tests: 1, [outcome === 'failed' ? 'failures' : outcome === 'error' ? 'errors' : outcome]: 1 };
  addTotals(summary, totals);
  const results = testcase.children.filter((c) => c.name === 'failure' || c.name === 'error' || c.name === 'skipped');
  if (results.length > 1) summary.multipleResults.push(name);
  if (outcome === 'failed' || outcome === 'error') {
    const result = results.find((c) => c.name === (outcome === 'error' ? 'error' : 'failure'))!;
    summary.failing.push({ name, outcome, message: firstLine(result.attributes.message ?? result.text), ...(a.file ? { file: a.file } : {}) });
  }
  return totals;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0]!.trim();
  return line.length > 300 ? `${line.slice(0, 297)}...` : line;
}

/** A header count: absent is undefined; anything but a whole number is a format error (it would be counted). */
function headerCount(suite: XmlElement, attr: string, suitePath: string[]): number | undefined {
  const value = suite.attributes[attr];
  if (value === undefined) return undefined;
  if (!/^\s*\d+\s*$/.test(value)) throw new JunitFormatError(`${suiteLabel(suite, suitePath)} has ${attr}="${value}", not a whole number`);
  return Number(value);
}

function suiteLabel(suite: XmlElement, suitePath: string[]): string {
  return suitePath.length ? `suite "${suitePath.join(' > ')}"` : `<${suite.name}>`;
}

/** The header's counts; "disabled" counts as skipped, as in the body. Undefined when the suite has no counts at all. */
function headerTotals(suite: XmlElement, suitePath: string[]): { tests?: number; failures?: number; errors?: number; skipped?: number } | undefined {
  const [tests, failures, errors, skipped, disabled] = ['tests', 'failures', 'errors', 'skipped', 'disabled'].map((a) => headerCount(suite, a, suitePath));
  if ([tests, failures, errors, skipped, disabled].every((v) => v === undefined)) return undefined;
  return {
    ...(tests !== undefined ? { tests } : {}),
    ...(failures !== undefined ? { failures } : {}),
    ...(errors !== undefined ? { errors } : {}),
    ...(skipped !== undefined || disabled !== undefined ? { skipped: (skipped ?? 0) + (disabled ?? 0) } : {}),
  };
}

/** A leaf suite without cases counts what its header says: tests, failures, errors, skipped, and the rest as passed. */
function countHeaderOnly(summary: JunitSummary, suite: XmlElement, suitePath: string[]): TestTotals {
  const header = headerTotals(suite, suitePath);
  if (!header || (!header.tests && !header.failures && !header.errors && !header.skipped)) return zeroTotals();
  const failures = header.failures ?? 0;
  const errors = header.errors ?? 0;
  const skipped = header.skipped ?? 0;
  const tests = Math.max(header.tests ?? 0, failures + errors + skipped);
  const totals: TestTotals = { tests, passed: tests - failures - errors - skipped, failures, errors, skipped };
  addTotals(summary, totals);
  const label = suiteLabel(suite, suitePath);
  summary.headerOnly.push(suitePath.join(' > ') || `<${suite.name}>`);
  summary.notes.push(
    `${label} has no test cases; its header is counted (${tests} tests: ${totals.passed} passed, ${failures} failed, ${errors} errors, ${skipped} skipped)` +
      (header.tests !== undefined && header.tests < tests
        ? `; its tests="${header.tests}" is fewer than its failures, errors and skips, so ${tests} are counted`
        : ''),
  );
  if (failures + errors > 0) {
    summary.failing.push({
      name: suitePath.join(' > ') || `<${suite.name}>`,
      outcome: errors > 0 ? 'error' : 'failed',
      message: `${[failures ? `${failures} failed` : '', errors ? `${errors} errors` : ''].filter(Boolean).join(', ')} by the suite header; the report names no test case`,
    });
  }
  return totals;
}

/** A suite's (or a <testsuites> root's) own header counts against what was counted beneath it; the counted figures win. */
function checkHeader(summary: JunitSummary, suite: XmlElement, suitePath: string[], counted: TestTotals): void {
  const header = headerTotals(suite, suitePath);
  if (!header) return;
  const differing = (['tests', 'failures', 'errors', 'skipped'] as const).filter((k) => header[k] !== undefined && header[k] !== counted[k]);
  if (differing.length) {
    summary.notes.push(
      `the header counts of ${suiteLabel(suite, suitePath)} disagree with its test cases (${differing.map((k) => `${k}: header ${header[k]}, cases ${counted[k]}`).join('; ')}); the cases are counted`,
    );
  }
}
