// test-summary on every JUnit file in the corpus (counts worked out with python3), header mismatches, several results in one case, and malformed XML.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, spec } from '../../src/helpers/test-summary.js';
import { runHelper } from '../../src/helpers/shared/cli.js';
import { EXPECTED, JUNIT_DIR, tempDir } from '../support/reports.js';

const options = { failOnFailures: false, allowEmpty: true };

test('every corpus file has an expectation', () => {
  assert.equal(readdirSync(JUNIT_DIR).sort(), Object.keys(EXPECTED.junit).sort());
});

for (const [file, expected] of Object.entries(EXPECTED.junit)) {
  test(`corpus ${file}`, async () => {
    const path = join(JUNIT_DIR, file);
    if (expected.refused) {
      await run({ ...options, files: [path] }).then(
        () => assert.unreachable('must be refused'),
        (error: Error) => assert.match(error.message, expected.refused === 'malformed' ? /malformed XML at line 1[01], column \d+/ : /not JUnit XML: the root element is <suites>/),
      );
      return;
    }
    const result = await run({ ...options, files: [path] });
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

test('a header that disagrees with the body is named, and the body counted', async () => {
  const result = await run({ ...options, files: [join(JUNIT_DIR, 'pytest-coverage-comment_pytest_2.xml')] });
  assert.equal(result.notes, ['the header counts of suite "pytest" disagree with its test cases (tests: header 15, cases 109; failures: header 0, cases 1; skipped: header 0, cases 2); the cases are counted']);
});

test('several results in one case count once, error first, and are listed', async () => {
  const dir = tempDir('junit');
  writeFileSync(
    join(dir, 'j.xml'),
    '<testsuite name="s" tests="2"><testcase classname="m" name="t1"><failure message="assert 1 == 2"/><error message="teardown failed"/></testcase><testcase classname="m" name="t2"><skipped/><skipped/></testcase></testsuite>',
  );
  const result = await run({ ...options, files: [join(dir, 'j.xml')] });
  assert.equal([result.tests, result.failures, result.errors, result.skipped], [2, 0, 1, 1]);
  assert.equal(result.multipleResults, ['m.t1', 'm.t2']);
  assert.equal(result.failing, [{ name: 'm.t1', outcome: 'error', message: 'teardown failed' }]);
});

test('several files add up; names come from entity-decoded attributes', async () => {
  const result = await run({ ...options, files: [join(JUNIT_DIR, 'eurt_with-xml-entities.xml'), join(JUNIT_DIR, 'eurt_minimal-attributes.xml')] });
  assert.equal([result.tests, result.failures, result.errors, result.skipped], [8, 2, 2, 3]);
  assert.ok((result.failing as Array<{ message: string }>).some((f) => f.message === "A message with 'apostrophes'"));
});

test('the failure message is its first line; a message attribute with &#10; breaks there', async () => {
  const result = await run({ ...options, files: [join(JUNIT_DIR, 'pytest-coverage-comment_pytest_1.xml')] });
  assert.match((result.failing as Array<{ message: string }>)[0]!.message, /^AssertionError: assert \{'Baz'.*'TDD'\}\}$/);
});

test('exit codes: failures exit 0 unstable by default, 1 with --fail-on-failures; no cases fail unless --allow-empty', async () => {
  const dir = tempDir('junit');
  const fail = join(JUNIT_DIR, 'eurt_pytest_junit.fail.xml');
  assert.is((await runHelper(spec, ['--file', fail, '--result', join(dir, 'r.json')])).exitCode, 0);
  assert.is(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).unstable, true);
  assert.is((await runHelper(spec, ['--file', fail, '--fail-on-failures'])).exitCode, 1);
  const empty = join(JUNIT_DIR, 'eurt_no-cases.xml');
  assert.is((await runHelper(spec, ['--file', empty])).exitCode, 1);
  assert.is((await runHelper(spec, ['--file', empty, '--allow-empty'])).exitCode, 0);
  assert.is((await runHelper(spec, ['--file', join(JUNIT_DIR, 'eurt_pytest_corrupt-xml.xml')])).exitCode, 1);
  assert.is((await runHelper(spec, ['--file', '/no/such.xml'])).exitCode, 1);
  assert.is((await runHelper(spec, [])).exitCode, 2);
});

test('--summary writes the JSON notifications read', async () => {
  const dir = tempDir('junit');
  await runHelper(spec, ['--file', join(JUNIT_DIR, 'test-reporter_python-xunit-pytest.xml'), '--summary', join(dir, 's.json')]);
  const summary = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'));
  assert.is(summary.schema, 'pipewright.test-summary/1');
  assert.equal(summary.failing.map((f: { name: string }) => f.name), ['tests.test_lib.test_always_fail', 'tests.test_lib.test_error']);
});

test.run();
