// The conventions people expect around the CLI: shell completion through yargs, and pre-commit hooks that pass file paths.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { ROOT, runCli } from '../support/cli.js';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
}

const hooks = jsYaml.load(readFileSync(join(ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

test('completion prints a bash script that asks pipewright for completions', () => {
  const r = runCli(['completion']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /pipewright --get-yargs-completions/);
  assert.match(r.stdout, /complete .* pipewright/);
  const syntax = spawnSync('bash', ['-n'], { input: r.stdout, encoding: 'utf8', timeout: 10_000 });
  assert.is(syntax.status, 0, syntax.stderr);
});

test("completion offers the command names, and a command's own options once it is typed", () => {
  const commands = runCli(['--get-yargs-completions', 'pipewright', '']).stdout.split('\n');
  for (const name of ['init', 'lint', 'schema', 'completion']) assert.ok(commands.includes(name), `command "${name}" in ${commands.join(' ')}`);
  const lintOptions = runCli(['--get-yargs-completions', 'pipewright', 'lint', '--']).stdout.split('\n');
  assert.ok(lintOptions.includes('--format') && lintOptions.includes('--max-warnings'), lintOptions.join(' '));
  const initOptions = runCli(['--get-yargs-completions', 'pipewright', 'init', '--']).stdout.split('\n');
  assert.ok(initOptions.includes('--force') && initOptions.includes('--stdout'), initOptions.join(' '));
});

test('the pre-commit hooks run lint and gen --check on pipeline.yaml files only', () => {
  assert.equal(
    hooks.map((h) => [h.id, h.entry, h.language]),
    [
      ['pipewright-lint', 'pipewright lint', 'node'],
      ['pipewright-gen-check', 'pipewright gen --check', 'node'],
    ],
  );
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
  assert.ok(pkg.bin.pipewright, 'language: node installs the package and runs its "pipewright" bin');
  for (const hook of hooks) {
    // pre-commit uses Python's re.search; this pattern means the same in JavaScript.
    const files = new RegExp(hook.files);
    for (const path of ['pipeline.yaml', 'services/orders/pipeline.yaml']) assert.ok(files.test(path), `${hook.id} takes ${path}`);
    for (const path of ['my-pipeline.yaml', 'pipeline.yaml.orig', 'pipeline.yml', 'Jenkinsfile']) assert.not.ok(files.test(path), `${hook.id} skips ${path}`);
  }
});

test("the lint hook's entry takes file paths the way pre-commit passes them", () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-hook-'));
  try {
    mkdirSync(join(dir, 'svc'));
    writeFileSync(join(dir, 'pipeline.yaml'), 'version: 1\napp: one\n');
    writeFileSync(join(dir, 'svc', 'pipeline.yaml'), 'version: 1\napp: two\n');
    const args = hooks
      .find((h) => h.id === 'pipewright-lint')!
      .entry.split(' ')
      .slice(1);
    const clean = runCli([...args, 'pipeline.yaml', 'svc/pipeline.yaml'], { cwd: dir });
    assert.is(clean.code, 0, clean.stdout + clean.stderr);
    writeFileSync(join(dir, 'svc', 'pipeline.yaml'), 'version: 1\napp: Two_Bad\n');
    const broken = runCli([...args, 'pipeline.yaml', 'svc/pipeline.yaml'], { cwd: dir });
    assert.is(broken.code, 1);
    assert.match(broken.stdout, /svc\/pipeline\.yaml/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
