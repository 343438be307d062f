// The CLI's contract at the front door: version, help, exit codes for usage errors and unknown commands.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../support/cli.js';

test('--version prints the package version', () => {
  const r = runCli(['--version']);
  assert.is(r.code, 0);
  assert.is(r.stdout.trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
});

test('an unknown command is a usage error (exit 2), not a crash', () => {
  const r = runCli(['frobnicate']);
  assert.is(r.code, 2);
  assert.not.match(r.stderr, /at .*\.js:\d+/);
});

test('schema prints the JSON Schema', () => {
  const r = runCli(['schema']);
  assert.is(r.code, 0);
  assert.is(JSON.parse(r.stdout).title, 'pipewright pipeline.yaml');
});

test('lint of a missing path exits 2 with a message', () => {
  const r = runCli(['lint', 'no/such/place']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /no such file or folder/);
});

test('lint of the examples is clean: no error or warning, only the note that their GitOps manifests live elsewhere', () => {
  const r = runCli(['lint', 'examples/']);
  assert.is(r.code, 0);
  assert.not.match(r.stdout, / (error|warning) /);
  // The two deploying examples keep their manifests in a GitOps repository that is not beside them.
  assert.is((r.stdout.match(/ info no manifest could be read under /g) ?? []).length, 2);
  assert.match(r.stdout, /^0 errors, 0 warnings, 2 notes in 3 files$/m);
});

test('helper NAME --help reaches the helper itself; an unknown helper is a usage error', () => {
  const help = runCli(['helper', 'gate-coverage', '--help']);
  assert.is(help.code, 0);
  assert.match(help.stdout, /^Usage: gate-coverage \[options\]/);
  const unknown = runCli(['helper', 'no-such-helper']);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /unknown helper "no-such-helper"; available: .*gate-trivy/);
});

test('an option given twice is a usage error (exit 2) naming it, never an internal error; positionals still take many', () => {
  const go = join(ROOT, 'examples', 'go-library', 'pipeline.yaml');
  for (const [args, flag] of [
    [['gen', go, '--out', 'a/Jenkinsfile', '--out', 'b/Jenkinsfile'], '--out'],
    [['plan', go, '--branch', 'main', '--branch', 'develop'], '--branch'],
    [['lib', '--out', 'l1', '--out', 'l2'], '--out'],
  ] as const) {
    const r = runCli([...args]);
    assert.is(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^${flag} is given 2 times; give it once`));
    assert.not.match(r.stderr, /internal error/);
  }
  assert.is(runCli(['lint', go, join(ROOT, 'examples', 'python-service', 'pipeline.yaml')]).code, 0);
});

test.run();
