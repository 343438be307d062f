// locate's line scan against its full parse: on every config in the repository, the bench fleet and hand-written edge
// cases, for every path into the document (and paths that go past it), the scan gives the parse's range or leaves it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import jsYaml from 'js-yaml';
import { composedLocate, locate } from '../../src/config/locate.js';
import { scanLocate } from '../../src/config/scan-locate.js';
import type { JsonPath } from '../../src/core/diagnostic.js';
import { fleetConfig } from '../../scripts/bench/fleet.mjs';

const root = new URL('../..', import.meta.url).pathname;

/** Every path into a value (up to 2,000: fixtures include alias bombs), and for each collection steps that do not exist. */
function pathsOf(value: unknown, prefix: JsonPath = [], out: JsonPath[] = []): JsonPath[] {
  if (out.length > 2000) return out;
  out.push(prefix);
  if (Array.isArray(value)) {
    value.forEach((item, index) => pathsOf(item, [...prefix, index], out));
    out.push([...prefix, value.length], [...prefix, 'name']);
  } else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out);
    out.push([...prefix, 'not-a-key'], [...prefix, 0], [...prefix, 'not-a-key', 'deeper']);
  } else out.push([...prefix, 'past-a-scalar']);
  return out;
}

/** Checks every path of `text`; returns how many the scan answered and how many there were. */
function agreeOn(label: string, text: string): { scanned: number; total: number } {
  let value: unknown;
  try {
    value = jsYaml.load(text);
  } catch {
    value = {};
  }
  let scanned = 0;
  let total = 0;
  for (const path of pathsOf(value)) {
    for (const key of [false, true]) {
      total++;
      const scan = scanLocate(text, path, key);
      if (scan === undefined) continue;
      scanned++;
      assert.equal(scan, composedLocate(text, path, { key }), `${label}: ${JSON.stringify(path)}${key ? ' (key)' : ''}`);
    }
  }
  return { scanned, total };
}

const EDGE_CASES: Record<string, string> = {
  'comments and quoting': [
    '# a header',
    'version: 1   # trailing',
    "app: 'it''s'  # quoted",
    'team: "a \\" b"',
    'url: http://example.com:8080/x',
    'empty:',
    'list:',
    '- one',
    "- 'two'",
    '-',
    '- three # c',
    'map:',
    '',
    '    deep: value',
    '    # between',
    '    other: 2',
    'last: value with spaces   ',
  ].join('\n'),
  'sequences of mappings, compact and below': [
    'environments:',
    '  - name: dev',
    '    branch: develop',
    '  -',
    '    name: prod',
    '    replicas: 3',
    '  - - nested',
    'after: x',
  ].join('\n'),
  'what the scan leaves to the parse': [
    'flow: [a, b]',
    'map: {a: 1}',
    'anchor: &a value',
    'alias: *a',
    'tagged: !!str 3',
    'block: |',
    '  text: not a key',
    'folded: >-',
    '  more',
    'multi: first',
    '  second line',
    '"quoted key": 1',
    '123: number key',
    'true: bool key',
    'open: "not closed',
    '  here"',
    'tail: ok',
  ].join('\n'),
  'a key after keys the scan cannot read': ['"q": 1', 'app: x'].join('\n'),
  'duplicate keys: the first wins': ['app: one', 'app: two'].join('\n'),
  'nested mapping values and sequences at the key': ['a:', '  b:', '    c: 1', '  d:', '  - x', '  - y: z', '    w: v', '  e: end'].join('\n'),
  'a document marker': ['---', 'app: x'].join('\n'),
  'tabs and CRLF': 'app: x\r\nteam: y\r\n',
  'a value ending in a colon': 'app: x:\nteam: y',
};

test('hand-written edge cases: the scan agrees with the parse wherever it answers', () => {
  for (const [label, text] of Object.entries(EDGE_CASES)) agreeOn(label, text);
  // And it answers where it should: plain block YAML.
  const plain = EDGE_CASES['comments and quoting']!;
  assert.equal(scanLocate(plain, ['app'], false), { line: 3, column: 6, endLine: 3, endColumn: 13 });
  assert.equal(scanLocate(plain, ['list', 3], false), { line: 11, column: 3, endLine: 11, endColumn: 8 });
  assert.equal(scanLocate(plain, ['map', 'other'], true), { line: 16, column: 5, endLine: 16, endColumn: 10 });
  assert.is(scanLocate(EDGE_CASES['what the scan leaves to the parse']!, ['tail'], false), undefined, 'a multi-line scalar above');
});

test('every config in the repository: the scan agrees with the parse wherever it answers', () => {
  const files = execFileSync('git', ['ls-files', '-z', '*.yaml', '*.yml'], { cwd: root, encoding: 'utf8' })
    .split('\0')
    .filter(Boolean)
    .map((f) => join(root, f));
  assert.ok(files.length > 100, `${files.length} files`);
  let scanned = 0;
  let total = 0;
  for (const file of files) {
    const counts = agreeOn(file, readFileSync(file, 'utf8'));
    scanned += counts.scanned;
    total += counts.total;
  }
  // Of the paths, half are keys and many collections or missing steps (left to the parse); a scan that stopped
  // answering would make locate slow again.
  assert.ok(scanned > total / 4, `the scan answered ${scanned} of ${total}`);
});

test("the bench fleet: the scan answers every environment's manifest, as the parse does", () => {
  for (let index = 0; index < 40; index++) {
    const text = fleetConfig(index) as string;
    agreeOn(`fleet ${index}`, text);
    const raw = jsYaml.load(text) as { environments?: Record<string, { manifest?: string }> };
    for (const [name, env] of Object.entries(raw.environments ?? {})) {
      if (env.manifest === undefined) continue;
      assert.ok(scanLocate(text, ['environments', name, 'manifest'], false), `fleet ${index}: ${name}`);
      assert.equal(locate(text, ['environments', name, 'manifest']), composedLocate(text, ['environments', name, 'manifest']));
    }
  }
});

test.run();
