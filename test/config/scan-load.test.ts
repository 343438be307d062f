// The config loader's line scan (src/config/scan-load.ts) against js-yaml: wherever the scan reads a text, its value is
// js-yaml's, type for type, key order and -0 included, and it never reads a text js-yaml refuses; on every YAML file in
// the repository, hand-written edge cases, generated documents and mutations of the bench fleet's configs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { scanLoad } from '../../src/config/scan-load.js';
import { CORE_1_2_SCHEMA } from '../../src/config/yaml-core.js';
import { fleetConfig } from '../../scripts/bench/fleet.mjs';

const root = new URL('../..', import.meta.url).pathname;

/** The first difference between two values (types, key order, numbers by Object.is), or null when they are the same. */
function difference(a: unknown, b: unknown, at = '$'): string | null {
  if (typeof a !== typeof b || Array.isArray(a) !== Array.isArray(b) || (a === null) !== (b === null)) {
    return `${at}: ${JSON.stringify(a)} against ${JSON.stringify(b)}`;
  }
  if (a === null || typeof a !== 'object') return Object.is(a, b) ? null : `${at}: ${String(a)} against ${String(b)}`;
  if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return `${at}: another prototype`;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b as object);
  if (keysA.join('\u0000') !== keysB.join('\u0000')) return `${at}: keys ${JSON.stringify(keysA)} against ${JSON.stringify(keysB)}`;
  for (const key of keysA) {
    const d = difference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
    if (d) return d;
  }
  return null;
}

/** Asserts the scan and js-yaml agree on `text`; true when the scan read it. */
function agree(label: string, text: string): boolean {
  const scanned = scanLoad(text);
  if (scanned === undefined) return false;
  let expected: unknown;
  try {
    expected = jsYaml.load(text, { schema: CORE_1_2_SCHEMA });
  } catch (error) {
    assert.unreachable(`${label}: js-yaml refuses it (${(error as Error).message.split('\n')[0]}) but the scan read it`);
  }
  const d = difference(scanned, expected);
  assert.is(d, null, `${label}: ${d}\n${text}`);
  return true;
}

const READ: Record<string, string> = {
  'scalars of every core type': [
    'a: word',
    'b: two words  # and a comment',
    "c: 'single'",
    'd: "double # not a comment"',
    'e: 42',
    'f: -0',
    'g: 0o17',
    'h: 0x1F',
    'i: 1.5e3',
    'j: .inf',
    'k: .NaN',
    'l: True',
    'm: ~',
    'n:',
    'o: 0b11',
    'p: 1_000',
    'q: yes',
    'r: http://h:8080/p#frag',
    's: a#b',
    't: -a',
    'u: "{build}-{shortCommit}"',
    '',
  ].join('\n'),
  'flow sequences': ['failOn: [CRITICAL, HIGH]', 'routes: ["slack:#deploys", \'email\']', 'none: []', 'mixed: [1, 2.5, true, ~, word]', ''].join('\n'),
  'nesting at every indentation': [
    'top:',
    '   three:',
    '       deeper: 1',
    '   back: 2',
    'list:',
    '- a',
    '-',
    '  - nested',
    '- k: v',
    '  k2: v2',
    '- # an empty item with a comment',
    'after:',
    '  - x: 1',
    '    y:',
    '    - z',
    '    w: 3',
    '',
  ].join('\n'),
};

const LEFT: Record<string, string> = {
  'a multi-line plain scalar': 'a: one\n  two\n',
  'a block scalar': 'a: |\n  text\n',
  'an escape': 'a: "x\\ty"\n',
  "a '' escape": "a: 'it''s'\n",
  'an anchor': 'a: &x 1\nb: *x\n',
  'a tag': 'a: !!str 3\n',
  'a flow mapping': 'a: {b: 1}\n',
  'a nested flow sequence': 'a: [b, [c]]\n',
  'a flow sequence over two lines': 'a: [b,\n  c]\n',
  'a duplicate key': 'a: 1\na: 2\n',
  'a boolean key': 'true: 1\n',
  'a quoted key': '"a": 1\n',
  'a document marker': '---\na: 1\n',
  'a tab': 'a:\n\tb: 1\n',
  'CRLF line ends': 'a: 1\r\nb: 2\r\n',
  'non-ASCII text': 'a: café\n',
  'a list at the root': '- a\n',
  'a proto key': '__proto__: 1\n',
  'a key in a value': 'a: b: c\n',
};

