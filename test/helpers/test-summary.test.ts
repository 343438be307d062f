// test-summary on hand-made JUnit files (the corpus ones run in test/corpus/), header mismatches, several results in one case, and malformed XML.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, spec } from '../../src/helpers/test-summary.js';
import { runHelper } from '../../src/helpers/shared/cli.js';
import { SAMPLES, tempDir } from '../support/reports.js';

const options = { failOnFailures: false, allowEmpty: true };

test('a header that disagrees with the body is named, and the body counted', async () => {
  const result = await run({ ...options, files: [join(SAMPLES, 'junit-header-disagrees.xml')] });
  assert.equal(result.notes, [
    'the header counts of suite "pytest" disagree with its test cases (tests: header 3, cases 5; failures: header 0, cases 1; errors: header 0, cases 1; skipped: header 0, cases 1); the cases are counted',
  ]);
  assert.equal([result.tests, result.passed, result.failures, result.errors, result.skipped], [5, 2, 1, 1, 1]);
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
  const result = await run({ ...options, files: [join(SAMPLES, 'junit-entities.xml'), join(SAMPLES, 'junit-header-disagrees.xml')] });
  assert.equal([result.tests, result.failures, result.errors, result.skipped], [7, 2, 1, 1]);
  assert.ok((result.failing as Array<{ message: string }>).some((f) => f.message === "A message with 'apostrophes'"));
});

test('the failure message is its first line; a message attribute with &#10; breaks there', async () => {
  const result = await run({ ...options, files: [join(SAMPLES, 'junit-header-disagrees.xml')] });
  assert.is((result.failing as Array<{ message: string }>)[0]!.message, 'AssertionError: assert 41 == 42');
});

test('exit codes: failures exit 0 unstable by default, 1 with --fail-on-failures; no cases fail unless --allow-empty', async () => {
  const dir = tempDir('junit');
  const fail = join(SAMPLES, 'junit-header-disagrees.xml');
  assert.is((await runHelper(spec, ['--file', fail, '--result', join(dir, 'r.json')])).exitCode, 0);
  assert.is(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).unstable, true);
  assert.is((await runHelper(spec, ['--file', fail, '--fail-on-failures'])).exitCode, 1);
  const empty = join(SAMPLES, 'junit-no-cases.xml');
  assert.is((await runHelper(spec, ['--file', empty])).exitCode, 1);
  assert.is((await runHelper(spec, ['--file', empty, '--allow-empty'])).exitCode, 0);
  assert.is((await runHelper(spec, ['--file', join(SAMPLES, 'junit-unclosed-skipped.xml')])).exitCode, 1);
  assert.is((await runHelper(spec, ['--file', '/no/such.xml'])).exitCode, 1);
  assert.is((await runHelper(spec, [])).exitCode, 2);
});

test('--summary writes the JSON notifications read', async () => {
  const dir = tempDir('junit');
  await runHelper(spec, ['--file', join(SAMPLES, 'junit-header-disagrees.xml'), '--summary', join(dir, 's.json')]);
  const summary = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'));
  assert.is(summary.schema, 'pipewright.test-summary/1');
  assert.equal(
    summary.failing.map((f: { name: string }) => f.name),
    ['tests.test_orders.test_total', 'tests.test_orders.test_db'],
  );
});

test.run();
