// Runs each rule page's examples: the bad one yields the rule (golden: its whole output is pinned), the good one does not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { rules } from '../../src/lint/rules/index.js';
import { ROOT } from '../support/cli.js';
import { ruleExamples } from '../support/docs.js';
import { lintText } from '../support/lint.js';

const golden = (id: string) => join(ROOT, 'test/fixtures/lint/rules', `${id}.expected.txt`);

for (const { id } of rules) {
  const { bad = '', good = '' } = ruleExamples(id);

  test(`${id}: the bad example yields the rule, as the golden file says`, () => {
    const { diagnostics, loaded } = lintText(bad, `docs/rules/${id}.md`);
    assert.ok(loaded, `${id}: the bad example loads: ${diagnostics.map((d) => d.message).join('; ')}`);
    assert.ok(diagnostics.some((d) => d.ruleId === id), `${id}: the bad example yields the rule`);
    const actual = diagnostics.map((d) => `${d.line}:${d.column}: ${d.severity} ${d.message} [${d.ruleId}]`).join('\n') + '\n';
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(dirname(golden(id)), { recursive: true });
      writeFileSync(golden(id), actual);
    }
    assert.ok(existsSync(golden(id)), `no golden file; run with UPDATE_GOLDEN=1 and read it`);
    assert.fixture(actual, readFileSync(golden(id), 'utf8'));
  });

  test(`${id}: the good example loads and does not yield the rule`, () => {
    const { diagnostics, loaded } = lintText(good, `docs/rules/${id}.md`);
    assert.ok(loaded, `${id}: the good example loads: ${diagnostics.map((d) => d.message).join('; ')}`);
    assert.equal(diagnostics.filter((d) => d.ruleId === id).map((d) => d.message), []);
  });
}

test.run();
