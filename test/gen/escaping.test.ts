// The escaping property: adversarial strings in every schema string field come back exactly from Groovy 2.4, and JSON.stringify would not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { ROOT } from '../support/cli.js';
import { evaluateGroovyLiterals, parseGroovyTexts } from '../support/groovy.js';
import { normalize } from '../../src/config/normalize.js';
import { generateJenkinsfile } from '../../src/gen/jenkinsfile.js';
import { groovyMultilineString, groovyString } from '../../src/groovy/quote.js';
import { adversarialString, random, schemaStringFields, setField, type StringField } from './adversarial.js';
import type { ReadJson } from '../support/json.js';

const ROUNDS = 60;
const SOURCE = { source: 'pipeline.yaml', command: 'pipewright gen' };

/** Fields that never reach the Jenkinsfile, and why: fed all the same, so a new field cannot slip past unlisted. */
const NOT_EMITTED: Record<string, string> = {
  $schema: 'for editors only',
  extends: 'resolved when loading, before the model exists',
  'environments.*.after': 'orders the stages; the name itself is not written',
  'lint.rules.<key>': 'configures the linter only',
};

const readYaml = (path: string): Record<string, ReadJson> =>
  jsYaml.load(readFileSync(join(ROOT, path), 'utf8'), { schema: jsYaml.CORE_SCHEMA }) as Record<string, ReadJson>;
const EVERY_OPTION = 'test/fixtures/gen/every-option/pipeline.yaml';

/** Three bases, one per agent kind (a config has one agent): every field gets fed under the base that uses it. */
function baseFor(round: number): { raw: Record<string, ReadJson>; agent: string } {
  const raw = readYaml(EVERY_OPTION);
  const agent = ['kubernetes', 'label', 'docker'][round % 3]!;
  if (agent === 'label') raw.agent = { label: 'linux' };
  if (agent === 'docker') raw.agent = { docker: { image: 'node:20', args: '-u root' } };
  // A route's first target is replaced by an adversarial one; the rest keep Slack and e-mail in use.
  for (const [event, targets] of Object.entries(raw.notifications.routes as Record<string, string[]>))
    raw.notifications.routes[event] = ['slack:#spare', ...targets, 'slack', 'email'].filter((t, i, all) => all.indexOf(t) === i);
  return { raw, agent };
}

const fields = schemaStringFields();
const quotedFields = fields.filter((f) => f.kind !== 'duration');
const applies = (f: StringField, agent: string): boolean => !f.path.startsWith('agent.') || f.path.startsWith(`agent.${agent}.`) || f.path === `agent.${agent}`;

interface Fed {
  field: string;
  value: string;
}

const rounds: Array<{ text: string; fed: Fed[] }> = [];

test('the schema yields string fields of every kind, and the list is what the test feeds', () => {
  assert.ok(fields.length >= 60, `only ${fields.length} string fields found`);
  for (const kind of ['data', 'command', 'duration'])
    assert.ok(
      fields.some((f) => f.kind === kind),
      `no ${kind} field`,
    );
  for (const path of Object.keys(NOT_EMITTED))
    assert.ok(
      fields.some((f) => f.path === path),
      `NOT_EMITTED lists "${path}", which the schema no longer has`,
    );
});

test(`generate ${ROUNDS} Jenkinsfiles, each with every string field adversarial`, () => {
  const rng = random(20261125);
  for (let round = 0; round < ROUNDS; round++) {
    const { raw, agent } = baseFor(round);
    const fed: Fed[] = [];
    for (const [index, field] of quotedFields.entries()) {
      if (!applies(field, agent)) continue;
      const value = adversarialString(rng, `${index}.${round}`);
      setField(raw, field.path, value);
      fed.push({ field: field.path, value });
    }
    rounds.push({ text: generateJenkinsfile(normalize(raw, 'pipeline.yaml'), SOURCE), fed });
  }
  const fedFields = new Set(rounds.flatMap((r) => r.fed.map((f) => f.field)));
  const unfed = quotedFields.filter((f) => !fedFields.has(f.path)).map((f) => f.path);
  assert.equal(unfed, [], 'schema string fields the test did not feed');
  assert.ok(rounds.flatMap((r) => r.fed).length >= 3000, 'fewer than 3000 adversarial values');
});

