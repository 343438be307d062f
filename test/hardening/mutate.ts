// Seeded mutations of pipeline.yaml texts for the fuzz tests: byte edits, line edits, swapped types, nesting, sizes, Unicode, encodings.
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { random } from '../gen/adversarial.js';

export { random };

export interface Seed {
  name: string;
  text: string;
}

/** The configs mutations start from: every example and every generator fixture. */
let cached: Seed[] | undefined;
export function seedConfigs(): Seed[] {
  if (cached) return cached;
  const seeds: Seed[] = [];
  for (const base of ['examples', 'test/fixtures/gen']) {
    for (const name of readdirSync(join(ROOT, base)).sort()) {
      const file = join(ROOT, base, name, 'pipeline.yaml');
      if (existsSync(file)) seeds.push({ name: `${base}/${name}`, text: readFileSync(file, 'utf8') });
    }
  }
  cached = seeds;
  return seeds;
}

export interface Mutant {
  /** What was done, in order: enough, with the seed, to tell the case apart in a report. */
  ops: string[];
  /** The mutated file as bytes (some mutations are not valid UTF-8). */
  bytes: Buffer;
}

type Rng = () => number;
const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
const int = (rng: Rng, below: number): number => Math.floor(rng() * below);

/** Scalars of other types, and YAML syntax that turns a value into something else. */
const SWAPS = [
  '[]',
  '{}',
  'null',
  '~',
  '0',
  '-1',
  '1e309',
  '.nan',
  '-.inf',
  '0x1F',
  '0o17',
  'true',
  'false',
  'yes',
  '""',
  "''",
  '[a, b]',
  '{a: 1}',
  '[[1], {b: [2]}]',
  '!!binary aGVsbG8=',
  '!!js/function "function(){}"',
  '!!python/object:os.system',
  '!!set {a, b}',
  '!!omap [a: 1]',
  '!!int "12"',
  '!!str 12',
  '!!float x',
  '&anchor v',
  '*missing',
  '2024-01-01',
  '12:30:00',
  '|',
  '>-',
  '? complex',
  '- x',
  '"\\x00"',
  '"unterminated',
  "'unterminated",
  '{unclosed: [1, 2',
  '@reserved',
  '`reserved',
  '%TAG',
  '<<: *a',
  '-',
  ':',
  '#',
  '12345678901234567890123',
];

/** Characters that confuse editors, terminals and parsers; double-quoted YAML escapes reach code points a UTF-8 file cannot hold. */
const ODD_TEXT = [
  '\u202e',
  '\u202d',
  '\u200f',
  '\u200e',
  '\u2066',
  '\u2069',
  '\u200d',
  '\u200b',
  '\u2060',
  '\ufeff',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\u2029',
  '\u0085',
  '👨\u200d👩\u200d👧',
  '𝕏',
  '😀',
  '\u{10ffff}',
  '\u{e0001}',
  'e\u0301\u0301\u0301',
  'Ω',
  'ß',
  'İ',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '\u007f',
  '\t',
  '\r',
  '\\',
  '"',
  "'",
  '${x}',
  '{{x}}',
  '$(id)',
  '`id`',
  "'''",
  '"""',
];
const ODD_ESCAPES = [
  '\\ud800',
  '\\udfff',
  '\\ud83d\\ude00',
  '\\U0001F600',
  '\\u202e',
  '\\x00',
  '\\0',
  '\\e',
  '\\N',
  '\\_',
  '\\L',
  '\\P',
  '\\uFFFE',
  '\\U0010FFFF',
  '\\q',
];

function lines(text: string): string[] {
  return text.split('\n');
}

