// Issue #18's size check: gen's static estimate of a pipeline block's bytecode is calibrated against real Groovy 2.4, and gen refuses a config over the budget.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../support/cli.js';
import { removeDir, tempDir } from '../support/git-repo.js';
import { estimateSize, SIZE_BUDGET_BYTES } from '../../src/gen/size.js';
import { generateBeside, loadModel } from './support.js';
import { measureBytecode, sizeCases } from './size/support.js';

const OVERSIZED = join(ROOT, 'test', 'fixtures', 'size', 'oversized', 'pipeline.yaml');
// The fleet's configs vary by index (language, agent kind, 0 to 3 environments): 36 cover every combination.
const cases = sizeCases(36);
const oversizedText = generateBeside(loadModel(OVERSIZED));
const measured = measureBytecode([...cases.map((c) => c.text), oversizedText]);

test('every example, golden and fleet Jenkinsfile compiles under Groovy 2.4, and the estimate is never below the measured bytecode nor 1.5 times above it', () => {
  assert.ok(cases.length >= 50, `${cases.length} cases`);
  const problems: string[] = [];
  cases.forEach((c, i) => {
    const m = measured[i]!;
    if (!m.ok) return void problems.push(`${c.name}: does not compile: ${m.error}`);
    const estimate = estimateSize(c.text).bytes;
    if (estimate < m.bytes) problems.push(`${c.name}: estimated ${estimate} B, below the measured ${m.bytes} B`);
    if (estimate > 1.5 * m.bytes) problems.push(`${c.name}: estimated ${estimate} B, over 1.5 x the measured ${m.bytes} B`);
  });
  assert.equal(problems, []);
});

test('every example, golden and fleet Jenkinsfile is within the budget, measured and estimated', () => {
  const over = cases.filter((c, i) => measured[i]!.bytes > SIZE_BUDGET_BYTES || estimateSize(c.text).bytes > SIZE_BUDGET_BYTES).map((c) => c.name);
  assert.equal(over, []);
});

test('the oversized fixture is over the budget by real groovyc too, and the estimate holds there', () => {
  const m = measured[cases.length]!;
  assert.ok(m.ok, m.error);
  assert.ok(m.bytes > SIZE_BUDGET_BYTES, `measured ${m.bytes} B`);
  const estimate = estimateSize(oversizedText).bytes;
  assert.ok(estimate >= m.bytes && estimate <= 1.5 * m.bytes, `estimated ${estimate} B, measured ${m.bytes} B`);
});

test('gen refuses the oversized config: exit 1, how big, the budget, what to cut, and nothing written (other configs of the run included)', () => {
  const dir = tempDir('pw-size-');
  try {
    mkdirSync(join(dir, 'big'));
    mkdirSync(join(dir, 'small'));
    copyFileSync(OVERSIZED, join(dir, 'big', 'pipeline.yaml'));
    copyFileSync(join(ROOT, 'test', 'fixtures', 'gen', 'minimal', 'pipeline.yaml'), join(dir, 'small', 'pipeline.yaml'));
    const r = runCli(['gen', dir]);
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, /big\/pipeline\.yaml: the pipeline block would compile to about \d+\.\d KB of bytecode, over the 32\.0 KB budget/);
    assert.match(r.stderr, /cut environments \(30\) or custom stages \(30\)/);
    assert.match(r.stderr, /nothing was generated/);
    assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
    assert.not.ok(existsSync(join(dir, 'big', 'Jenkinsfile')));
    assert.not.ok(existsSync(join(dir, 'small', 'Jenkinsfile')), 'the small config of the same run is not written either');
    // --stdout prints nothing of it.
    const printed = runCli(['gen', join(dir, 'big', 'pipeline.yaml'), '--stdout']);
    assert.is(printed.code, 1);
    assert.is(printed.stdout, '');
    // The small config alone still generates.
    assert.is(runCli(['gen', join(dir, 'small', 'pipeline.yaml')]).code, 0);
  } finally {
    removeDir(dir);
  }
});

test.run();
