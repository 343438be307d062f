// The drift diff is a real unified diff: GNU patch applies it to the file on disk and gets the generated text.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unifiedDiff } from '../../src/core/diff.js';
import { random } from './adversarial.js';

const dir = mkdtempSync(join(tmpdir(), 'pw-diff-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function applyWithPatch(before: string, diff: string): string {
  const original = join(dir, 'original');
  const result = join(dir, 'result');
  writeFileSync(original, before);
  const r = spawnSync('patch', ['-s', '-o', result, original], { input: diff, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
  assert.is(r.status, 0, `patch failed: ${r.stdout}${r.stderr}\n${diff}`);
  return readFileSync(result, 'utf8');
}

test('equal texts give no diff', () => {
  assert.is(unifiedDiff('a\nb\n', 'a\nb\n', 'x', 'y'), '');
});

test('a one-character change is one hunk with three lines of context', () => {
  const before = 'a\nb\nc\nd\ne\nf\ng\n';
  const after = 'a\nb\nc\nD\ne\nf\ng\n';
  assert.is(
    unifiedDiff(before, after, 'Jenkinsfile', 'Jenkinsfile (generated)'),
    '--- Jenkinsfile\n+++ Jenkinsfile (generated)\n@@ -1,7 +1,7 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n',
  );
});

test('three hundred random edits: patch turns the old text into the new one', () => {
  const rng = random(4242);
  const line = (): string => ['stage', 'steps {', '}', "sh 'make'", '', 'when {', "branch 'main'"][Math.floor(rng() * 7)]!;
  let applied = 0;
  let withoutNewline = 0;
  for (let round = 0; round < 300; round++) {
    const before = Array.from({ length: Math.floor(rng() * 40) }, line);
    const after = [...before];
    for (let edits = Math.floor(rng() * 6); edits > 0; edits--) {
      const at = Math.floor(rng() * (after.length + 1));
      const kind = rng();
      if (kind < 0.33) after.splice(at, 0, line());
      else if (kind < 0.66) after.splice(at, 1);
      else after.splice(at, 1, `${line()}!`);
    }
    // Now and then a text ends without a newline, as a hand edit may leave it.
    const a = before.length ? `${before.join('\n')}${rng() < 0.15 ? '' : '\n'}` : '';
    const b = after.length ? `${after.join('\n')}${rng() < 0.15 ? '' : '\n'}` : '';
    const diff = unifiedDiff(a, b, 'original', 'generated');
    if (a === b) assert.is(diff, '');
    else {
      assert.is(applyWithPatch(a, diff), b, `round ${round}`);
      applied++;
      if (diff.includes('\\ No newline at end of file')) withoutNewline++;
    }
  }
  assert.ok(applied >= 200, `only ${applied} rounds changed anything`);
  assert.ok(withoutNewline >= 20, `only ${withoutNewline} rounds without a final newline`);
});

test.run();
