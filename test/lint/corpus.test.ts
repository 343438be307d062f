// Ports (our own pipeline.yaml files) of real Jenkinsfiles that build images or deploy: the linter raises what a reviewer
// wrote down. That each port's original is in ../shared/corpus is checked by the corpus tier (test/corpus/lint-jenkinsfiles.test.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintFile } from '../../src/lint/runner.js';
import { ROOT } from '../support/cli.js';
import { TODAY } from '../support/lint.js';

const FIXTURES = join(ROOT, 'test/fixtures/lint/corpus');
const cases = readdirSync(FIXTURES).sort();

for (const name of cases) {
  test(`${name}: the findings are the reviewer's`, () => {
    const file = join(FIXTURES, name, 'pipeline.yaml');
    const result = lintFile(file, undefined, { today: TODAY });
    assert.ok(result.model, result.diagnostics.map((d) => d.message).join('; '));
    const actual = result.diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} [${d.ruleId}] ${d.path.join('.')}`).sort();
    const expectedFile = join(FIXTURES, name, 'expected.txt');
    assert.ok(existsSync(expectedFile));
    const expected = readFileSync(expectedFile, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && !l.startsWith('#'))
      .sort();
    assert.equal(actual, expected);
  });
}

test.run();
