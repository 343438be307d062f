// Corpus tier: the report gates on every real-world report in ../shared/corpus (counts worked out independently with
// python3 and jq, kept in test/fixtures/reports/expected.json). The default tier runs the same gates on hand-made samples.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run as coverage } from '../../src/helpers/gate-coverage.js';
import { run as trivy } from '../../src/helpers/gate-trivy.js';
import { run as junit } from '../../src/helpers/test-summary.js';
import { SEVERITIES, type Severity } from '../../src/helpers/reports/trivy.js';
import { COVERAGE_DIR, EXPECTED, JUNIT_DIR, TRIVY_DIR } from '../support/reports.js';

const quiet = (): void => {};
const trivyBase = {
  failOn: ['CRITICAL', 'HIGH'] as Severity[],
  warnOn: ['MEDIUM', 'LOW'] as Severity[],
  ignoreUnfixed: false,
  today: '2026-01-15',
  print: quiet,
};
const full = (partial: unknown): Record<Severity, number> =>
  Object.fromEntries(SEVERITIES.map((s) => [s, (partial as Record<string, number> | undefined)?.[s] ?? 0])) as Record<Severity, number>;
const junitOptions = { failOnFailures: false, allowEmpty: true };

test('every corpus coverage report has an expectation', () => {
  assert.equal(readdirSync(COVERAGE_DIR).sort(), Object.keys(EXPECTED.coverage).sort());
});

for (const [file, expected] of Object.entries(EXPECTED.coverage)) {
  test(`corpus coverage ${file}`, async () => {
    const path = join(COVERAGE_DIR, file);
    if (expected.refused) {
      await coverage({ file: path, format: 'auto', min: '80' }).then(
        () => assert.unreachable('an empty report must not pass'),
        (error: Error) => assert.match(error.message, expected.refused === 'empty' ? /the report is empty/ : /measures no lines/),
      );
      return;
    }
    const result = await coverage({ file: path, format: 'auto', min: '80' });
    const [covered, total] = expected.lines as [number, number];
    assert.is(result.format, expected.format);
    assert.is(result.linesCovered, covered);
    assert.is(result.linesTotal, total);
    assert.is(result.lineRate, covered / total);
    if (expected.branches) {
      const [bc, bt] = expected.branches as [number, number];
      assert.is(result.branchesCovered, bc);
      assert.is(result.branchesTotal, bt);
    } else assert.is(result.branchRate, undefined);
    assert.is(result.verdict, expected.verdict);
    assert.is(result.ok, expected.verdict === 'pass');
    assert.is((result.notes as string[]).length > 0, expected.headerDisagrees === true, String(result.notes));
    // The format flag given explicitly reads the same numbers.
    const explicit = await coverage({ file: path, format: expected.format as 'lcov' | 'cobertura', min: '80' });
    assert.is(explicit.linesCovered, covered);
  });
}

test('every corpus Trivy report has an expectation, and every expectation a report', () => {
  assert.equal(
    readdirSync(TRIVY_DIR)
      .filter((f) => f.endsWith('.json'))
      .sort(),
    Object.keys(EXPECTED.trivy).sort(),
  );
});

for (const [file, expected] of Object.entries(EXPECTED.trivy)) {
  test(`corpus trivy ${file}`, async () => {
    const path = join(TRIVY_DIR, file);
    if (expected.refused) {
      await trivy({ ...trivyBase, file: path }).then(
        () => assert.unreachable('a legacy report must be refused'),
        (error: Error) => assert.match(error.message, /legacy Trivy report \(a top-level JSON array/),
      );
      return;
    }
    const result = await trivy({ ...trivyBase, file: path });
    const counts = result.counts as Record<string, Record<Severity, number>>;
    for (const kind of ['vulnerability', 'secret', 'misconfiguration']) assert.equal(counts[kind], full(expected[kind]), `${kind} counts`);
    assert.is(result.verdict, expected.verdict);
    assert.is(result.ok, expected.verdict !== 'fail');
    assert.is(result.unstable, expected.verdict === 'warn');
    if (expected.format) assert.is(result.format, expected.format);
    const unfixed = await trivy({ ...trivyBase, ignoreUnfixed: true, file: path });
    assert.is(unfixed.ignoredUnfixed, expected.unfixed);
    assert.is(unfixed.verdict, expected.verdictIgnoreUnfixed);
  });
}

test('every corpus JUnit file has an expectation', () => {
  assert.equal(readdirSync(JUNIT_DIR).sort(), Object.keys(EXPECTED.junit).sort());
});

for (const [file, expected] of Object.entries(EXPECTED.junit)) {
  test(`corpus junit ${file}`, async () => {
    const path = join(JUNIT_DIR, file);
    if (expected.refused) {
      await junit({ ...junitOptions, files: [path] }).then(
        () => assert.unreachable('must be refused'),
        (error: Error) =>
          assert.match(
            error.message,
            expected.refused === 'malformed' ? /malformed XML at line 1[01], column \d+/ : /not JUnit XML: the root element is <suites>/,
          ),
      );
      return;
    }
    const result = await junit({ ...junitOptions, files: [path] });
    for (const key of ['tests', 'passed', 'failures', 'errors', 'skipped'] as const) assert.is(result[key], expected[key], key);
    const failing = (result.failing as Array<{ name: string }>).map((f) => f.name);
    if (expected.failing) {
      const names = expected.failing as string[];
      assert.is(failing.length, names.length);
      names.forEach((name, i) => assert.ok(failing[i]!.endsWith(name), `${failing[i]} ends with ${name}`));
    }
    if (expected.failingCount !== undefined) assert.is(result.failingCount, expected.failingCount);
    assert.is((result.notes as string[]).length > 0, expected.headerDisagrees === true, String(result.notes));
    assert.is(result.unstable, (expected.failures as number) + (expected.errors as number) > 0);
  });
}

test.run();
