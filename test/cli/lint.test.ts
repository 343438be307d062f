// `pipewright lint` at the command line: the fast path (no yargs) and the yargs path accept the same commands,
// folder search finds pipeline.yaml files in a stable order, exit codes follow the command table.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findConfigs } from '../../src/cli/files.js';
import { runCli } from '../support/cli.js';

const OK = 'test/fixtures/lint/ok/minimal/pipeline.yaml';
const BAD = 'test/fixtures/lint/err/version-2/pipeline.yaml';

test('--format json and --format=json give the same output', () => {
  const spaced = runCli(['lint', BAD, '--format', 'json']);
  const joined = runCli(['lint', '--format=json', BAD]);
  assert.is(spaced.code, 1);
  assert.is(joined.code, 1);
  assert.is(joined.stdout, spaced.stdout);
  assert.is(JSON.parse(spaced.stdout)[0].ruleId, 'schema');
});

test('what the fast path does not handle goes to yargs: help, unknown flags, bad choices', () => {
  const help = runCli(['lint', '--help']);
  assert.is(help.code, 0);
  assert.match(help.stdout, /--max-warnings/);
  assert.match(help.stdout, /pipewright lint examples\//);
  const unknown = runCli(['lint', '--frobnicate', OK]);
  assert.is(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown argument/);
  const format = runCli(['lint', OK, '--format', 'xml']);
  assert.is(format.code, 2);
  assert.match(format.stderr, /Choices: "stylish", "json", "sarif", "checkstyle"/);
  const warnings = runCli(['lint', OK, '--max-warnings', 'many']);
  assert.is(warnings.code, 2);
});

test('paths after -- are paths, even when they look like flags', () => {
  const r = runCli(['lint', '--', '--not-a-flag.yaml']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /cannot read "--not-a-flag\.yaml"/);
});

test('a folder is searched for pipeline.yaml, sorted, skipping node_modules and hidden folders', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-files-'));
  try {
    for (const sub of ['b', 'a/deep', 'node_modules/x', '.git', '.hidden', 'a']) mkdirSync(join(dir, sub), { recursive: true });
    for (const file of [
      'b/pipeline.yaml',
      'a/deep/pipeline.yaml',
      'a/pipeline.yaml',
      'node_modules/x/pipeline.yaml',
      '.git/pipeline.yaml',
      '.hidden/pipeline.yaml',
      'a/other.yaml',
    ]) {
      writeFileSync(join(dir, file), 'version: 1\napp: a\n');
    }
    assert.equal(findConfigs([`${dir}/`]), [`${dir}/a/deep/pipeline.yaml`, `${dir}/a/pipeline.yaml`, `${dir}/b/pipeline.yaml`]);
    mkdirSync(join(dir, 'empty'));
    assert.throws(() => findConfigs([join(dir, 'empty')]), /no pipeline\.yaml under/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the default path is ./pipeline.yaml; its absence is a usage error (exit 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-cwd-'));
  try {
    const r = runCli(['lint'], { cwd: dir });
    assert.is(r.code, 2);
    // Golden: the whole message, which points a new user to init.
    assert.is(r.stderr, 'cannot read "pipeline.yaml": no such file or folder; run "pipewright init" to write a starter pipeline.yaml\n');
    const named = runCli(['lint', 'svc/pipeline.yaml'], { cwd: dir });
    assert.is(named.code, 2);
    assert.match(
      named.stderr,
      /cannot read "svc\/pipeline\.yaml": no such file or folder; run "pipewright init --dir svc" to write a starter pipeline\.yaml\n$/,
    );
    const other = runCli(['lint', 'ci.yaml'], { cwd: dir });
    assert.is(other.stderr, 'cannot read "ci.yaml": no such file or folder\n', 'init only for the file init writes');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
