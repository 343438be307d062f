// Start-up (#20): what a cold one-file lint loads is kept small, and the lazily loaded pieces still work from the bundle.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../support/cli.js';

const EXAMPLE = 'examples/python-service/pipeline.yaml';

test('the CLI chunks hold neither the org-defaults nor the policy validator; dist/validators/ holds both', () => {
  for (const chunk of readdirSync(join(ROOT, 'dist', 'chunks'))) {
    const text = readFileSync(join(ROOT, 'dist', 'chunks', chunk), 'utf8');
    assert.not.ok(text.includes('// build/org-defaults.validate.cjs'), `${chunk} bundles the org-defaults validator`);
    assert.not.ok(text.includes('// build/policy.validate.cjs'), `${chunk} bundles the policy validator`);
  }
  for (const name of ['org-defaults', 'policy']) assert.ok(existsSync(join(ROOT, 'dist', 'validators', `${name}.validate.cjs`)), name);
});

test('from the bundle, the lazily loaded validators still report: a bad org file and a bad policy', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-startup-'));
  try {
    writeFileSync(join(dir, 'org.yaml'), 'notAKey: 1\n');
    writeFileSync(join(dir, 'pipeline.yaml'), readFileSync(join(ROOT, EXAMPLE), 'utf8').replace(/^version: 1$/m, 'version: 1\nextends: ./org.yaml'));
    const org = runCli(['lint', join(dir, 'pipeline.yaml')]);
    assert.is(org.code, 1, org.stdout + org.stderr);
    assert.match(org.stdout, /notAKey/);
    writeFileSync(join(dir, 'policy.yaml'), 'noSuchSection: {}\n');
    const policy = runCli(['lint', '--policy', join(dir, 'policy.yaml'), EXAMPLE]);
    // An unusable policy is a usage error (exit 2), reported on stderr.
    assert.is(policy.code, 2, policy.stdout + policy.stderr);
    assert.match(policy.stderr, /unknown key "noSuchSection"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