test('the shapes of pipeline.yaml are read, and read as js-yaml reads them', () => {
  for (const [label, text] of Object.entries(READ)) assert.ok(agree(label, text), `${label}: the scan gave up`);
});

test('what the scan leaves to js-yaml, it leaves', () => {
  for (const [label, text] of Object.entries(LEFT)) assert.is(scanLoad(text), undefined, label);
});

test('every YAML file in the repository: the scan agrees with js-yaml wherever it reads one', () => {
  const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
  let read = 0;
  for (const file of files) if (agree(file, readFileSync(join(root, file), 'utf8'))) read++;
  assert.ok(read > files.length / 4, `the scan read ${read} of ${files.length}`);
});

test("the bench fleet's configs are all read by the scan, as js-yaml reads them", () => {
  for (let index = 0; index < 40; index++) assert.ok(agree(`fleet ${index}`, fleetConfig(index) as string), `fleet ${index}: the scan gave up`);
});

/** A seeded random source. */
function random(seed: number): { next: (n: number) => number; pick: <T>(items: readonly T[]) => T } {
  let state = seed;
  const next = (n: number): number => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
  return { next, pick: (items) => items[next(items.length)]! };
}

// Scalars of every kind the core schema tells apart, and the near misses around them.
const SCALARS = [
  'word',
  'two words',
  'trailing  ',
  '42',
  '-7',
  '+3',
  '0',
  '-0',
  '007',
  '0o17',
  '0o8',
  '0x1F',
  '0xg',
  '1_000',
  '0b11',
  '1.5',
  '.5',
  '+.5',
  '-.5',
  '1e3',
  '1E-3',
  '1.',
  '6.02e+23',
  '.inf',
  '-.Inf',
  '+.INF',
  '.nan',
  '.NaN',
  'inf',
  'true',
  'True',
  'tRue',
  'FALSE',
  'yes',
  'off',
  'null',
  'Null',
  'nULL',
  '~',
  'a~',
  'http://h:1/p',
  'a:b',
  'a: b',
  'v # note',
  'v#x',
  '-5',
  '-a',
  '- a',
  '?a',
  '? a',
  ':a',
  'a,b',
  'a [b]',
  'a]',
  '"q"',
  '"a b"',
  '"a \\" b"',
  '"a # b"',
  '"1"',
  "'s'",
  "'it''s'",
  "'a # b'",
  "'open",
  '"open',
  '"x" y',
  '[a, b]',
  '[]',
  '[ ]',
  '[a,b,]',
  '[a, [b]]',
  '[1, 2.5, true, null, ~]',
  '["x:#y", \'z\']',
  '[a: b]',
  '[a #x]',
  '[ -1 , "two" ]',
  '[- a]',
  '{a: 1}',
  '&x v',
  '*x',
  '!!str 3',
  'v:',
  '|',
  '>-',
  '%x',
  '@x',
  '`x',
  'a  b',
  '',
] as const;
const KEYS = ['app', 'name', 'a b', 'x-y', 'on', 'k.v', '_u', 'image', 'true', '1', 'null', 'Null', '"q"', "'q'", '__proto__', 'a:b', 'a  b'] as const;

