// The step registry is complete and self-describing: names, arguments, defaults, flags, helpers, and every entry in use.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { STEPS, type StepArgument } from '../../src/gen/steps.js';
import { HELPERS } from '../../src/gen/helper-flags.js';
import { parseGroovyTexts } from '../support/groovy.js';
import { goldenCases, registryProblems } from './support.js';

test('step names: pw-prefixed lowerCamelCase, unique, sorted', () => {
  const names = STEPS.map((s) => s.name);
  for (const name of names) assert.match(name, /^pw[A-Z][A-Za-z]+$/);
  assert.equal(names, [...new Set(names)].sort());
});

function matchesType(a: StepArgument, value: unknown): boolean {
  switch (a.type) {
    case 'string':
    case 'duration':
    case 'expression':
      return typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number';
    case 'list<string>':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'list<map>':
      return Array.isArray(value);
    default:
      return typeof value === 'object' && value !== null && !Array.isArray(value);
  }
}

test('every step describes itself: description, helpers, plugins, agent use, credentials, arguments', () => {
  for (const step of STEPS) {
    assert.ok(step.description.length > 40 && step.description.endsWith('.'), `${step.name}: description`);
    for (const h of step.helpers) assert.ok((HELPERS as readonly string[]).includes(h), `${step.name}: unknown helper ${h}`);
    for (const p of step.plugins) assert.match(p, /^[a-z0-9-]+$/);
    const names = step.arguments.map((a) => a.name);
    assert.equal(names, [...new Set(names)], `${step.name}: duplicate argument`);
    const flags = step.arguments.map((a) => a.flag).filter((f) => f !== null);
    assert.equal(flags, [...new Set(flags)], `${step.name}: duplicate helper flag`);
    for (const a of step.arguments) {
      assert.match(a.name, /^[a-z][A-Za-z0-9]*$/);
      assert.ok(a.description.length > 5, `${step.name}.${a.name}: description`);
      if (a.flag !== null) assert.match(a.flag, /^--[a-z][a-z0-9-]*$/);
      if (a.required) assert.is(a.default, undefined, `${step.name}.${a.name}: required with a default`);
      if (a.default !== undefined) assert.ok(matchesType(a, a.default), `${step.name}.${a.name}: default ${JSON.stringify(a.default)} is not a ${a.type}`);
      if (a.flag !== null) assert.ok(step.helpers.length > 0, `${step.name}.${a.name}: a flag but no helper`);
    }
    assert.is(step.agent === 'borrows', names.includes('agent'), `${step.name}: "borrows" and the agent argument go together`);
    for (const c of step.credentials) assert.ok(c.variables.length > 0 && c.variables.every((v) => /^[A-Z][A-Z0-9_]*$/.test(v)));
  }
});

test('every helper is run by a step', () => {
  const used = new Set(STEPS.flatMap((s) => s.helpers));
  assert.equal(
    HELPERS.filter((h) => !used.has(h)),
    [],
  );
});

test("each step's example parses under Groovy 2.4 and satisfies the registry", () => {
  const parsed = parseGroovyTexts(STEPS.map((s) => `${s.example}\n`));
  parsed.forEach((p, i) => {
    assert.ok(p.ok, `${STEPS[i]!.name}: ${p.error}`);
    assert.is(p.calls[0]?.name, STEPS[i]!.name);
    assert.equal(
      registryProblems(p).filter((problem) => !/neither a registry step/.test(problem)),
      [],
    );
  });
});

test('every step is called by some golden Jenkinsfile (no dead entries)', () => {
  const text = goldenCases()
    .map((c) => readFileSync(c.golden, 'utf8'))
    .join('\n');
  assert.equal(
    STEPS.filter((s) => !new RegExp(`\\b${s.name}\\(`).test(text)).map((s) => s.name),
    [],
  );
});

test.run();
