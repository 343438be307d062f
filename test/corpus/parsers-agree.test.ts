// js-yaml (parsing) and `yaml` (positions, edits) must read every real YAML file in the corpus to the same data,
// both held to the YAML 1.2 core schema: a disagreement would put a diagnostic on a value the linter never saw.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import jsYaml from 'js-yaml';
import { parse, parseAllDocuments } from 'yaml';
import { CORE_1_2_SCHEMA, YAML_CORE_OPTIONS } from '../../src/config/yaml-core.js';
import { CORPUS } from '../support/cli.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) return yamlFiles(full);
      // Kustomize also reads a file named just "Kustomization".
      return /\.ya?ml$/i.test(name) || name === 'Kustomization' || name.endsWith('_Kustomization') ? [full] : [];
    })
    .sort();
}

const files = yamlFiles(CORPUS);

test('the corpus holds the k8s, kustomize and helm files this test is about', () => {
  for (const area of ['k8s', 'kustomize', 'helm'])
    assert.ok(
      files.some((f) => relative(CORPUS, f).startsWith(`${area}/`)),
      area,
    );
  assert.ok(files.length >= 30, `only ${files.length} files`);
});

for (const file of files) {
  test(`same data from both parsers: ${relative(CORPUS, file)}`, () => {
    const text = readFileSync(file, 'utf8');
    const fast = jsYaml.loadAll(text, null, { schema: CORE_1_2_SCHEMA });
    const documents = parseAllDocuments(text, YAML_CORE_OPTIONS);
    assert.ok(Array.isArray(documents), 'yaml returned an empty stream marker');
    for (const doc of documents as Array<{ errors: unknown[] }>) assert.equal(doc.errors, [], 'yaml reported errors');
    const ranged = (documents as Array<{ toJS(): unknown }>).map((d) => d.toJS());
    assert.is(ranged.length, fast.length, 'document count');
    fast.forEach((doc, i) => assert.equal(ranged[i], doc, `document ${i + 1}`));
  });
}

// The edge cases where the two libraries' own "core" schemas differ: each must come out the same, and as YAML 1.2 says.
const scalars: Array<[string, unknown]> = [
  ['0b11', '0b11'],
  ['+0x1F', '+0x1F'],
  ['-0x1F', '-0x1F'],
  ['0x1F', 31],
  ['0o17', 15],
  ['+.5', 0.5],
  ['1_000', '1_000'],
  ['012', 12],
  ['1e3', 1000],
  ['.inf', Infinity],
  ['-.Inf', -Infinity],
  ['yes', 'yes'],
  ['on', 'on'],
  ['True', true],
  ['NULL', null],
  ['~', null],
  ['2001-12-14', '2001-12-14'],
  ['<<', '<<'],
  ['1:20', '1:20'],
];
for (const [scalar, expected] of scalars) {
  test(`the scalar ${scalar} is ${JSON.stringify(expected) ?? String(expected)} in both parsers`, () => {
    const fast = (jsYaml.load(`v: ${scalar}`, { schema: CORE_1_2_SCHEMA }) as { v: unknown }).v;
    const ranged = (parse(`v: ${scalar}`, YAML_CORE_OPTIONS) as { v: unknown }).v;
    assert.is(fast, expected);
    assert.is(ranged, expected);
  });
}

test('NaN is NaN in both parsers', () => {
  assert.ok(Number.isNaN((jsYaml.load('v: .nan', { schema: CORE_1_2_SCHEMA }) as { v: number }).v));
  assert.ok(Number.isNaN((parse('v: .NaN', YAML_CORE_OPTIONS) as { v: number }).v));
});

test.run();
