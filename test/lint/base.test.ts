// The clean base config every rule test patches: no rule may fire on it, or invalid cases would prove nothing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lintPatch } from '../support/lint.js';

test('the base config lints clean', () => {
  assert.equal(
    lintPatch({}).map((d) => `${d.ruleId}: ${d.message}`),
    [],
  );
});

test.run();
