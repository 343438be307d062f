// `pipewright gen` as users run it: writes only on change, --check catches drift and hand edits, lint errors write nothing.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { CLI, ROOT, runCli } from '../support/cli.js';

const SEED = join(ROOT, 'examples', 'python-service', 'pipeline.yaml');
let dir = '';

test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'pw-gen-'));
});
test.after.each(() => {
  rmSync(dir, { recursive: true, force: true });
});

function project(name: string, config = SEED): string {
  mkdirSync(join(dir, name), { recursive: true });
  copyFileSync(config, join(dir, name, 'pipeline.yaml'));
  return join(dir, name);
}

test('writes the Jenkinsfile beside the config, then leaves it alone when nothing changed', () => {
  const p = project('svc');
  const first = runCli(['gen'], { cwd: p });
  assert.is(first.code, 0, first.stderr);
  assert.match(first.stdout, /wrote Jenkinsfile/);
  const written = readFileSync(join(p, 'Jenkinsfile'), 'utf8');
  assert.is(written, readFileSync(join(ROOT, 'examples', 'python-service', 'Jenkinsfile'), 'utf8'));
  const mtime = statSync(join(p, 'Jenkinsfile')).mtimeMs;
  const second = runCli(['gen'], { cwd: p });
  assert.is(second.code, 0);
  assert.is(second.stdout, '');
  assert.is(statSync(join(p, 'Jenkinsfile')).mtimeMs, mtime);
});

test('--check passes on a fresh file and catches a one-character hand edit with a unified diff', () => {
  const p = project('svc');
  assert.is(runCli(['gen'], { cwd: p }).code, 0);
  const clean = runCli(['gen', '--check'], { cwd: p });
  assert.is(clean.code, 0, clean.stdout + clean.stderr);
  const file = join(p, 'Jenkinsfile');
  const text = readFileSync(file, 'utf8');
  writeFileSync(file, text.replace("branch 'develop'", "branch 'develoq'"));
  const r = runCli(['gen', '--check'], { cwd: p });
  assert.is(r.code, 1);
  assert.match(r.stdout, /^--- Jenkinsfile$/m);
  assert.match(r.stdout, /^\+\+\+ Jenkinsfile \(generated\)$/m);
  assert.match(r.stdout, /^@@ -\d+,\d+ \+\d+,\d+ @@$/m);
  assert.match(r.stdout, /^-\s+branch 'develoq'$/m);
  assert.match(r.stdout, /^\+\s+branch 'develop'$/m);
  assert.match(r.stderr, /1 of 1 Jenkinsfiles out of date/);
  assert.is(readFileSync(file, 'utf8'), text.replace("branch 'develop'", "branch 'develoq'"), '--check wrote the file');
});

test('--check fails on a missing Jenkinsfile and writes nothing', () => {
  const p = project('svc');
  const r = runCli(['gen', '--check'], { cwd: p });
  assert.is(r.code, 1);
  assert.match(r.stdout, /Jenkinsfile: missing/);
  assert.not.ok(existsSync(join(p, 'Jenkinsfile')));
});

test('lint errors are printed like lint prints them and nothing is written (exit 1)', () => {
  const p = project('svc');
  const good = project('good');
  writeFileSync(join(p, 'pipeline.yaml'), 'version: 1\napp: Not_A_Name\n');
  const r = runCli(['gen', p, good]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /pipeline\.yaml:2:6: error .*\[schema\]/);
  assert.match(r.stderr, /nothing was generated/);
  assert.not.ok(existsSync(join(p, 'Jenkinsfile')));
  assert.not.ok(existsSync(join(good, 'Jenkinsfile')), 'a clean config was written although another had errors');
});

test('a custom stage named like a built-in stage is an error at its position, and nothing is written', () => {
  const p = project('svc');
  writeFileSync(join(p, 'pipeline.yaml'), 'version: 1\napp: clash\nbuild:\n  language: node\ncustom:\n  - name: Install\n    after: lint\n    run: make\n');
  const r = runCli(['gen'], { cwd: p });
  assert.is(r.code, 1);
  assert.match(r.stderr, /pipeline\.yaml:6:11: error the stage name "Install" is also a pipewright stage .*\[custom-stage-duplicate-name\]/);
  // gen is lint, then render: lint reports the same finding.
  const lint = runCli(['lint'], { cwd: p });
  assert.is(lint.code, 1);
  assert.match(lint.stdout, /pipeline\.yaml:6:11: error the stage name "Install" is also a pipewright stage .*\[custom-stage-duplicate-name\]/);
  assert.not.ok(existsSync(join(p, 'Jenkinsfile')));
});

