// The flow per branch: the seed's branch table (develop deploys dev, main staging then prod after approval, feature/* builds and tests only).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { branchMatches } from '../../src/config/branch-pattern.js';
import { addDurations, compareDurations, durationSeconds, formatDuration, jenkinsTimeout, parseDuration, toSeconds } from '../../src/core/durations.js';
import { promotionOrder } from '../../src/flow/context.js';
import { stagesForBranch } from '../../src/flow/evaluate.js';
import type { Action } from '../../src/flow/types.js';
import { buildFlow } from '../../src/gen/flow.js';
import { loadModel } from './support.js';

const seed = buildFlow(loadModel(join(ROOT, 'examples', 'python-service', 'pipeline.yaml')));
const ids = (branch: string, rollback: string | null = null, restoreDatabase = false): string[] =>
  stagesForBranch(seed, branch, { rollback, restoreDatabase }).map((s) => s.stage.id);

test('feature branches build and test only: no image, no deploy', () => {
  assert.equal(ids('feature/login'), ['build', 'checkout', 'install', 'test', 'coverage', 'sonarqube']);
});

test('develop builds, pushes and deploys dev', () => {
  assert.equal(ids('develop'), ['build', 'checkout', 'install', 'test', 'coverage', 'sonarqube', 'image', 'scan', 'publish', 'deploy:dev']);
});

test('main deploys staging, asks for approval, then promotes the same image to prod with a manual sync', () => {
  const main = ids('main');
  assert.equal(main.slice(main.indexOf('publish')), [
    'publish',
    'deploy:staging',
    'approve:prod',
    'request-approval:prod',
    'approval:prod',
    'deploy:prod',
    'bump:prod',
    'wait-sync:prod',
  ]);
});

test('a manual-sync environment is one locked stage of two: the bump on an agent, then the wait and health check holding none; the approval stays outside it', () => {
  const deploy = seed.stages.find((s) => s.id === 'deploy:prod')!;
  assert.is(deploy.lock, 'orders-api/prod');
  assert.is(deploy.agent, 'none', 'the parent holds no agent through the wait');
  assert.equal(
    deploy.children.map((c) => [c.id, c.agent, c.lock]),
    [
      ['bump:prod', 'deploy', null],
      ['wait-sync:prod', 'none', null],
    ],
  );
  // The wait stage holds none: its sync and health check each take one, each inside a timeout of its own.
  const wait = deploy.children[1]!;
  assert.equal(
    wait.actions.map((a) => (a.kind === 'step' ? a.step : a.kind)),
    ['pwNotify', 'timeout', 'timeout', 'pwNotify'],
  );
  const borrowed = wait.actions.flatMap((a) => (a.kind === 'timeout' ? a.body : [])).map((a) => (a.kind === 'step' ? [a.step, 'agent' in a.args] : []));
  assert.equal(borrowed, [
    ['pwArgoSync', true],
    ['pwHealthCheck', true],
  ]);
  assert.equal(
    deploy.post.map((p) => p.condition),
    ['failure', 'aborted'],
  );
  // Only one top-level stage of prod takes the lock, and it is not the one with the input (options come before input).
  const prod = seed.stages.filter((s) => s.environment === 'prod');
  assert.equal(
    prod.filter((s) => s.lock).map((s) => s.id),
    ['deploy:prod'],
  );
  const approve = prod.find((s) => s.id === 'approve:prod')!;
  assert.is(approve.lock, null);
  assert.ok(approve.children.every((c) => c.lock === null));
});

test('a manual rollback runs only the rollback path of the chosen environment, ending with the health check; prod needs its approval first', () => {
  // One stage ("Roll back", written once for every environment) runs the chosen environment's own: roll back, sync and
  // check health are its steps, the health check last.
  assert.equal(ids('main', 'prod'), ['manual-rollback', 'approve-rollback:prod', 'rollback:prod']);
  assert.equal(ids('develop', 'dev'), ['manual-rollback', 'rollback:dev']);
  const steps = JSON.stringify(stagesForBranch(seed, 'main', { rollback: 'prod', restoreDatabase: false }).at(-1)!.stage.actions);
  assert.ok(steps.indexOf('"pwRollback"') < steps.indexOf('"pwArgoSync"') && steps.indexOf('"pwArgoSync"') < steps.indexOf('"pwHealthCheck"'), steps);
  // Choosing an environment another branch deploys is refused on this one, by a stage that fails with what to do.
  assert.equal(ids('develop', 'prod'), ['manual-rollback', 'rollback-refused']);
  assert.equal(ids('feature/x', 'dev'), ['manual-rollback', 'rollback-refused']);
  assert.equal(
    ids('main'),
    ids('main').filter((id) => id !== 'rollback-refused'),
    'a normal build never meets the refusal',
  );
});

test('the manual rollback is one top-level stage: a normal run shows it once, skipped, whatever the branch', () => {
  const topLevel = seed.stages.filter((s) => s.kind === 'rollback' || s.kind === 'restore' || s.id.includes('rollback'));
  assert.equal(
    topLevel.map((s) => s.id),
    ['manual-rollback'],
  );
  for (const branch of ['develop', 'main', 'feature/x'])
    assert.not.ok(
      ids(branch).some((id) => id.includes('roll')),
      branch,
    );
});