/** A seeded document of block YAML: mostly what the scan reads, with everything it must leave mixed in. */
function randomDocument(seed: number): string {
  const { next, pick } = random(seed);
  const lines: string[] = [];
  const block = (indent: number, depth: number): void => {
    const pad = ' '.repeat(indent);
    for (let i = 0, count = 1 + next(4); i < count; i++) {
      if (next(6) === 0) lines.push(`${' '.repeat(next(6))}# comment`);
      if (next(8) === 0) lines.push(next(2) ? '' : '   ');
      const key = next(4) === 0 ? pick(KEYS) : pick(KEYS.slice(0, 8));
      const shape = depth >= 3 ? 0 : next(3);
      if (shape === 0) {
        const value = pick(SCALARS);
        lines.push(`${pad}${key}:${value === '' ? '' : ` ${value}`}`);
        if (next(25) === 0) lines.push(`${pad}${' '.repeat(1 + next(3))}continued`);
      } else if (shape === 1) {
        lines.push(`${pad}${key}:${next(5) === 0 ? ' # note' : ''}`);
        block(indent + 1 + next(4), depth + 1);
      } else {
        lines.push(`${pad}${key}:`);
        const dash = ' '.repeat(indent + pick([0, 0, 2, 3]));
        for (let j = 0, items = 1 + next(3); j < items; j++) {
          const kind = next(6);
          if (kind <= 2) lines.push(`${dash}-${pick([' ', ' ', '   '])}${pick(SCALARS)}`);
          else if (kind === 3) {
            lines.push(`${dash}-`);
            block(dash.length + 1 + next(3), depth + 1);
          } else if (kind === 4) lines.push(`${dash}- - ${pick(SCALARS)}`);
          else {
            const start = lines.length;
            block(dash.length + 2, depth + 1);
            const first = lines.findIndex((line, k) => k >= start && line.trim() !== '' && !line.trimStart().startsWith('#'));
            if (first !== -1) lines[first] = `${dash}- ${lines[first]!.trimStart()}`;
          }
        }
      }
    }
  };
  block(0, 0);
  if (next(30) === 0) lines.unshift('---');
  return `${lines.join('\n')}${next(10) === 0 ? '' : '\n'}`;
}

test('3,000 generated documents: the scan agrees with js-yaml wherever it reads one', () => {
  let read = 0;
  for (let seed = 1; seed <= 3000; seed++) if (agree(`generated document ${seed}`, randomDocument(seed))) read++;
  assert.ok(read > 300, `the scan read ${read} documents`);
});

/** One random edit of a text: a character put in, taken out or changed, or a line indented, dedented or repeated. */
function mutate(text: string, next: (n: number) => number): string {
  const at = next(text.length + 1);
  const chars = [' ', ':', '-', '#', '"', "'", '[', ']', ',', '\t', '\n', 'x', '0', '.', '&', '*', '|', '{', '\\', '?', '%'];
  switch (next(6)) {
    case 0:
      return text.slice(0, at) + chars[next(chars.length)] + text.slice(at);
    case 1:
      return text.slice(0, at) + text.slice(at + 1);
    case 2:
      return text.slice(0, at) + chars[next(chars.length)] + text.slice(at + 1);
    default: {
      const lines = text.split('\n');
      const i = next(lines.length);
      const kind = next(3);
      if (kind === 0) lines[i] = ' '.repeat(1 + next(3)) + lines[i];
      else if (kind === 1) lines[i] = lines[i]!.replace(/^ {1,2}/, '');
      else lines.splice(i, 0, lines[i]!);
      return lines.join('\n');
    }
  }
}

test('4,000 mutations of the fleet configs: the scan agrees with js-yaml wherever it reads one, and reads no text js-yaml refuses', () => {
  const { next } = random(7);
  let read = 0;
  for (let n = 0; n < 4000; n++) {
    let text = fleetConfig(n % 40) as string;
    for (let edits = 1 + next(2); edits > 0; edits--) text = mutate(text, next);
    if (agree(`mutation ${n}`, text)) read++;
  }
  assert.ok(read > 1000, `the scan read ${read} mutations`);
});

test.run();
