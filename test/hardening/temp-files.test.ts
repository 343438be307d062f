// Issue #16 item 3: every writer creates its temporary file exclusively under a random name, so a symbolic link planted under the old predictable names is never followed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { lstatSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeIfChanged } from '../../src/generated/synth.js';
import { writeFileAtomic } from '../../src/helpers/shared/atomic.js';
import { removeDir, tempDir } from '../support/git-repo.js';

/** A temporary folder holding a victim file that no write may reach. */
function setup(): { root: string; victim: string } {
  const root = tempDir('pw-tmp-link-');
  const victim = join(root, 'victim.txt');
  writeFileSync(victim, 'untouched\n');
  return { root, victim };
}

test("gen's writeIfChanged: a link planted at .<name>.<pid>.tmp is not followed; the target is written whole", () => {
  const { root, victim } = setup();
  try {
    const dir = join(root, 'svc');
    writeIfChanged(join(dir, 'placeholder'), 'x');
    // The name today's main used: a link committed under it (for a range of PIDs) redirected the write.
    symlinkSync(victim, join(dir, `.Jenkinsfile.${process.pid}.tmp`));
    assert.is(writeIfChanged(join(dir, 'Jenkinsfile'), 'pipeline {}\n'), 'written');
    assert.is(readFileSync(victim, 'utf8'), 'untouched\n');
    assert.is(readFileSync(join(dir, 'Jenkinsfile'), 'utf8'), 'pipeline {}\n');
    assert.ok(lstatSync(join(dir, 'Jenkinsfile')).isFile());
    // Nothing is left behind but the planted link itself.
    assert.equal(readdirSync(dir).sort(), [`.Jenkinsfile.${process.pid}.tmp`, 'Jenkinsfile', 'placeholder']);
  } finally {
    removeDir(root);
  }
});

test("the helpers' writeFileAtomic: a link planted at .<name>.<pid>.<time>.tmp is not followed", () => {
  const { root, victim } = setup();
  const realNow = Date.now;
  try {
    writeFileSync(join(root, 'record.json'), '{}\n');
    // Freeze the clock so the name today's main would pick is known, and plant a link there.
    Date.now = () => 0;
    symlinkSync(victim, join(root, `.record.json.${process.pid}.0.tmp`));
    writeFileAtomic(join(root, 'record.json'), '{"a":1}\n');
    Date.now = realNow;
    assert.is(readFileSync(victim, 'utf8'), 'untouched\n');
    assert.is(readFileSync(join(root, 'record.json'), 'utf8'), '{"a":1}\n');
    assert.ok(lstatSync(join(root, 'record.json')).isFile());
  } finally {
    Date.now = realNow;
    removeDir(root);
  }
});

test('writeFileAtomic: two writes never share a temporary name, and a failed write leaves nothing behind', () => {
  const root = tempDir('pw-tmp-link-');
  try {
    for (let i = 0; i < 20; i++) writeFileAtomic(join(root, 'f'), String(i));
    assert.equal(readdirSync(root), ['f']);
    assert.is(readFileSync(join(root, 'f'), 'utf8'), '19');
    // A missing folder: the error names the file, and no temporary file appears anywhere.
    assert.throws(() => writeFileAtomic(join(root, 'missing', 'f'), 'x'), /could not write .*missing\/f/);
    assert.equal(readdirSync(root), ['f']);
  } finally {
    removeDir(root);
  }
});

test.run();