test('the approval holds no agent and waits through a stage-level input with the approver recorded', () => {
  const approve = seed.stages.find((s) => s.id === 'approve:prod')!;
  assert.is(approve.agent, 'none');
  // The input is a child's, so the parent's post runs when the input ends unanswered (review of #14 D1).
  assert.is(approve.input, null);
  assert.equal(
    approve.post.map((p) => p.condition),
    ['aborted'],
  );
  // The approval request is the group's first child, so the group's condition is its condition too.
  assert.equal(
    approve.children.map((c) => c.id),
    ['request-approval:prod', 'approval:prod'],
  );
  const input = approve.children[1]!;
  assert.equal([input.id, input.agent], ['approval:prod', 'none']);
  assert.equal(input.input, { message: 'Deploy to prod?', ok: 'Deploy to prod', submitters: ['ops'], submitterParameter: 'PW_APPROVER' });
  assert.equal(input.timeout, { time: 24, unit: 'HOURS' });
  assert.is(seed.stages.find((s) => s.id === 'deploy:prod')!.children.find((s) => s.id === 'wait-sync:prod')!.agent, 'none');
});

test('promotion order follows "after", whatever the file order', () => {
  const model = loadModel(join(ROOT, 'test', 'fixtures', 'gen', 'promotion-chain', 'pipeline.yaml'));
  assert.equal(
    promotionOrder(model.environments).map((e) => e.name),
    ['qa', 'preprod', 'prod'],
  );
});

test('a database backup comes right before the manifest bump', () => {
  const flow = buildFlow(loadModel(join(ROOT, 'test', 'fixtures', 'gen', 'database-and-metrics', 'pipeline.yaml')));
  // The library steps the branch runs, in order, whichever stage holds them.
  const own = (actions: Action[]): string[] =>
    actions.flatMap((a) => ('body' in a ? own(a.body) : a.kind === 'step' ? [a.step] : a.kind === 'jenkins' ? [a.step] : []));
  const main = stagesForBranch(flow, 'main').flatMap((s) => own(s.stage.actions));
  assert.is(main.lastIndexOf('pwBackupDatabase') + 1, main.lastIndexOf('pwBumpManifest'));
  assert.ok(main.lastIndexOf('pwApprove') < main.lastIndexOf('pwBackupDatabase'));
  const restore = stagesForBranch(flow, 'main', { rollback: 'prod', restoreDatabase: true }).map((s) => s.stage.id);
  assert.ok(restore.includes('restore:prod'));
  assert.not.ok(stagesForBranch(flow, 'main', { rollback: 'prod', restoreDatabase: false }).some((s) => s.stage.id === 'restore:prod'));
});

