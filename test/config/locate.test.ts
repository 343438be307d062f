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
  // js-yaml reads the next lines into the open value whatever their indentation: `c` is no key, `b` comes after it.
  'a quoted scalar left open': 'a: "x\nc: y"\nb: 1\n',
  'a flow collection left open': 'a: [x,\nc: y]\nb: 1\n',
  'a quoted item left open': 'list:\n- "x\n- y"\n- z\n',
};

test('hand-written edge cases: the scan agrees with the parse wherever it answers', () => {
  for (const [label, text] of Object.entries(EDGE_CASES)) agreeOn(label, text);
  // And it answers where it should: plain block YAML.
  const plain = EDGE_CASES['comments and quoting']!;
  assert.equal(scanLocate(plain, ['app'], false), { line: 3, column: 6, endLine: 3, endColumn: 13 });
  assert.equal(scanLocate(plain, ['list', 3], false), { line: 11, column: 3, endLine: 11, endColumn: 8 });
  assert.equal(scanLocate(plain, ['map', 'other'], true), { line: 16, column: 5, endLine: 16, endColumn: 10 });
  assert.is(scanLocate(EDGE_CASES['what the scan leaves to the parse']!, ['tail'], false), undefined, 'a multi-line scalar above');
  for (const [label, path] of [
    ['a quoted scalar left open', ['b']],
    ['a flow collection left open', ['c']],
    ['a quoted item left open', ['list', 2]],
  ] as const) {
    assert.is(scanLocate(EDGE_CASES[label]!, [...path], false), undefined, label);
  }
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

/** A seeded generator of block YAML with the shapes the scan reads and the ones it must leave to the parse. */
function randomYaml(seed: number): string {
  let state = seed;
  const next = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  const pick = <T>(items: T[]): T => items[next(items.length)]!;
  // Plain keys the scan reads; one in five a key it must leave (a boolean, a number, null, a quoted key).
  const plainKeys = ['app', 'name', 'a b', 'x-y', 'on', 'url', 'k.v', '_u', 'image', 'tag', 'env'];
  const oddKeys = ['true', '1', 'null', '"q"'];
  // Mostly what the scan reads; one in four what it must leave (flow, anchors, tags, block scalars, broken quotes).
  const plain = ['word', 'two words', '42', "'it''s'", '"a \\" b"', 'http://h:1/p', 'a:b', 'v # note', '-5', ''];
  const left = ["'open", '[a, b]', '{a: 1}', '&x v', '*x', '!!str 3', 'v:', '|'];
  const scalar = (): string => (next(4) === 0 ? pick(left) : pick(plain));
  const lines: string[] = [];
  const block = (indent: number, depth: number): void => {
    const pad = ' '.repeat(indent);
    const used = new Set<string>(); // js-yaml refuses duplicate keys: a document with one would have no paths to try
    for (let i = 0, count = 1 + next(4); i < count; i++) {
      if (next(6) === 0) lines.push(`${pad}# comment ${i}`);
      if (next(8) === 0) lines.push('');
      const key = next(5) === 0 ? pick(oddKeys) : pick(plainKeys);
      if (used.has(key)) continue;
      used.add(key);
      if (depth >= 3 || next(3) !== 0) {
        const value = scalar();
        lines.push(`${pad}${key}:${value === '' ? '' : ` ${value}`}`);
        if (value === '|') lines.push(`${pad}  block text: not a key`);
        if (next(20) === 0) lines.push(`${pad}  continued`);
      } else if (next(2) === 0) {
        lines.push(`${pad}${key}:`);
        block(indent + pick([2, 4]), depth + 1);
      } else {
        lines.push(`${pad}${key}:`);
        // A sequence at the key's indentation or deeper: scalars, or mappings whose first entry is on the dash's line.
        const dash = ' '.repeat(indent + pick([0, 2]));
        for (let j = 0, items = 1 + next(3); j < items; j++) {
          if (next(2) === 0) {
            lines.push(`${dash}- ${scalar()}`);
            continue;
          }
          const start = lines.length;
          block(dash.length + 2, depth + 1);
          const first = lines.findIndex((line, k) => k >= start && line.trim() !== '' && !line.trimStart().startsWith('#'));
          lines[first] = `${dash}- ${lines[first]!.trimStart()}`;
        }
      }
    }
  };
  block(0, 0);
  return `${lines.join('\n')}\n`;
}

test('2,000 generated documents: the scan agrees with the parse wherever it answers', () => {
  let scanned = 0;
  for (let seed = 1; seed <= 2000; seed++) scanned += agreeOn(`generated document ${seed}`, randomYaml(seed)).scanned;
  assert.ok(scanned > 5000, `the scan answered ${scanned} times`);
});

test.run();
