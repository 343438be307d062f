// gen's quick size verdict: the one-pass bound (sizeBound) is never below the estimate, so it never lets through a Jenkinsfile the estimate refuses.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { estimateSize, SIZE_BUDGET_BYTES, sizeBound, sizeProblem } from '../../src/gen/size.js';
import { generateBeside, goldenCases, loadModel } from './support.js';
import { writeFleet } from '../../scripts/bench/fleet.mjs';
import { ROOT } from '../support/cli.js';

const facts = { environments: 1, customStages: 0 };

test('every example, golden and fleet Jenkinsfile bounds at or above its estimate, and inside the budget', () => {
  const texts = goldenCases().map((c) => ({ name: c.name, text: generateBeside(loadModel(c.config)) }));
  const dir = mkdtempSync(join(tmpdir(), 'pw-size-bound-'));
  try {
    for (const [i, config] of writeFleet(dir, 24).entries()) texts.push({ name: `fleet ${i}`, text: generateBeside(loadModel(config)) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  assert.ok(texts.length >= 35, `${texts.length} texts`);
  for (const { name, text } of texts) {
    const bound = sizeBound(text);
    assert.ok(bound >= estimateSize(text).bytes, `${name}: bound ${bound} below the estimate ${estimateSize(text).bytes}`);
    // The quick path is taken for what gen writes today (else it would save nothing).
    assert.ok(bound <= SIZE_BUDGET_BYTES, `${name}: bound ${bound} over the budget`);
  }
});

test('the oversized fixture is refused through the exact estimate, with its size in the message', () => {
  const text = generateBeside(loadModel(join(ROOT, 'test', 'fixtures', 'size', 'oversized', 'pipeline.yaml')));
  assert.ok(sizeBound(text) > SIZE_BUDGET_BYTES);
  assert.match(sizeProblem(text, facts) ?? '', `about ${(estimateSize(text).bytes / 1024).toFixed(1)} KB of bytecode`);
});

test('tricky and random text bounds at or above its estimate: literals across lines, escapes, comments holding quotes, booleans inside words', () => {
  const texts = [
    "foo1 bar2( x:1 // it's '''a\nb''' {\n} 'c' [ ]",
    "'''unterminated\\\n' beforeAgent true\nxtrue abc1def false\n",
    "a 'b\\'c' d\\\ne '' ''' ''' '''x\\'''y''' z:{",
    "truetrue falsefalse true:true false( x9y8z7 'a'b'c'",
    'when true\nbeforeAgent false',
    '',
  ];
  const pieces = ["'", "'''", '\\', '\n', '/', '//', '{', '[', '(', ':', ' ', '\u00a0', 'true', 'false', 'a', '_', '7', 'x1'];
  // A fixed seed (a linear congruential generator), so a failure names a text that reproduces.
  let seed = 20;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 3000; round++) {
    let text = '';
    const length = 1 + next(60);
    for (let k = 0; k < length; k++) text += pieces[next(pieces.length)];
    texts.push(text);
  }
  for (const text of texts) assert.ok(sizeBound(text) >= estimateSize(text).bytes, JSON.stringify(text));
});

test.run();
