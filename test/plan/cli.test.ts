// `pipewright plan` as users run it: formats, --branch, --out, exit codes 0/1/2, plain output when piped.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'pw-plan-cli-'));

test('the table is the golden table, plain when piped', () => {
  const r = runCli(['plan', 'examples/python-service/pipeline.yaml']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, readFileSync('test/fixtures/plan/python-service/plan.txt', 'utf8'));
  assert.not.match(r.stdout, /\u001b\[/);
});

test('a folder holding one pipeline.yaml is that config; colour only when forced on', () => {
  const r = runCli(['plan', 'examples/node-helm-service', '--format', 'json']);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, readFileSync('test/fixtures/plan/node-helm-service/plan.json', 'utf8'));
  const coloured = runCli(['plan', 'examples/go-library'], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
  assert.match(coloured.stdout, /\u001b\[1mbranch feature\/\*/);
});

test('--branch plans one branch', () => {
  const r = runCli(['plan', 'examples/python-service/pipeline.yaml', '--branch', 'main', '--format', 'json']);
  assert.is(r.code, 0, r.stderr);
  const plan = JSON.parse(r.stdout);
  assert.equal(
    plan.branches.map((b: { branch: string }) => b.branch),
    ['main'],
  );
  assert.equal(
    plan.branches[0].deployments.map((d: { environment: string }) => d.environment),
    ['staging', 'prod'],
  );
});

test('--out writes the file and says so; mermaid and html go through it too', () => {
  const out = join(tmp, 'plan.mmd');
  const r = runCli(['plan', 'examples/python-service/pipeline.yaml', '--format', 'mermaid', '--out', out]);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.stdout, `wrote ${out}\n`);
  assert.is(readFileSync(out, 'utf8'), readFileSync('test/fixtures/plan/python-service/plan.mmd', 'utf8'));
  const html = join(tmp, 'plan.html');
  assert.is(runCli(['plan', 'examples/python-service/pipeline.yaml', '--format', 'html', '--out', html]).code, 0);
  assert.match(readFileSync(html, 'utf8'), /^<!DOCTYPE html>/);
});

test('lint errors: printed as lint prints them, exit 1, no plan', () => {
  const file = join(tmp, 'broken.yaml');
  writeFileSync(file, 'version: 1\napp: demo\nenviroments: {}\n');
  const r = runCli(['plan', file]);
  assert.is(r.code, 1);
  assert.is(r.stdout, '');
  assert.match(r.stderr, /broken\.yaml:3:1: error unknown key "enviroments"; did you mean "environments"\? \[unknown-key\]/);
});

test('usage errors and unreadable input exit 2', () => {
  assert.is(runCli(['plan', join(tmp, 'missing.yaml')]).code, 2);
  assert.is(runCli(['plan', 'examples']).code, 2);
  assert.is(runCli(['plan', 'examples/go-library', '--format', 'svg']).code, 2);
  assert.is(runCli(['plan', 'examples/go-library', '--branch', '']).code, 2);
  const binary = join(tmp, 'binary.yaml');
  writeFileSync(binary, Buffer.from([0x76, 0x00, 0x01]));
  const r = runCli(['plan', binary]);
  assert.is(r.code, 2);
  assert.match(r.stderr, /\[encoding\]/);
});

test('--help has an example', () => {
  const r = runCli(['plan', '--help']);
  assert.is(r.code, 0);
  assert.match(r.stdout, /Examples:\n\s+pipewright plan/);
});

test.after(() => rmSync(tmp, { recursive: true, force: true }));

test.run();