test('database.sslmode reaches the backup and restore steps only when it leaves the default (require)', () => {
  const every = readFileSync(join(ROOT, 'test', 'fixtures', 'gen', 'every-option', 'Jenkinsfile'), 'utf8');
  assert.match(every, /pwBackupDatabase\([^\n]*sslmode: 'verify-full'/);
  assert.match(every, /pwRestoreDatabase\([^\n]*sslmode: 'verify-full'/);
  const plain = readFileSync(join(ROOT, 'test', 'fixtures', 'gen', 'database-and-metrics', 'Jenkinsfile'), 'utf8');
  assert.match(plain, /pwBackupDatabase\(/);
  assert.not.match(plain, /sslmode/);
});

test('branch patterns match as Jenkins matches them', () => {
  assert.ok(branchMatches('release/*', 'release/1.2'));
  assert.not.ok(branchMatches('release/*', 'release/1/2'));
  assert.ok(branchMatches('release/**', 'release/1/2'));
  assert.ok(branchMatches('feature-?', 'feature-a'));
  assert.not.ok(branchMatches('main', 'mainline'));
  assert.not.ok(branchMatches('a.b', 'axb'));
});

test('durations parse strictly and add up in the largest whole unit', () => {
  assert.equal(parseDuration('30s'), { time: 30, unit: 'SECONDS' });
  assert.equal(parseDuration('24h'), { time: 24, unit: 'HOURS' });
  assert.throws(() => parseDuration('5 m'), /not a duration/);
  assert.throws(() => parseDuration("1m'"), /not a duration/);
  assert.equal(addDurations(parseDuration('30s'), parseDuration('10m')), { time: 630, unit: 'SECONDS' });
  assert.equal(addDurations(parseDuration('60s'), parseDuration('59m')), { time: 1, unit: 'HOURS' });
});

test("one duration grammar (the schema's) for every reader, and its two written forms", () => {
  // The schema refuses 0 and more than six digits; lint's and org's comparisons read the same grammar.
  for (const bad of ['0s', '1000000m', '5', '5d', '05m']) {
    assert.throws(() => parseDuration(bad), /not a duration/, bad);
    assert.ok(Number.isNaN(durationSeconds(bad)), bad);
  }
  assert.is(durationSeconds('2h'), 7200);
  assert.ok(compareDurations(parseDuration('61s'), parseDuration('1m')) > 0);
  assert.is(compareDurations(parseDuration('120m'), parseDuration('2h')), 0);
  assert.is(toSeconds(parseDuration('10m')), 600);
  assert.is(formatDuration(addDurations(parseDuration('30s'), parseDuration('1m'))), '90s');
  assert.is(jenkinsTimeout(parseDuration('10m')), "time: 10, unit: 'MINUTES'");
});

test('stages around a helper that enforces its own deadline (sync, health) time out later than the helper does', () => {
  const walk = (stages: typeof seed.stages): typeof seed.stages => stages.flatMap((s) => [s, ...walk(s.children)]);
  // A part of a stage in a timeout step counts as a stage of its own with that timeout.
  const parts = (actions: Action[]): typeof seed.stages =>
    actions.flatMap((a) =>
      a.kind === 'timeout'
        ? [{ ...seed.stages[0]!, name: a.label, kind: 'sync' as const, timeout: a.duration, actions: a.body, children: [] }]
        : 'body' in a
          ? parts(a.body)
          : [],
    );
  const guarded = [
    // A helper called directly among a stage's steps is guarded by the stage's timeout; one inside a timeout step by that.
    ...walk(seed.stages).filter((s) => s.actions.some((a) => a.kind === 'step' && (a.step === 'pwArgoSync' || a.step === 'pwHealthCheck'))),
    ...walk(seed.stages)
      .flatMap((s) => parts(s.actions))
      .filter((p) => /"(pwArgoSync|pwHealthCheck)"/.test(JSON.stringify(p.actions))),
  ];
  assert.ok(guarded.length >= 5, `found ${guarded.length}`);
  for (const stage of guarded) {
    const helperTimeouts = JSON.stringify(stage.actions).match(/"timeout":"(\d+[smh])"/g) ?? [];
    assert.ok(helperTimeouts.length > 0, stage.name);
    for (const t of helperTimeouts) {
      const helper = toSeconds(parseDuration(t.slice(11, -1)));
      assert.ok(stage.timeout && toSeconds(stage.timeout) > helper, `${stage.name}: stage ${JSON.stringify(stage.timeout)} vs helper ${t}`);
    }
  }
});

test('deploy: none: the environment is still approved where it asks, but nothing is bumped, synced, checked or announced', () => {
  const model = loadModel(join(ROOT, 'examples', 'python-service', 'pipeline.yaml'));
  const prod = model.environments.find((e) => e.name === 'prod')!;
  prod.deploy = 'none';
  const flow = buildFlow(model);
  const main = stagesForBranch(flow, 'main', { rollback: null, restoreDatabase: false }).map((s) => s.stage.id);
  assert.equal(
    main.filter((id) => id.endsWith(':prod')),
    ['approve:prod', 'request-approval:prod', 'approval:prod'],
  );
  assert.ok(main.includes('deploy:staging'), 'staging still deploys');
});

test('onMismatch reaches pwBumpManifest only when it is not the step default (warn)', () => {
  const model = loadModel(join(ROOT, 'examples', 'python-service', 'pipeline.yaml'));
  model.environments.find((e) => e.name === 'staging')!.onMismatch = 'fail';
  const bumps = JSON.stringify(buildFlow(model).stages);
  const argsOf = (env: string): Record<string, unknown> => {
    const found: Array<Record<string, unknown>> = [];
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        if (o.step === 'pwBumpManifest' && (o.args as Record<string, unknown>).environment === env) found.push(o.args as Record<string, unknown>);
        Object.values(o).forEach(visit);
      }
    };
    visit(JSON.parse(bumps));
    return found[0]!;
  };
  assert.is(argsOf('staging').onMismatch, 'fail');
  assert.is(argsOf('dev').onMismatch, undefined);
});

test('a manual-sync environment with a database backup backs up and bumps on one agent, inside the locked deploy, the preflight first', () => {
  const model = loadModel(join(ROOT, 'test', 'fixtures', 'gen', 'database-and-metrics', 'pipeline.yaml'));
  const prod = model.environments.find((e) => e.name === 'prod')!;
  const flow = buildFlow({ ...model, environments: model.environments.map((e) => (e === prod ? { ...prod, sync: 'manual' as const } : e)) });
  const deploy = flow.stages.find((s) => s.id === 'deploy:prod')!;
  assert.is(deploy.lock, `${model.app}/prod`);
  const rollOut = deploy.children[0]!;
  // Backup and bump are steps of one stage on one agent, each in its timeout.
  assert.equal(
    [rollOut.id, rollOut.agent, rollOut.actions.map((a) => (a.kind === 'timeout' ? a.label : a.kind))],
    ['roll-out:prod', 'deploy', ['step', 'jenkins', 'Back up database', 'Update manifests']],
  );
  const first = rollOut.actions[0]!;
  assert.ok(
    first.kind === 'step' && first.step === 'pwPreflight' && JSON.stringify(first.args).includes('pg_dump'),
    'the roll-out starts with the preflight for pg_dump',
  );
  assert.equal(
    deploy.children.map((c) => c.id),
    ['roll-out:prod', 'wait-sync:prod'],
  );
});

test.run();
