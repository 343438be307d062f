// The rule registry agrees with the rule files, their doc pages, the rules index, the rule tests and the golden fixtures.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rules } from '../../src/lint/rules/index.js';
import type { Rule } from '../../src/lint/rule.js';
import { ROOT } from '../support/cli.js';
import { DOCS, ruleExamples, ruleFiles } from '../support/docs.js';

const ids = rules.map((r) => r.id);
const names = (dir: string, ext: string, except: string[] = []) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(ext) && !except.includes(f))
    .map((f) => f.slice(0, -ext.length))
    .sort();

test('the registry is sorted, unique and kebab-case', () => {
  assert.equal(ids, [...ids].sort());
  assert.is(new Set(ids).size, ids.length);
  for (const id of ids) assert.match(id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
  assert.ok(ids.length >= 20, `${ids.length} rules`);
});

test('every rule file is registered, under its own id', async () => {
  assert.equal(names(join(ROOT, 'src/lint/rules'), '.ts', ['index.ts']), ids);
  for (const id of ids) {
    const { rule } = (await import(`../../src/lint/rules/${id}.js`)) as { rule: Rule };
    assert.is(rule.id, id);
    assert.ok(rules.includes(rule), `${id} is the registered object`);
    assert.match(rule.description, /^[a-z"]/, `${id}: description starts in lower case`);
  }
});

test('every rule has a doc page with its severity and a bad and a good example, and no page lacks a rule', () => {
  assert.equal(names(DOCS, '.md', ['README.md']), ids);
  for (const rule of rules) {
    const text = readFileSync(join(DOCS, `${rule.id}.md`), 'utf8');
    assert.ok(text.startsWith(`# ${rule.id}\n`), `${rule.id}: title`);
    assert.ok(text.includes(`Default severity: **${rule.severity}**`), `${rule.id}: severity in the doc`);
    const { bad, good } = ruleExamples(rule.id);
    assert.ok(bad && good, `${rule.id}: a "## Bad" and a "## Good" yaml block`);
    // A rule that reads the repository shows the files it reads beside each example.
    if (rule.repository)
      assert.ok(
        Object.keys(ruleFiles(rule.id, 'Bad')).length > 0 && Object.keys(ruleFiles(rule.id, 'Good')).length > 0,
        `${rule.id}: the manifests of the examples`,
      );
  }
});

test('the rules index lists every rule with its default severity', () => {
  const index = readFileSync(join(DOCS, 'README.md'), 'utf8');
  const listed = [...index.matchAll(/^\| \[`([a-z0-9-]+)`\]\(\1\.md\) \| (error|warning) \|/gm)].map((m) => [m[1], m[2]]);
  assert.equal(listed.map(([id]) => id).sort(), ids);
  for (const [id, severity] of listed) assert.is(severity, rules.find((r) => r.id === id)!.severity, `${id} in README.md`);
});

test('every rule has table-driven cases, and no cases name a missing rule', () => {
  const dir = join(ROOT, 'test/lint/rules');
  const tested = readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .flatMap((f) => [...readFileSync(join(dir, f), 'utf8').matchAll(/^ruleCases\('([a-z0-9-]+)'/gm)].map((m) => m[1]!));
  assert.equal([...new Set(tested)].sort(), ids);
});

test('every rule has a golden fixture that shows it', () => {
  for (const id of ids) {
    const file = join(ROOT, 'test/fixtures/lint/rules', `${id}.expected.txt`);
    assert.ok(existsSync(file), `${id}: ${file}`);
    assert.ok(readFileSync(file, 'utf8').includes(`[${id}]`), `${id}: the fixture shows the rule`);
  }
});

test.run();