/** The positions of `key: value` scalars on single lines, so a value can be replaced without breaking the rest. */
function valueSpots(text: string): Array<{ start: number; end: number }> {
  const spots: Array<{ start: number; end: number }> = [];
  const re = /^([ \t-]*[^\s:#][^:#\n]*:[ \t]+)([^\n#]*[^\s#])/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) spots.push({ start: m.index + m[1]!.length, end: m.index + m[0].length });
  return spots;
}

function replaceValue(rng: Rng, text: string, value: string): string {
  const spots = valueSpots(text);
  if (!spots.length) return text + value;
  const { start, end } = pick(rng, spots);
  return text.slice(0, start) + value + text.slice(end);
}

function deepValue(rng: Rng): string {
  const depth = pick(rng, [50, 200, 1000, 5000, 20000]);
  switch (int(rng, 4)) {
    case 0:
      return '['.repeat(depth) + ']'.repeat(depth);
    case 1:
      return '{a: '.repeat(depth) + '1' + '}'.repeat(depth);
    case 2:
      return '['.repeat(depth);
    default:
      return '[{'.repeat(depth) + 'x: 1' + '}]'.repeat(depth);
  }
}

/** Block-style nesting: a key under a key under a key, each indented one more space. */
function deepBlock(depth: number): string {
  return Array.from({ length: depth }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1';
}

/** Anchors that each double the one before: expanding them naively is exponential. */
function aliasBomb(levels: number): string {
  const out = ['bomb0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i <= levels; i++) out.push(`bomb${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
  return out.join('\n');
}

function hugeString(rng: Rng): string {
  const size = pick(rng, [10_000, 100_000, 400_000, 1_100_000]);
  return pick(rng, ['x', 'é', '😀', "'", '$', ' ', '\\']).repeat(size);
}

const MUTATIONS: Array<[string, (rng: Rng, text: string) => string | Buffer]> = [
  [
    'byte-replace',
    (rng, text) => {
      const b = Buffer.from(text, 'utf8');
      for (let n = 1 + int(rng, 4); n > 0 && b.length; n--) b[int(rng, b.length)] = int(rng, 256);
      return b;
    },
  ],
  [
    'byte-insert',
    (rng, text) => {
      const b = Buffer.from(text, 'utf8');
      const at = int(rng, b.length + 1);
      const extra = Buffer.from(
        Array.from({ length: 1 + int(rng, 6) }, () =>
          pick(rng, [0, 9, 10, 13, 32, 34, 35, 38, 39, 42, 45, 58, 62, 63, 64, 91, 93, 123, 124, 125, 0xc3, 0xe2, 0xf0, 0xff, int(rng, 256)]),
        ),
      );
      return Buffer.concat([b.subarray(0, at), extra, b.subarray(at)]);
    },
  ],
  [
    'byte-delete',
    (rng, text) => {
      const b = Buffer.from(text, 'utf8');
      const at = int(rng, b.length);
      return Buffer.concat([b.subarray(0, at), b.subarray(at + 1 + int(rng, 8))]);
    },
  ],
  [
    'char-replace',
    (rng, text) => {
      const chars = [...text];
      for (let n = 1 + int(rng, 5); n > 0 && chars.length; n--) chars[int(rng, chars.length)] = pick(rng, [...':-[]{}#&*!|>\'"%@`,? \t\n', ...ODD_TEXT]);
      return chars.join('');
    },
  ],
  [
    'line-delete',
    (rng, text) => {
      const l = lines(text);
      const at = int(rng, l.length);
      l.splice(at, 1 + int(rng, 3));
      return l.join('\n');
    },
  ],
  [
    'line-duplicate',
    (rng, text) => {
      const l = lines(text);
      const at = int(rng, l.length);
      l.splice(at, 0, ...l.slice(at, at + 1 + int(rng, 4)));
      return l.join('\n');
    },
  ],
  [
    'line-swap',
    (rng, text) => {
      const l = lines(text);
      const a = int(rng, l.length);
      const b = int(rng, l.length);
      [l[a], l[b]] = [l[b]!, l[a]!];
      return l.join('\n');
    },
  ],
  [
    'line-indent',
    (rng, text) => {
      const l = lines(text);
      const at = int(rng, l.length);
      l[at] = pick(rng, [' ', '  ', '\t', '    ', '']) + l[at]!.replace(/^ {0,2}/, pick(rng, ['', ' ']));
      return l.join('\n');
    },
  ],
  ['swap-type', (rng, text) => replaceValue(rng, text, pick(rng, SWAPS))],
  ['deep-nesting', (rng, text) => (rng() < 0.7 ? replaceValue(rng, text, deepValue(rng)) : `${text}\n${deepBlock(pick(rng, [100, 1000, 3000]))}\n`)],
  ['alias-bomb', (rng, text) => `${aliasBomb(pick(rng, [3, 6, 9]))}\n${text}`],
  ['huge-string', (rng, text) => replaceValue(rng, text, rng() < 0.5 ? hugeString(rng) : JSON.stringify(hugeString(rng)))],
  ['huge-key', (rng, text) => `${'k'.repeat(pick(rng, [1000, 100_000]))}: 1\n${text}`],
  ['many-keys', (rng, text) => `${text}\nenvironments:\n${Array.from({ length: pick(rng, [100, 2000]) }, (_, i) => `  e${i}: {branch: b${i}}`).join('\n')}\n`],
  [
    'odd-unicode',
    (rng, text) => {
      const chars = [...text];
      for (let n = 1 + int(rng, 4); n > 0; n--) chars.splice(int(rng, chars.length + 1), 0, pick(rng, ODD_TEXT));
      return chars.join('');
    },
  ],
  [
    'escape-in-double-quotes',
    (rng, text) => replaceValue(rng, text, `"${Array.from({ length: 1 + int(rng, 4) }, () => pick(rng, [...ODD_ESCAPES, 'a', ' '])).join('')}"`),
  ],
  ['bom', (_rng, text) => `\ufeff${text}`],
  ['double-bom', (_rng, text) => `\ufeff\ufeff${text}`],
  ['utf16', (rng, text) => Buffer.concat([Buffer.from(rng() < 0.5 ? [0xff, 0xfe] : [0xfe, 0xff]), Buffer.from(text, 'utf16le')])],
  ['crlf', (_rng, text) => text.replace(/\n/g, '\r\n')],
  ['cr-only', (_rng, text) => text.replace(/\n/g, '\r')],
  ['mixed-eol', (rng, text) => text.replace(/\n/g, () => pick(rng, ['\n', '\r\n', '\r', '\u2028', '\u0085']))],
  ['truncate', (rng, text) => text.slice(0, int(rng, text.length))],
  [
    'truncate-bytes',
    (rng, text) => {
      const b = Buffer.from(text, 'utf8');
      return b.subarray(0, int(rng, b.length));
    },
  ],
  ['multi-document', (rng, text) => pick(rng, [`${text}\n---\n${text}`, `---\n${text}\n...\n`, `%YAML 1.1\n---\n${text}`, `%YAML 9.9\n---\n${text}`])],
  [
    'top-level-swap',
    (rng, text) => pick(rng, ['', '\n', '# only a comment\n', '- a list\n', 'just a string\n', '42\n', 'null\n', '~\n', `[${text.length}]`, '!!binary AAAA']),
  ],
  [
    'duplicate-key',
    (rng, text) => {
      const l = lines(text);
      const keys = l.filter((x) => /^[a-z]+:/.test(x));
      return `${text}\n${keys.length ? pick(rng, keys) : 'app: x'}\n`;
    },
  ],
  [
    'splice-other',
    (rng, text) => {
      const other = pick(rng, seedConfigs()).text;
      const at = int(rng, text.length);
      return text.slice(0, at) + other.slice(int(rng, other.length));
    },
  ],
  [
    'nul-byte',
    (rng, text) => {
      const at = int(rng, text.length);
      return `${text.slice(0, at)}\u0000${text.slice(at)}`;
    },
  ],
];

/** One mutant: one to three mutations applied in turn to a seed config. */
export function mutate(rng: Rng, seed: Seed): Mutant {
  let current: string | Buffer = seed.text;
  const ops: string[] = [seed.name];
  for (let n = rng() < 0.6 ? 1 : 2 + int(rng, 2); n > 0; n--) {
    const [name, apply] = pick(rng, MUTATIONS);
    // A later mutation works on text: undo a byte-level result's bad sequences as Node decodes them (U+FFFD).
    const text: string = typeof current === 'string' ? current : current.toString('utf8');
    current = apply(rng, text);
    ops.push(name);
  }
  return { ops, bytes: typeof current === 'string' ? Buffer.from(current, 'utf8') : current };
}

/** How many kinds of mutation there are, for the figures the tests print. */
export const MUTATION_KINDS = MUTATIONS.map(([name]) => name);