/** Every string a Groovy file holds, plus the scalars of the pod YAML and of the environment facts held inside one. */
function stringPool(strings: string[]): string[] {
  const pool = [...strings];
  for (const s of strings) {
    // The environment facts: JSON inside the literal, read back by the steps with readJSON.
    if (s.startsWith('{') && s.includes('"environments"')) {
      const walkJson = (v: unknown): void => {
        if (typeof v === 'string') pool.push(v);
        else if (Array.isArray(v)) v.forEach(walkJson);
        else if (v && typeof v === 'object') Object.values(v).forEach(walkJson);
      };
      walkJson(JSON.parse(s));
      continue;
    }
    if (!s.startsWith('apiVersion: v1')) continue;
    const walk = (v: unknown): void => {
      if (typeof v === 'string') pool.push(v);
      else if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    walk(jsYaml.load(s, { schema: jsYaml.CORE_SCHEMA }));
  }
  return pool;
}

test('every adversarial Jenkinsfile parses under Groovy 2.4, holds no GString, and holds every fed value exactly', () => {
  assert.is(rounds.length, ROUNDS);
  const parsed = parseGroovyTexts(rounds.map((r) => r.text));
  const missing = new Set<string>();
  parsed.forEach((p, i) => {
    assert.ok(p.ok, `round ${i} does not parse: ${p.error}`);
    assert.is(p.gstrings, 0, `round ${i} has a GString`);
    const pool = stringPool(p.strings);
    for (const { field, value } of rounds[i]!.fed) {
      if (field in NOT_EMITTED) continue;
      if (!pool.some((s) => s.includes(value))) missing.add(`${field} (round ${i}: ${JSON.stringify(value)})`);
    }
  });
  assert.equal([...missing], [], 'fed values Groovy does not read back');
});

test('a duration field never reaches the output unparsed: the generator refuses it', () => {
  const rng = random(7);
  const durations = fields.filter((f) => f.kind === 'duration');
  assert.ok(durations.length >= 5);
  for (const field of durations) {
    let refused = 0;
    for (const base of [EVERY_OPTION, 'examples/python-service/pipeline.yaml']) {
      const raw = readYaml(base);
      const value = adversarialString(rng, field.path);
      setField(raw, field.path, value);
      try {
        const text = generateJenkinsfile(normalize(raw, 'pipeline.yaml'), SOURCE);
        assert.not.ok(text.includes(value), `${field.path} was written unparsed`);
      } catch (error) {
        assert.match(String(error), /not a duration/);
        refused++;
      }
    }
    assert.ok(refused > 0, `${field.path}: no base uses it, so the refusal is untested`);
  }
});

/** Evaluates quote(value) for each value and each quoting function in one Groovy JVM; per function, the values that do not come back exactly. */
function roundTripFailures(quotes: Array<(value: string) => string>, values: string[]): string[][] {
  const result = evaluateGroovyLiterals(quotes.flatMap((quote) => values.map(quote)));
  return quotes.map((_, q) => values.filter((v, i) => result.values[q * values.length + i] !== v));
}

test('each fed value, quoted single-line and triple-quoted, evaluates in Groovy 2.4 to exactly itself', () => {
  const values = [...new Set(rounds.flatMap((r) => r.fed.map((f) => f.value)))];
  assert.ok(values.length >= 3000);
  const literals = [...values.map(groovyString), ...values.map(groovyMultilineString)];
  const result = evaluateGroovyLiterals(literals);
  const bad = literals.filter((_, i) => result.values[i] !== values[i % values.length]);
  assert.equal(bad.slice(0, 5), [], `${bad.length} literals do not round-trip`);
  assert.ok(result.ok);
});

test('the property can fail: JSON.stringify as the quoting function breaks it', () => {
  const values = [...new Set(rounds.flatMap((r) => r.fed.map((f) => f.value)))].slice(0, 400);
  const [failures, quoted] = roundTripFailures([(v) => JSON.stringify(v), groovyString], values);
  assert.ok(failures!.length > 0, 'JSON.stringify passed the property: the test cannot tell good quoting from bad');
  assert.ok(
    failures!.some((v) => v.includes('$')),
    'a $ in a double-quoted literal should be interpolated',
  );
  assert.equal(quoted, []);
});

test.run();
