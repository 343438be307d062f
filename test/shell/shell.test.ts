// POSIX shell quoting, judged by the real /bin/sh: each quoted word reads back as exactly the input.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { shellQuote, shellWords } from '../../src/groovy/shell.js';
import { adversarialString, random } from '../gen/adversarial.js';

/** Runs one sh script printing each word NUL-terminated; returns the words sh saw. */
function shellRoundTrip(words: string[]): string[] {
  const script = words.map((w) => `printf '%s\\0' ${shellQuote(w)}`).join('\n');
  const r = spawnSync('/bin/sh', ['-c', script], { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  assert.is(r.status, 0, r.stderr);
  return r.stdout.split('\0').slice(0, -1);
}

test('quoting is the POSIX single-quote form', () => {
  assert.is(shellQuote('plain'), "'plain'");
  assert.is(shellQuote("it's"), "'it'\\''s'");
  assert.is(shellQuote(''), "''");
  assert.is(shellWords(['a b', '$x']), "'a b' '$x'");
});

test('a NUL cannot be a shell word: refused, not truncated', () => {
  assert.throws(() => shellQuote('a\u0000b'), /NUL/);
});

test('two thousand adversarial words read back exactly from /bin/sh', () => {
  const rng = random(99);
  const words = Array.from({ length: 2000 }, (_, i) => adversarialString(rng, String(i)).replace(/\u0000/g, ''));
  words.push('', "'", "''", '-n', '--', '$(touch /tmp/pw-owned)', '`id`', '\n', '*', '~');
  assert.equal(shellRoundTrip(words), words);
});

test.run();
