// The pipeline simulator's own tests: when, input order, post order, unknown steps, injected failures, real sh.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { ranStages, simulate, stepsIn, type SimOutcome } from '../support/jenkins-sim.js';

const FIX = join(ROOT, 'test', 'fixtures', 'sim');
const base = { jenkinsfile: join(FIX, 'Jenkinsfile') };
const workspace = mkdtempSync(join(tmpdir(), 'pw-sim-ws-'));

const outcomes = simulate(
  [
    { ...base, name: 'develop', branch: 'develop' },
    { ...base, name: 'main', branch: 'main', inputs: { 'Approve (when before input)': 'alice' } },
    { ...base, name: 'feature', branch: 'feature/login' },
    { ...base, name: 'deep', branch: 'bugfix/a/b' },
    { ...base, name: 'build fails', branch: 'main', fail: [{ step: 'sh', match: 'make build' }] },
    { ...base, name: 'abort', branch: 'main', inputs: { 'Approve (input before when)': 'abort' } },
    { name: 'unknown step', branch: 'main', jenkinsfile: join(FIX, 'Jenkinsfile.unknown') },
    { ...base, name: 'real sh', branch: 'develop', execSh: true, workspace, sh: [] },
  ],
  { varsDir: join(FIX, 'vars') },
);
const get = (name: string): SimOutcome => outcomes.find((o) => o.name === name)!;

test.after(() => rmSync(workspace, { recursive: true, force: true }));

test('a when { branch "main" } stage is skipped on develop and runs on main', () => {
  assert.not.ok(ranStages(get('develop')).includes('Main only'));
  assert.ok(ranStages(get('main')).includes('Main only'));
});

test('Ant-style branch patterns: * stays within a path segment, ** crosses them', () => {
  assert.ok(ranStages(get('feature')).includes('Feature only'));
  assert.ok(ranStages(get('deep')).includes('Feature only'));
  assert.not.ok(ranStages(get('main')).includes('Feature only'));
});

test('a stage input is asked before when unless beforeInput is set, as Jenkins does', () => {
  const develop = get('develop');
  const inputs = develop.calls.filter((c) => c.stageInput).map((c) => c.stage);
  assert.equal(inputs, ['Approve (input before when)']);
  assert.is(develop.stages.find((s) => s.name === 'Approve (when before input)')!.status, 'skipped');
});

test('the submitterParameter carries the approver into the stage environment', () => {
  const echo = get('main').calls.find((c) => c.step === 'echo' && c.stage === 'Approve (when before input)');
  assert.equal(echo?.args, ['approved by alice']);
  assert.is(get('main').result, 'SUCCESS');
});

test('library steps from vars/ run for real and their inner steps are recorded', () => {
  const calls = stepsIn(get('develop'), 'Build');
  assert.equal(calls, ['pwGreet', 'withEnv', 'sh', 'sh']);
  const inner = get('develop').calls.find((c) => c.step === 'sh' && c.depth === 1)!;
  assert.equal(inner.env, ['GREET_NAME']);
});

test('post { failure } does not run on success; post blocks run in Jenkins order', () => {
  assert.equal(get('develop').postRan, ['always', 'success', 'cleanup']);
  assert.equal(get('build fails').postRan, ['always', 'failure', 'cleanup']);
});

test('an injected failure fails its stage, skips the rest, and fails the build', () => {
  const o = get('build fails');
  assert.is(o.result, 'FAILURE');
  assert.is(o.stages.find((s) => s.name === 'Build')!.status, 'failed');
  assert.is(o.stages.find((s) => s.name === 'Last')!.status, 'skipped-after-failure');
});

test('an aborted input aborts the build', () => {
  const o = get('abort');
  assert.is(o.result, 'ABORTED');
  assert.is(o.stages.find((s) => s.name === 'Approve (input before when)')!.status, 'aborted');
  assert.equal(o.postRan, ['always', 'cleanup']);
});

test('an unknown step is an error, so a misspelt step name fails the test', () => {
  const o = get('unknown step');
  assert.is(o.result, 'FAILURE');
  assert.ok(o.errors.some((e) => e.includes('unknown step: pwGreeet')), o.errors.join('\n'));
});

test('with execSh the sh stub runs /bin/sh with the withEnv variables', () => {
  const inner = get('real sh').calls.find((c) => c.step === 'sh' && c.depth === 1)!;
  assert.is(inner.stdout, 'hello world\n');
  assert.is(get('real sh').stages.find((s) => s.name === 'Build')!.status, 'failed', 'make build has no Makefile here');
});

test('parameters get their defaults, options and agent are recorded', () => {
  const o = get('develop');
  assert.equal(o.params, { TARGET: 'none' });
  assert.ok(JSON.stringify(o.options).includes('timestamps'));
  assert.ok(JSON.stringify(o.agent).includes('linux'));
});

test.run();
