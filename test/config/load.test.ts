// Loader units: bytes to text (size, binary, UTF-8 with the first bad byte's position) and the YAML checks that
// have no natural golden fixture (alias limits, lone surrogates in keys, the happy path's model).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadBytes, loadFile, loadText, MAX_FILE_BYTES } from '../../src/config/load.js';
import { firstInvalidUtf8 } from '../../src/config/text.js';
import { MAX_ALIASES } from '../../src/config/yaml-parse.js';

const where = (r: { diagnostics: Array<{ line: number; column: number; ruleId: string }> }) => r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`);

test('valid UTF-8 has no invalid byte; each malformed kind is found at its first byte', () => {
  assert.is(firstInvalidUtf8(Buffer.from('ascii, é, €, 𝄞', 'utf8')), -1);
  assert.is(firstInvalidUtf8(Uint8Array.from([0x61, 0xc0, 0x80])), 1, 'overlong two-byte NUL');
  assert.is(firstInvalidUtf8(Uint8Array.from([0x61, 0x62, 0xed, 0xa0, 0x80])), 2, 'encoded surrogate');
  assert.is(firstInvalidUtf8(Uint8Array.from([0xe2, 0x82])), 0, 'truncated at the end');
  assert.is(firstInvalidUtf8(Uint8Array.from([0xf4, 0x90, 0x80, 0x80])), 0, 'past U+10FFFF');
  assert.is(firstInvalidUtf8(Uint8Array.from([0x80])), 0, 'lone continuation byte');
});

test('a Latin-1 byte is reported at its line and column, counted in characters', () => {
  const r = loadBytes(Buffer.concat([Buffer.from('version: 1\napp: ré', 'utf8'), Buffer.from([0xe9]), Buffer.from('\n')]), 'p.yaml');
  assert.equal(where(r), ['2:8 encoding']);
  assert.match(r.diagnostics[0]!.message, /0xE9 is not UTF-8/);
  assert.is(r.unreadable, true);
});

test('a UTF-16 file and a binary file are unreadable, with a message that says so', () => {
  const utf16 = loadBytes(Buffer.from('\ufeffversion: 1\n', 'utf16le'), 'p.yaml');
  assert.match(utf16.diagnostics[0]!.message, /UTF-16/);
  const binary = loadBytes(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), 'p.yaml');
  assert.equal(where(binary), ['3:1 encoding'], 'the NUL after the PNG signature, whose 0x0A bytes are line breaks');
  assert.match(binary.diagnostics[0]!.message, /binary/);
});

test('a UTF-8 byte-order mark is dropped, so columns on line 1 stay right', () => {
  const r = loadBytes(Buffer.from('\ufeffversion: 2\napp: a\n', 'utf8'), 'p.yaml');
  assert.equal(where(r), ['1:10 schema']);
});

test('more than 1 MiB is refused before parsing, from a file and from text', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-load-'));
  try {
    const file = join(dir, 'pipeline.yaml');
    writeFileSync(file, `# ${'x'.repeat(MAX_FILE_BYTES)}\n`);
    const r = loadFile(file);
    assert.equal(where(r), ['1:1 file-too-large']);
    assert.is(r.unreadable, true);
    assert.equal(where(loadText(`# ${'é'.repeat(MAX_FILE_BYTES / 2)}\n`, 'p.yaml')), ['1:1 file-too-large']);
    assert.equal(where(loadFile(join(dir, 'missing.yaml'))), ['1:1 unreadable']);
    assert.match(loadFile(dir).diagnostics[0]!.message, /folder/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test(`up to ${MAX_ALIASES} aliases are fine; the next one is reported where it stands`, () => {
  const entries = (n: number) => Array.from({ length: n }, (_, i) => `    - { name: s${i}, after: test, run: *cmd }`).join('\n');
  const body = (n: number) => `version: 1\napp: a\nbuild:\n  test: &cmd [make test]\ncustom:\n${entries(n)}\n`;
  assert.equal(where(loadText(body(MAX_ALIASES), 'p.yaml')), []);
  const last = `    - { name: s${MAX_ALIASES}, after: test, run: *cmd }`;
  assert.equal(where(loadText(body(MAX_ALIASES + 1), 'p.yaml')), [`${5 + MAX_ALIASES + 1}:${last.indexOf('*') + 1} yaml-aliases`]);
});

test('a few aliases that nest into a huge expansion are refused too', () => {
  // 16 aliases: a 1000-item list, four levels of four copies each: 256 000 values once expanded.
  const levels = [`l0: &l0 [${Array(1000).fill('x').join(', ')}]`];
  for (let i = 1; i <= 4; i++)
    levels.push(
      `l${i}: &l${i} [${Array(4)
        .fill(`*l${i - 1}`)
        .join(', ')}]`,
    );
  const r = loadText(`${levels.join('\n')}\n`, 'p.yaml');
  assert.equal(where(r), ['2:10 yaml-aliases']);
  assert.match(r.diagnostics[0]!.message, /expand this file to \d+ values/);
});

test('a lone surrogate in a key is reported at the key', () => {
  const r = loadText('version: 1\napp: a\n"k\\udc00": 1\n', 'p.yaml');
  assert.equal(where(r), ['3:1 yaml-unicode']);
});

test('a clean config yields a model and no diagnostics', () => {
  const r = loadText('version: 1\napp: orders-api\n', 'p.yaml');
  assert.equal(r.diagnostics, []);
  assert.is(r.model?.app, 'orders-api');
});

test.run();
