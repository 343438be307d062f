// test-summary and gate-coverage on the shapes real-world reports showed (header-only JUnit suites, repeated coverage lines), against answers written by hand beside each fixture.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { runHelper } from '../../src/helpers/shared/cli.js';
import { run as testSummary, spec as testSummarySpec } from '../../src/helpers/test-summary.js';
import { run as gateCoverage } from '../../src/helpers/gate-coverage.js';

const FIXTURES = join(ROOT, 'test/fixtures/helpers');
const JUNIT = join(FIXTURES, 'junit');
const COVERAGE = join(FIXTURES, 'coverage');
const expected = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file.replace(/\.(xml|info)$/, '.expected.json'), 'utf8'));
const defaults = { failOnFailures: false, allowEmpty: false };

for (const name of readdirSync(JUNIT).filter((f) => f.endsWith('.xml'))) {
  test(`junit ${name}: the hand-worked counts`, async () => {
    const file = join(JUNIT, name);
    const want = expected(file);
    if (want.refused) {
      await testSummary({ ...defaults, files: [file] }).then(
        () => assert.unreachable('must be refused'),
        (error: Error) => assert.match(error.message, want.refused as string),
      );
      return;
    }
    const result = await testSummary({ ...defaults, files: [file] });
    for (const key of ['tests', 'passed', 'failures', 'errors', 'skipped', 'suites', 'headerOnlySuites'] as const) assert.equal(result[key], want[key], key);
    const notes = result.notes as string[];
    const disagreeing = notes.filter((n) => n.includes('disagree'));
    assert.is(disagreeing.length, (want.disagreeing as string[]).length, notes.join('\n'));
    (want.disagreeing as string[]).forEach((suite, i) => assert.ok(disagreeing[i]!.includes(suite), disagreeing[i]));
    // A header-only suite is named in the notes, so a reader knows those figures came from a header.
    for (const suite of want.headerOnlySuites as string[])
      assert.ok(
        notes.some((n) => n.includes(`"${suite}" has no test cases`)),
        notes.join('\n'),
      );
  });
}

test('junit: a header-only suite with a failure fails the run in every mode, alone and beside a passing report', async () => {
  const headerOnly = join(JUNIT, 'header-only.xml');
  const passing = join(JUNIT, 'passing.xml');
  const exit = async (args: string[]): Promise<number> => (await runHelper(testSummarySpec, args)).exitCode;
  // Alone: not an empty run (it has 6 tests), and the failure counts.
  assert.is(await exit(['--file', headerOnly]), 0, 'a failure without --fail-on-failures is unstable, exit 0');
  assert.is(await exit(['--file', headerOnly, '--fail-on-failures']), 1);
  assert.is(await exit(['--file', headerOnly, '--allow-empty', '--fail-on-failures']), 1, '--allow-empty must not hide the failure');
  // Beside a passing report the failure is kept: 6 + 4 tests, 3 + 4 passed.
  const both = await testSummary({ ...defaults, failOnFailures: true, files: [headerOnly, passing] });
  assert.equal([both.tests, both.passed, both.failures, both.errors, both.skipped], [10, 7, 1, 0, 2]);
  assert.is(both.ok, false);
  assert.is(both.unstable, true);
  assert.is(await exit(['--file', passing, '--file', headerOnly, '--fail-on-failures']), 1);
  assert.is(await exit(['--file', passing, '--file', headerOnly, '--allow-empty', '--fail-on-failures']), 1);
  assert.equal(both.headerOnlySuites, [`${headerOnly}: com.acme.orders.HeaderOnlyTest`]);
  // The failing list names the suite, since no case can be named.
  assert.equal(
    (both.failing as Array<{ name: string; outcome: string }>).map((f) => [f.name, f.outcome]),
    [['com.acme.orders.HeaderOnlyTest', 'failed']],
  );
  assert.match(String(both.message), /^10 tests: 7 passed, 1 failed, 0 errors, 2 skipped; failing: com\.acme\.orders\.HeaderOnlyTest$/);
});

test('junit: an empty leaf still fails as an empty run unless --allow-empty', async () => {
  const result = await runHelper(testSummarySpec, ['--file', join(JUNIT, 'passing.xml')]);
  assert.is(result.exitCode, 0);
  const empty = await testSummary({ ...defaults, files: [join(JUNIT, 'header-only-root.xml')] });
  assert.is(empty.verdict, 'failures', 'a header-only root with an error is a run with an error, not an empty run');
});

for (const name of readdirSync(COVERAGE).filter((f) => /\.(xml|info)$/.test(f))) {
  test(`coverage ${name}: a repeated line is covered when any occurrence is`, async () => {
    const file = join(COVERAGE, name);
    const want = expected(file);
    const result = await gateCoverage({ file, format: 'auto', min: '0' });
    for (const key of ['linesCovered', 'linesTotal', 'branchesCovered', 'branchesTotal', 'files'] as const) assert.is(result[key], want[key], key);
    assert.is((result.notes as string[]).length > 0, want.headerDisagrees, String(result.notes));
    for (const [min, passes] of Object.entries(want.passes as Record<string, boolean>)) {
      assert.is((await gateCoverage({ file, format: 'auto', min })).ok, passes, `--min ${min}`);
    }
  });
}

test('gate-coverage: without --min-branch the message does not read as if branches passed a threshold', async () => {
  const file = join(COVERAGE, 'lcov-repeated-lines.info');
  const result = await gateCoverage({ file, format: 'auto', min: '79.99' });
  assert.is(result.message, expected(file)['messageAt79.99']);
  const gated = await gateCoverage({ file, format: 'auto', min: '79.99', minBranch: '40' });
  assert.is(gated.message, 'coverage gate passed: lines 80.00% (4/5) above 79.99%, branches 50.00% (1/2) above 40%');
  const failed = await gateCoverage({ file, format: 'auto', min: '79.99', minBranch: '50' });
  assert.is(failed.message, 'coverage gate failed: branch coverage 50.00% (1/2) is not above the minimum 50%');
});

test.run();
