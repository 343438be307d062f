// How many agents a manual Argo CD sync wait borrows: python-service's prod waits up to 24 h for operations, simulated on the virtual clock.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { simulate, type SimCall, type SimOutcome } from '../support/jenkins-sim.js';

const PYTHON = join(ROOT, 'examples', 'python-service', 'Jenkinsfile');
const STAGE = 'Wait for Argo CD sync: prod';
const HOUR = 3_600_000;
/** python-service's prod: sync manual, timeout 24h. */
const DEADLINE_MS = 24 * HOUR;

const AUTHOR = { match: 'log -1 --format=%ae', stdout: 'dev@acme.com\n' };
/** Not synced yet: argocd-sync polls for its whole --timeout and exits 1 (what the helper does while nobody syncs). */
const notSynced = (beforeMs?: number) => ({
  match: 'argocd-sync\\.cjs',
  stage: STAGE,
  status: 1,
  takesEnv: 'PW_TIMEOUT',
  ...(beforeMs === undefined ? {} : { beforeMs }),
});
const base = {
  branch: 'main',
  jenkinsfile: PYTHON,
  inputs: { 'Approve: prod': 'alice' },
  users: { alice: { groups: ['ops'] } },
  files: { '.pipewright/bump-image-result.json': JSON.stringify({ ok: true, changed: true, commit: 'abc1234' }) },
};
const outcomes = simulate([
  { ...base, name: 'nobody syncs', sh: [AUTHOR, notSynced()] },
  { ...base, name: 'synced after an hour', sh: [AUTHOR, notSynced(HOUR)] },
]);
const get = (name: string): SimOutcome => outcomes.find((o) => o.name === name)!;

/** The wait: pwArgoSync's call in the stage and every call after it there, up to the health check that follows it. */
function wait(o: SimOutcome): { start: number; checks: SimCall[]; ends: number[]; agents: SimCall[]; sleeps: SimCall[] } {
  const from = o.calls.findIndex((c) => c.library && c.step === 'pwArgoSync' && c.stage === STAGE);
  assert.ok(from >= 0, 'pwArgoSync ran in the wait stage');
  const health = o.calls.findIndex((c, i) => i > from && c.library && c.step === 'pwHealthCheck');
  const after = o.calls.slice(from, health < 0 ? undefined : health).filter((c) => c.stage === STAGE);
  const checks = after.filter((c) => c.step === 'sh' && (c.script ?? '').includes('node .pipewright/argocd-sync.cjs'));
  return {
    start: o.calls[from]!.at,
    checks,
    // A check ends when the next call is made (the clock moves only in the check's own polling).
    ends: checks.map((c) => after[after.indexOf(c) + 1]?.at ?? Number.POSITIVE_INFINITY),
    // Every borrowed agent is a pod on Kubernetes: podTemplate, then node(POD_LABEL).
    agents: after.filter((c) => c.step === 'podTemplate'),
    sleeps: after.filter((c) => c.step === 'sleep'),
  };
}

test('a 24 h manual wait nobody ends borrows well under 150 agents, one per check, and ends exactly at its deadline', () => {
  const o = get('nobody syncs');
  const w = wait(o);
  const deadline = w.start + DEADLINE_MS;
  assert.is(w.agents.length, w.checks.length, 'each check on an agent of its own, and no agent without a check');
  // Each borrowed pod merges its YAML into the inherited template's, as the stage agents do (review of #14, F5).
  assert.ok(
    w.agents.every((c) => JSON.stringify(c.args).includes('"yamlMergeStrategy":{"symbol":"merge"}')),
    JSON.stringify(w.agents[0]?.args),
  );
  assert.ok(w.checks.length < 150, `${w.checks.length} agents borrowed in 24 h`);
  // Never past the deadline: every wait ends by it, each check polls only until it, and the last one ends there.
  for (const s of w.sleeps) assert.ok(s.at + s.sleptMs! <= deadline, `a wait from ${s.at} ms for ${s.sleptMs} ms passes the deadline ${deadline}`);
  assert.ok(w.checks.every((c) => c.at < deadline));
  assert.is(w.ends.at(-1), deadline, 'the last check ends at the deadline');
  assert.ok(w.ends.every((end) => end <= deadline));
  // The waits grow: from 30 s, doubling, to 10 minutes.
  assert.equal(
    w.sleeps.slice(0, 7).map((s) => s.sleptMs),
    [30_000, 60_000, 120_000, 240_000, 480_000, 600_000, 600_000],
  );
  // pwArgoSync's own deadline ends the wait, inside the stage's Jenkins timeout: the sync failed, prod is rolled back.
  const stage = o.stages.find((s) => s.name === STAGE)!;
  assert.is(stage.status, 'failed', JSON.stringify(stage));
  assert.not.match(stage.error ?? '', /Timeout has been exceeded/);
  assert.is(o.result, 'FAILURE');
  assert.ok(
    o.calls.some((c) => c.library && c.step === 'pwRollback' && (c.args as Array<Record<string, unknown>>)[0]!.environment === 'prod'),
    'prod rolled back',
  );
});

test('operations syncing after an hour: about ten agents, and the build goes on', () => {
  const o = get('synced after an hour');
  const w = wait(o);
  assert.is(w.agents.length, w.checks.length);
  assert.ok(w.checks.length >= 8 && w.checks.length <= 11, `${w.checks.length} agents borrowed for an hour's wait`);
  // Seen at most one longest wait and one check after the sync.
  assert.ok(w.checks.at(-1)!.at - w.start <= HOUR + 600_000 + 60_000);
  assert.is(o.result, 'SUCCESS', JSON.stringify(o.stages.filter((s) => s.error)));
  // The health check runs after the sync in the same stage, on an agent it takes for itself.
  const health = o.calls.findIndex((c) => c.library && c.step === 'pwHealthCheck' && c.stage === STAGE);
  assert.ok(health > o.calls.findIndex((c) => c.library && c.step === 'pwArgoSync' && c.stage === STAGE), 'pwHealthCheck ran after pwArgoSync');
  assert.ok(o.calls.slice(health).some((c) => c.step === 'sh' && (c.script ?? '').includes('node .pipewright/health-check.cjs') && c.stage === STAGE));
  assert.ok(
    o.calls.slice(health).some((c) => c.step === 'podTemplate' && c.stage === STAGE),
    'on a pod of its own',
  );
});

test.run();
