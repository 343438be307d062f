// Reads JUnit XML (pytest, surefire, bazel, …): counts every <testcase> once by its outcome, checks the header counts against the body.
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

export function parseJunit(text: string): JunitSummary {
  const root = parseXml(text);
  if (root.name !== 'testsuites' && root.name !== 'testsuite') {
    throw new JunitFormatError(`not JUnit XML: the root element is <${root.name}>, expected <testsuites> or <testsuite>`);
  }
  const summary: JunitSummary = { tests: 0, passed: 0, failures: 0, errors: 0, skipped: 0, suites: 0, failing: [], multipleResults: [], notes: [] };
  const visit = (suite: XmlElement, path: string[]): void => {
    summary.suites++;
    const suitePath = suite.attributes.name ? [...path, suite.attributes.name] : path;
    for (const child of suite.children) {
      if (child.name === 'testsuite') visit(child, suitePath);
      else if (child.name === 'testcase') countCase(summary, child, suitePath);
    }
  };
  if (root.name === 'testsuite') visit(root, []);
  else for (const suite of childrenNamed(root, 'testsuite')) visit(suite, []);
  checkHeader(summary, root);
  return summary;
}

function countCase(summary: JunitSummary, testcase: XmlElement, suitePath: string[]): void {
  const outcome = caseOutcome(testcase);
  const a = testcase.attributes;
  const name = a.classname ? `${a.classname}.${a.name ?? ''}` : [...suitePath, a.name ?? '(unnamed)'].join(' > ');
  summary.tests++;
  if (outcome === 'passed') summary.passed++;
  else if (outcome === 'skipped') summary.skipped++;
  else if (outcome === 'failed') summary.failures++;
  else summary.errors++;
  const results = testcase.children.filter((c) => c.name === 'failure' || c.name === 'error' || c.name === 'skipped');
  if (results.length > 1) summary.multipleResults.push(name);
  if (outcome === 'failed' || outcome === 'error') {
    const result = results.find((c) => c.name === (outcome === 'error' ? 'error' : 'failure'))!;
    const message = (result.attributes.message ?? result.text).trim().split('\n')[0]!.trim();
    summary.failing.push({ name, outcome, message: message.length > 300 ? `${message.slice(0, 297)}...` : message, ...(a.file ? { file: a.file } : {}) });
  }
}

/**
 * The header is the root's own counts (a <testsuite> root, or a <testsuites> root that has them),
 * else the sum over the top-level suites. "disabled" counts as skipped, as in the body.
 */
function checkHeader(summary: JunitSummary, root: XmlElement): void {
  const holders = root.name === 'testsuite' || root.attributes.tests !== undefined ? [root] : childrenNamed(root, 'testsuite');
  const sum = (attr: string): number | undefined => {
    const values = holders.map((h) => h.attributes[attr]).filter((v): v is string => v !== undefined);
    return values.length ? values.reduce((n, v) => n + (Number(v) || 0), 0) : undefined;
  };
  const header: Array<[string, number | undefined, number]> = [
    ['tests', sum('tests'), summary.tests],
    ['failures', sum('failures'), summary.failures],
    ['errors', sum('errors'), summary.errors],
  ];
  const skipped = sum('skipped');
  const disabled = sum('disabled');
  if (skipped !== undefined || disabled !== undefined) header.push(['skipped', (skipped ?? 0) + (disabled ?? 0), summary.skipped]);
  const differing = header.filter(([, said, counted]) => said !== undefined && said !== counted);
  if (differing.length) {
    summary.notes.push(
      `the header counts disagree with the test cases (${differing.map(([what, said, counted]) => `${what}: header ${said}, cases ${counted}`).join('; ')}); the cases are counted`,
    );
  }
}