test('a missing path is a usage error (exit 2)', () => {
  const r = runCli(['gen', join(dir, 'nowhere')]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /no such file or folder/);
});

test('--stdout prints exactly what gen writes; --out writes elsewhere with a marker pointing back', () => {
  const p = project('svc');
  const printed = runCli(['gen', '--stdout'], { cwd: p });
  assert.is(printed.code, 0);
  assert.not.ok(existsSync(join(p, 'Jenkinsfile')));
  runCli(['gen'], { cwd: p });
  assert.is(printed.stdout, readFileSync(join(p, 'Jenkinsfile'), 'utf8'));
  const out = join(dir, 'ci', 'Jenkinsfile.generated');
  const r = runCli(['gen', join(p, 'pipeline.yaml'), '--out', out]);
  assert.is(r.code, 0, r.stderr);
  assert.match(
    readFileSync(out, 'utf8').split('\n')[0]!,
    /from \.\.\/svc\/pipeline\.yaml; .*"pipewright gen \.\.\/svc\/pipeline\.yaml --out Jenkinsfile\.generated" in this folder\.$/,
  );
  assert.is(runCli(['gen', join(p, 'pipeline.yaml'), '--out', out, '--check']).code, 0);
});

test('--stdout and --out take one config', () => {
  project('a');
  project('b');
  const r = runCli(['gen', dir, '--stdout']);
  assert.is(r.code, 2);
  assert.match(r.stderr, /take one config; 2 were given/);
});

test('a hand-written Jenkinsfile is not overwritten without --force', () => {
  const p = project('svc');
  writeFileSync(join(p, 'Jenkinsfile'), "pipeline { agent any; stages { stage('x') { steps { echo 'mine' } } } }\n");
  const r = runCli(['gen'], { cwd: p });
  assert.is(r.code, 1);
  assert.match(r.stderr, /not generated by pipewright; move it away or pass --force/);
  assert.match(readFileSync(join(p, 'Jenkinsfile'), 'utf8'), /mine/);
  assert.is(runCli(['gen', '--force'], { cwd: p }).code, 0);
  assert.not.match(readFileSync(join(p, 'Jenkinsfile'), 'utf8'), /mine/);
});

test('many configs in one run: every one written, no progress line when stderr is not a terminal', () => {
  const fixtures = ['minimal', 'node-preset', 'go-preset', 'maven-preset', 'no-image', 'no-gitops', 'custom-steps'];
  for (const f of fixtures) project(f, join(ROOT, 'test', 'fixtures', 'gen', f, 'pipeline.yaml'));
  const r = runCli(['gen', dir]);
  assert.is(r.code, 0, r.stderr);
  // Lint warnings may be printed; a progress line (carriage return, "generating i/n") may not.
  assert.not.match(r.stderr, /\r|generating \d+\/\d+/);
  assert.not.match(r.stderr, / error /);
  for (const f of fixtures) {
    assert.is(readFileSync(join(dir, f, 'Jenkinsfile'), 'utf8'), readFileSync(join(ROOT, 'test', 'fixtures', 'gen', f, 'Jenkinsfile'), 'utf8'), f);
  }
  assert.is(runCli(['gen', dir, '--check']).code, 0);
});

test('with a terminal on stderr and more than five configs, a progress line names each config', () => {
  const fixtures = ['minimal', 'node-preset', 'go-preset', 'maven-preset', 'no-image', 'no-gitops'];
  for (const f of fixtures) project(f, join(ROOT, 'test', 'fixtures', 'gen', f, 'pipeline.yaml'));
  // script(1) gives the command a pseudo-terminal; stdout and stderr both land in its output.
  const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} gen ${JSON.stringify(dir)}`, '/dev/null'], {
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.is(r.status, 0, r.stdout + r.stderr);
  for (let i = 1; i <= fixtures.length; i++) assert.match(r.stdout, new RegExp(`generating ${i}/${fixtures.length} `));
  for (const f of fixtures) assert.ok(existsSync(join(dir, f, 'Jenkinsfile')));
});

test('the committed example Jenkinsfiles are current', () => {
  const r = runCli(['gen', 'examples/', '--check']);
  assert.is(r.code, 0, r.stdout + r.stderr);
});

test.run();
