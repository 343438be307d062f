// lint and gen under the platform's policy: the --policy flag and PIPEWRIGHT_POLICY, through the built CLI.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { runCli, ROOT } from '../support/cli.js';
import { BASE, patched, type Patch } from '../support/lint.js';

const POLICY = join(ROOT, 'test', 'fixtures', 'policy', 'acme.yaml');
const { approval: _a, ...prdWithoutApproval } = BASE.environments.prod as Patch;

/** A folder holding a pipeline.yaml that renames prod to prd and drops its approval: clean for today's lint. */
function renamedProd(): string {
  const dir = mkdtempSync(join(tmpdir(), 'pw-policy-cli-'));
  writeFileSync(join(dir, 'pipeline.yaml'), jsYaml.dump(patched({ extends: 'pipewright:default', environments: { prod: null, prd: prdWithoutApproval } })));
  return dir;
}

test('lint: the renamed prod passes without a policy, and fails with --policy and with PIPEWRIGHT_POLICY', () => {
  const dir = renamedProd();
  try {
    const plain = runCli(['lint', join(dir, 'pipeline.yaml')], { env: { PIPEWRIGHT_POLICY: '' } });
    assert.is(plain.code, 0, plain.stdout + plain.stderr);
    const flagged = runCli(['lint', join(dir, 'pipeline.yaml'), '--policy', POLICY], { env: { PIPEWRIGHT_POLICY: '' } });
    assert.is(flagged.code, 1, flagged.stdout + flagged.stderr);
    assert.match(
      flagged.stdout,
      /environment "prd" deploys without approval, but its environment name "prd" matches the policy's production pattern "prd".*\[policy\]/,
    );
    const fromEnv = runCli(['lint', join(dir, 'pipeline.yaml')], { env: { PIPEWRIGHT_POLICY: POLICY } });
    assert.is(fromEnv.code, 1, fromEnv.stdout + fromEnv.stderr);
    assert.match(fromEnv.stdout, /\[policy\]/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('gen under the policy writes nothing for the renamed prod (fast path and yargs alike)', () => {
  const dir = renamedProd();
  try {
    for (const args of [
      ['gen', join(dir, 'pipeline.yaml'), '--policy', POLICY],
      ['gen', join(dir, 'pipeline.yaml'), '--policy', POLICY, '--force', '--no-check'],
    ]) {
      const r = runCli(args, { env: { PIPEWRIGHT_POLICY: '' } });
      assert.is(r.code, 1, r.stdout + r.stderr);
      assert.match(r.stderr, /\[policy\]/);
      assert.not.ok(existsSync(join(dir, 'Jenkinsfile')));
    }
    const check = runCli(['gen', join(dir, 'pipeline.yaml'), '--check'], { env: { PIPEWRIGHT_POLICY: POLICY } });
    assert.is(check.code, 1, check.stdout + check.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a policy that cannot be read or is invalid stops lint with exit 2 and its position', () => {
  const dir = renamedProd();
  try {
    writeFileSync(join(dir, 'bad.yaml'), 'version: 1\nhosts:\n  gti: [github.com]\n');
    const bad = runCli(['lint', join(dir, 'pipeline.yaml'), '--policy', join(dir, 'bad.yaml')]);
    assert.is(bad.code, 2, bad.stdout + bad.stderr);
    assert.match(bad.stderr, /bad\.yaml:3:3: .*gti/);
    const missing = runCli(['lint', join(dir, 'pipeline.yaml')], { env: { PIPEWRIGHT_POLICY: join(dir, 'absent.yaml') } });
    assert.is(missing.code, 2, missing.stdout + missing.stderr);
    assert.match(missing.stderr, /from \$PIPEWRIGHT_POLICY/);
    assert.not.match(missing.stderr, /\n\s+at /);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
