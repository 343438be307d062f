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

const scenarios = [
  { ...base, name: 'develop', branch: 'develop' },
  { ...base, name: 'main', branch: 'main', inputs: { 'Approve (when before input)': 'alice' } },
  { ...base, name: 'feature', branch: 'feature/login' },
  { ...base, name: 'deep', branch: 'bugfix/a/b' },
  { ...base, name: 'build fails', branch: 'main', fail: [{ step: 'sh', match: 'make build' }] },
  { ...base, name: 'abort', branch: 'main', inputs: { 'Approve (input before when)': 'abort' } },
  { name: 'unknown step', branch: 'main', jenkinsfile: join(FIX, 'Jenkinsfile.unknown') },
  { ...base, name: 'real sh', branch: 'develop', execSh: true, workspace, sh: [] },
  { name: 'clock', branch: 'main', jenkinsfile: join(FIX, 'Jenkinsfile.clock'), sh: [{ match: 'poll-for-a-while', takesEnv: 'PW_TIMEOUT' }] },
];

const semantics = { jenkinsfile: join(FIX, 'Jenkinsfile.semantics'), branch: 'main' };
const users = { bob: { groups: ['ops'] }, mallory: { groups: ['dev'] }, root: { admin: true } };
const semanticsScenarios = [
  { ...semantics, name: 'warned', env: { WARN: 'yes' }, inputs: { Approve: 'bob' }, users },
  { ...semantics, name: 'stalled sync', inputs: { Approve: 'bob' }, users, fail: [{ step: 'sh', match: 'sync-and-wait', stall: true }] },
  { ...semantics, name: 'approval expires', inputs: { Approve: 'timeout' }, users },
  { ...semantics, name: 'outsider answers', inputs: { Approve: 'mallory' }, users },
  { ...semantics, name: 'administrator answers', inputs: { Approve: 'root' }, users },
  { ...semantics, name: 'stall with no timeout', inputs: { Approve: 'bob' }, users, fail: [{ step: 'sh', match: 'make check', stall: true }] },
];
// Both lists in one simulator JVM (a JVM start and Sim.groovy's compilation cost seconds of CPU), split by position.
const all = simulate([...scenarios, ...semanticsScenarios], { varsDir: join(FIX, 'vars') });
assert.equal(
  all.map((o) => o.name),
  [...scenarios, ...semanticsScenarios].map((s) => s.name),
);
const outcomes = all.slice(0, scenarios.length);
const judged = all.slice(scenarios.length);
const get = (name: string): SimOutcome => outcomes.find((o) => o.name === name)!;
const judge = (name: string): SimOutcome => judged.find((o) => o.name === name)!;
const stageOf = (o: SimOutcome, name: string) => o.stages.find((s) => s.name === name)!;
const echoes = (o: SimOutcome): string[] => o.calls.filter((c) => c.step === 'echo').map((c) => String((c.args as unknown[])[0]));

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
  // The var's withEnv, and the stage's node (which sets NODE_NAME for its body, as Jenkins' node step does).
  assert.equal(inner.env, ['GREET_NAME', 'NODE_NAME']);
});

test('a vars/ file is a global variable: one instance per calling script, kept for the run (UserDefinedGlobalVariable.getValue)', () => {
  const [o] = simulate([{ name: 'vars', branch: 'main', jenkinsfile: join(FIX, 'Jenkinsfile.vars') }], { varsDir: join(FIX, 'vars') });
  assert.equal(o!.errors, []);
  // pwWave's two calls share its one instance, and so its pwShared; pwShout holds a pwShared of its own.
  assert.equal(echoes(o!), ['hello a (1)', 'hello b (2)', 'HELLO C (1)']);
  assert.equal(o!.varsInstances, { pwWave: 1, pwShared: 2, pwShout: 1 });
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
  assert.ok(
    o.errors.some((e) => e.includes('unknown step: pwGreeet')),
    o.errors.join('\n'),
  );
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

test('a stage post is judged on the worse of its own and the build result: after unstable(), a clean stage runs unstable, not success', () => {
  const o = judge('warned');
  assert.is(o.result, 'UNSTABLE');
  assert.is(stageOf(o, 'Warn').status, 'unstable');
  assert.is(stageOf(o, 'Clean stage after a warning').status, 'success');
  assert.equal(stageOf(o, 'Clean stage after a warning').post, ['unstable']);
  assert.equal(stageOf(o, 'Deploy').post, ['unsuccessful'], 'failure and aborted do not see UNSTABLE; unsuccessful does');
  assert.equal(o.postRan, ['unstable']);
});

test('a step stalled past its timeout ends the stage ABORTED: post failure is skipped, aborted and unsuccessful run', () => {
  const o = judge('stalled sync');
  assert.is(o.result, 'ABORTED');
  assert.is(stageOf(o, 'Sync').status, 'aborted');
  assert.match(stageOf(o, 'Sync').error!, /Timeout has been exceeded/);
  assert.is(stageOf(o, 'Deploy').status, 'aborted');
  assert.equal(stageOf(o, 'Deploy').post, ['aborted', 'unsuccessful']);
  assert.equal(o.postRan, ['aborted']);
});

test('the clock is virtual: sleep and a slow stub move it, System.currentTimeMillis() reads it, and a timeout running out aborts its stage', () => {
  const o = get('clock');
  // 90 minutes, 30 seconds (sleep's default unit), and the stub's 2 minutes from PW_TIMEOUT.
  assert.equal(echoes(o), [`waited ${(90 * 60 + 30 + 120) * 1000} ms`]);
  assert.equal(
    o.calls.filter((c) => c.step === 'sleep').map((c) => [c.at, c.sleptMs]),
    [
      [0, 5_400_000],
      [5_400_000, 30_000],
      [5_550_000, 7_200_000],
    ],
  );
  assert.is(stageOf(o, 'Out of time').status, 'aborted');
  assert.match(stageOf(o, 'Out of time').error!, /Timeout has been exceeded/);
  assert.is(o.result, 'ABORTED');
});

test('a stalled step with no timeout around it fails loudly instead of hanging', () => {
  const o = judge('stall with no timeout');
  assert.is(o.result, 'FAILURE');
  assert.match(stageOf(o, 'Warn').error!, /no timeout around it/);
});

test('input: a member of a submitter group and an administrator may answer; an outsider cannot, so the input times out ABORTED, and the post of the stage never runs (ModelInterpreter runs it inside stageInput)', () => {
  assert.ok(echoes(judge('warned')).includes('approved by bob'));
  assert.ok(echoes(judge('administrator answers')).includes('approved by root'));
  for (const name of ['outsider answers', 'approval expires']) {
    const o = judge(name);
    assert.is(o.result, 'ABORTED', name);
    assert.is(stageOf(o, 'Approve').status, 'aborted', name);
    assert.is(stageOf(o, 'Approve').post, undefined, name);
    assert.not.ok(echoes(o).includes('approval aborted'), name);
    assert.is(stageOf(o, 'Deploy').status, 'skipped-after-failure', name);
    assert.not.ok(
      echoes(o).some((e) => e.startsWith('approved by')),
      name,
    );
  }
});

test('lock: what runs inside holds the resource, the input before it does not', () => {
  const o = judge('warned');
  const sync = o.calls.find((c) => c.step === 'sh' && c.script === 'sync-and-wait')!;
  assert.equal((sync as { locks?: string[] }).locks, ['app-prod']);
  assert.equal((o.calls.find((c) => c.stageInput) as { locks?: string[] }).locks, []);
  assert.ok(o.calls.some((c) => c.step === 'milestone' && c.stage === 'Sync'));
});

test.run();
