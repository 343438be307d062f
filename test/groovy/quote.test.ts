// Groovy quoting: exact literals for the cases that matter, and each one evaluated back by Groovy 2.4.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { groovyMultilineString, groovyNumber, groovyScript, groovyString, yamlString } from '../../src/groovy/quote.js';
import { evaluateGroovyLiterals } from '../support/groovy.js';

const CASES: Array<[string, string, string]> = [
  // input, single-quoted, triple-quoted
  ['plain', "'plain'", "'''plain'''"],
  ["it's", "'it\\'s'", "'''it\\'s'''"],
  ['back\\slash', "'back\\\\slash'", "'''back\\\\slash'''"],
  ['${env.SECRET} $HOME', "'${env.SECRET} $HOME'", "'''${env.SECRET} $HOME'''"],
  ['a\nb', "'a\\nb'", "'''a\nb'''"],
  ['crlf\r\n', "'crlf\\r\\n'", "'''crlf\\r\n'''"],
  ["'''", "'\\'\\'\\''", "'''\\'\\'\\''''"],
  ['tab\there', "'tab\\there'", "'''tab\\there'''"],
  ['nul\u0000bell\u0007 9', "'nul\\000bell\\007 9'", "'''nul\\000bell\\007 9'''"],
  ['\\u0041', "'\\\\u0041'", "'''\\\\u0041'''"],
  ['ends with \\', "'ends with \\\\'", "'''ends with \\\\'''"],
  ['😀 日本 é', "'😀 日本 é'", "'''😀 日本 é'''"],
];

test('literals are written as expected', () => {
  for (const [input, single, triple] of CASES) {
    assert.is(groovyString(input), single, JSON.stringify(input));
    assert.is(groovyMultilineString(input), triple, JSON.stringify(input));
  }
});

test('groovyScript picks triple quotes only for multi-line text', () => {
  assert.is(groovyScript('echo hi'), "'echo hi'");
  assert.is(groovyScript('echo a\necho b'), "'''echo a\necho b'''");
});

test('Groovy 2.4 reads every literal back exactly', () => {
  const inputs = CASES.map(([input]) => input);
  const result = evaluateGroovyLiterals([...inputs.map(groovyString), ...inputs.map(groovyMultilineString)]);
  assert.ok(result.ok, JSON.stringify(result.values));
  assert.equal(result.values, [...inputs, ...inputs]);
});

test('numbers: finite only', () => {
  assert.is(groovyNumber(80), '80');
  assert.is(groovyNumber(0.5), '0.5');
  assert.throws(() => groovyNumber(Number.NaN), /finite/);
  assert.throws(() => groovyNumber(Number.POSITIVE_INFINITY), /finite/);
});

test('YAML scalars are double-quoted JSON strings', () => {
  assert.is(yamlString('node:20-alpine'), '"node:20-alpine"');
  assert.is(yamlString('a"b\n'), '"a\\"b\\n"');
});

test.run();
