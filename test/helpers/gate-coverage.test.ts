// gate-coverage on hand-made reports (the corpus ones run in test/corpus/), the exact-threshold rule, and malformed or empty input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAbove, run, spec } from '../../src/helpers/gate-coverage.js';
import { runHelper } from '../../src/helpers/shared/cli.js';
import { SAMPLES, tempDir } from '../support/reports.js';

test('the hand-made samples: lines and branches counted from the body, <methods> repeats not counted twice', async () => {
  for (const [file, format, lines, branches] of [
    ['cobertura-branches.xml', 'cobertura', [5, 6], [4, 9]],
    ['cobertura-no-branches.xml', 'cobertura', [3, 4], undefined],
    ['small.lcov', 'lcov', [2, 3], [1, 2]],
  ] as const) {
    const result = await run({ file: join(SAMPLES, file), format: 'auto', min: '80' });
    assert.is(result.format, format, file);
    assert.equal([result.linesCovered, result.linesTotal], lines, file);
    assert.equal(branches ? [result.branchesCovered, result.branchesTotal] : result.branchRate, branches ?? undefined, file);
    assert.equal(result.notes, [], `${file}: the header agrees with the body`);
  }
});

test('the threshold: above passes, exactly the minimum fails, compared exactly', () => {
  assert.is(isAbove({ covered: 4, total: 5 }, '80'), false, '80.0% exactly fails');
  assert.is(isAbove({ covered: 800001, total: 1000000 }, '80'), true, '80.0001% passes');
  assert.is(isAbove({ covered: 79999, total: 100000 }, '80'), false);
  // 2/3 = 66.666…%: a rounded 66.67 would wrongly fail a 66.67 check the other way round.
  assert.is(isAbove({ covered: 2, total: 3 }, '66.666'), true);
  assert.is(isAbove({ covered: 2, total: 3 }, '66.667'), false);
  assert.is(isAbove({ covered: 1, total: 1 }, '100'), false, 'nothing is above 100%');
  assert.is(isAbove({ covered: 0, total: 1 }, '0'), false);
});

test('a report at exactly 80.0% fails and says so; the same with one more covered line passes', async () => {
  const dir = tempDir('coverage');
  const lcov = (hit: number, miss: number): string =>
    `SF:a.py\n${Array.from({ length: hit + miss }, (_, i) => `DA:${i + 1},${i < hit ? 1 : 0}`).join('\n')}\nend_of_record\n`;
  writeFileSync(join(dir, 'eighty.info'), lcov(8, 2));
  const eighty = await run({ file: join(dir, 'eighty.info'), format: 'auto', min: '80' });
  assert.is(eighty.ok, false);
  assert.match(String(eighty.message), /line coverage 80\.00% \(8\/10\) is not above the minimum 80%/);
  writeFileSync(join(dir, 'just-below.info'), lcov(79999, 20001));
  const below = await run({ file: join(dir, 'just-below.info'), format: 'auto', min: '80' });
  assert.match(String(below.message), /79\.999000% \(79999\/100000\)/, 'two decimals would print 80.00% for a failing value');
  writeFileSync(join(dir, 'above.info'), lcov(9, 2));
  assert.is((await run({ file: join(dir, 'above.info'), format: 'auto', min: '80' })).ok, true);
});

test('--min-branch gates branch coverage too, and fails when the report has none', async () => {
  const conditions = join(SAMPLES, 'cobertura-branches.xml');
  const result = await run({ file: conditions, format: 'auto', min: '80', minBranch: '40' });
  assert.is(result.ok, true, '4/9 = 44.4% is above 40');
  assert.is((await run({ file: conditions, format: 'auto', min: '80', minBranch: '50' })).ok, false);
  const noBranches = await run({ file: join(SAMPLES, 'cobertura-no-branches.xml'), format: 'auto', min: '80', minBranch: '50' });
  assert.match(String(noBranches.message), /no branch data/);
});

test('JaCoCo XML: the report-level LINE and BRANCH counters', async () => {
  const dir = tempDir('coverage');
  writeFileSync(
    join(dir, 'jacoco.xml'),
    '<?xml version="1.0"?><!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" "report.dtd"><report name="app"><package name="a"><sourcefile name="A.java"><counter type="LINE" missed="1" covered="1"/></sourcefile><counter type="LINE" missed="1" covered="1"/></package><counter type="INSTRUCTION" missed="5" covered="50"/><counter type="BRANCH" missed="3" covered="1"/><counter type="LINE" missed="10" covered="90"/></report>',
  );
  const result = await run({ file: join(dir, 'jacoco.xml'), format: 'auto', min: '80' });
  assert.is(result.format, 'jacoco');
  assert.equal([result.linesCovered, result.linesTotal, result.branchesCovered, result.branchesTotal], [90, 100, 1, 4]);
  assert.is(result.ok, true);
});

for (const [name, text, format, message] of [
  ['truncated Cobertura', readFileSync(join(SAMPLES, 'cobertura-branches.xml'), 'utf8').slice(0, 700), 'auto', /malformed XML/],
  ['whitespace only', ' \n\n', 'auto', /the report is empty/],
  ['a JUnit file given as Cobertura', '<testsuites><testsuite/></testsuites>', 'cobertura', /root element is <testsuites>, expected <coverage>/],
  ['plain text', 'hello\n', 'auto', /neither XML/],
  ['lcov cut before end_of_record', 'SF:a.py\nDA:1,1\n', 'auto', /no end_of_record/],
  ['lcov with a broken DA', 'SF:a.py\nDA:x,1\nend_of_record\n', 'lcov', /malformed DA/],
  ['lcov data outside a record', 'DA:1,1\n', 'lcov', /outside a record/],
] as const) {
  test(`malformed input fails clearly (exit 1): ${name}`, async () => {
    const dir = tempDir('coverage');
    writeFileSync(join(dir, 'report'), text);
    const outcome = await runHelper(spec, ['--file', join(dir, 'report'), '--format', format, '--result', join(dir, 'result.json')]);
    assert.is(outcome.exitCode, 1);
    const result = JSON.parse(readFileSync(join(dir, 'result.json'), 'utf8'));
    assert.is(result.ok, false);
    assert.match(result.message, message);
  });
}

test('usage errors exit 2', async () => {
  const file = join(SAMPLES, 'small.lcov');
  assert.is((await runHelper(spec, ['--file', file, '--min', 'eighty'])).exitCode, 2);
  assert.is((await runHelper(spec, ['--file', file, '--min', '101'])).exitCode, 2);
  assert.is((await runHelper(spec, ['--file', file, '--format', 'clover'])).exitCode, 2);
  assert.is((await runHelper(spec, [])).exitCode, 2);
});

test('--summary writes the figures record-metrics reads', async () => {
  const dir = tempDir('coverage');
  const outcome = await runHelper(spec, ['--file', join(SAMPLES, 'cobertura-branches.xml'), '--summary', join(dir, 's.json')]);
  assert.is(outcome.exitCode, 0);
  const summary = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'));
  assert.equal([summary.schema, summary.lineRate, summary.branchRate], ['pipewright.coverage-summary/1', 5 / 6, 4 / 9]);
});

test.run();
