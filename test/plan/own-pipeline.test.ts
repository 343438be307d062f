// The repository's own CI: pipeline.yaml at the root lints clean and the root Jenkinsfile is what `pipewright gen` makes of it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../support/cli.js';

test('the root pipeline.yaml lints clean', () => {
  const r = runCli(['lint', 'pipeline.yaml', '--max-warnings', '0'], { cwd: ROOT });
  assert.is(r.stdout, '');
  assert.is(r.code, 0);
});

test('pipewright gen --check passes for the root pipeline.yaml', () => {
  const r = runCli(['gen', '--check'], { cwd: ROOT });
  assert.is(r.code, 0, r.stdout + r.stderr);
  assert.is(r.stdout, '');
});

test('the root pipeline runs install, lint, type-check, test and check:generated, and publishes and deploys nothing', () => {
  const r = runCli(['plan', '--format', 'json'], { cwd: ROOT });
  assert.is(r.code, 0, r.stderr);
  const [only, ...rest] = JSON.parse(r.stdout).branches;
  assert.equal(rest, []);
  assert.equal(
    only.stages.map((s: { name: string }) => s.name),
    ['Build', 'Checkout', 'Install', 'Lint', 'Type-check', 'Unit tests', 'Check generated files'],
  );
  assert.equal([only.images, only.deployments], [[], []]);
  const jenkinsfile = readFileSync(join(ROOT, 'Jenkinsfile'), 'utf8');
  for (const command of ["sh 'npm ci'", "sh 'npx tsc --noEmit -p .'", 'npm run test:only', "sh 'npm run check:generated'"])
    assert.ok(jenkinsfile.includes(command), command);
  // npm ci builds (prepare) and Type-check runs tsc: the test stage must not build and type-check a second time.
  assert.not.ok(jenkinsfile.includes('npm test'), 'the test stage runs "npm test", which builds and type-checks again');
});

test('gen --check fails on a one-character edit of a copy of the root Jenkinsfile', async () => {
  const { mkdtempSync, writeFileSync, copyFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'pw-own-'));
  try {
    copyFileSync(join(ROOT, 'pipeline.yaml'), join(dir, 'pipeline.yaml'));
    writeFileSync(join(dir, 'Jenkinsfile'), readFileSync(join(ROOT, 'Jenkinsfile'), 'utf8').replace("sh 'npm ci'", "sh 'npm cj'"));
    const r = runCli(['gen', '--check'], { cwd: dir });
    assert.is(r.code, 1);
    assert.match(r.stdout, /npm cj/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
