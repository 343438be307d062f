// Runs each rule page's examples: the bad one yields the rule (golden: its whole output is pinned), the good one does not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { rules } from '../../src/lint/rules/index.js';
import { ROOT } from '../support/cli.js';
import { ruleExamples, ruleFiles } from '../support/docs.js';
import { lintInRepository, lintText } from '../support/lint.js';

const golden = (id: string) => join(ROOT, 'test/fixtures/lint/rules', `${id}.expected.txt`);

for (const { id } of rules) {
  const { bad = '', good = '' } = ruleExamples(id);
  // A rule that reads the repository runs over its page's files (the manifests), as lint's CLI would.
  const repository = rules.find((r) => r.id === id)!.repository;
  const run = (text: string, heading: 'Bad' | 'Good') => (repository ? lintInRepository(text, ruleFiles(id, heading)) : lintText(text, `docs/rules/${id}.md`));

  test(`${id}: the bad example yields the rule, as the golden file says`, () => {
    const { diagnostics, loaded } = run(bad, 'Bad');
    assert.ok(loaded, `${id}: the bad example loads: ${diagnostics.map((d) => d.message).join('; ')}`);
    assert.ok(
      diagnostics.some((d) => d.ruleId === id),
      `${id}: the bad example yields the rule`,
    );
    // Findings in another file than the config (a manifest) name it.
    const where = (file: string) => (repository && file !== 'pipeline.yaml' ? `${file}:` : '');
    const actual = diagnostics.map((d) => `${where(d.file)}${d.line}:${d.column}: ${d.severity} ${d.message} [${d.ruleId}]`).join('\n') + '\n';
    if (process.env.UPDATE_GOLDEN) {
      mkdirSync(dirname(golden(id)), { recursive: true });
      writeFileSync(golden(id), actual);
    }
    assert.ok(existsSync(golden(id)), `no golden file; run with UPDATE_GOLDEN=1 and read it`);
    assert.fixture(actual, readFileSync(golden(id), 'utf8'));
  });

  test(`${id}: the good example loads and does not yield the rule`, () => {
    const { diagnostics, loaded } = run(good, 'Good');
    assert.ok(loaded, `${id}: the good example loads: ${diagnostics.map((d) => d.message).join('; ')}`);
    assert.equal(
      diagnostics.filter((d) => d.ruleId === id).map((d) => d.message),
      [],
    );
  });
}

test.run();
