// The manual rollback written once for the environments whose rollback is alike: the Jenkinsfile's one stage, plan's view of it, and the environments kept apart.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { stagesForBranch } from '../../src/flow/evaluate.js';
import type { Stage } from '../../src/flow/types.js';
import { buildFlow } from '../../src/gen/flow.js';
import { generateJenkinsfile } from '../../src/gen/jenkinsfile.js';
import { mergedActions } from '../../src/gen/rollback-merge.js';
import { findStage as find, loadModel } from './support.js';

const source = { source: 'pipeline.yaml', command: 'pipewright gen' };
const load = (dir: string) => loadModel(join(ROOT, dir, 'pipeline.yaml'));

test('the seed rolls back every environment in one stage: the lock and the sync timeout read the chosen environment', () => {
  const text = generateJenkinsfile(load('examples/python-service'), source);
  assert.equal(text.match(/stage\('Roll back[^']*'\)/g), ["stage('Roll back')"]);
  assert.ok(text.includes("lock(resource: 'orders-api/' + params.PW_ROLLBACK_ENVIRONMENT, inversePrecedence: true)"), "the lock is the chosen environment's");
  // prod is synced by hand and waits as long as its approval may take (24h and the backstop's minute); dev and staging 5m + 1.
  assert.ok(text.includes("timeout(time: [dev: 6, staging: 6, prod: 1441][params.PW_ROLLBACK_ENVIRONMENT], unit: 'MINUTES')"), 'the sync timeout is looked up');
  assert.ok(
    text.includes(
      "pwRollback(environment: params.PW_ROLLBACK_ENVIRONMENT, revision: params.PW_ROLLBACK_REVISION, reason: 'manual rollback of ' + params.PW_ROLLBACK_ENVIRONMENT)",
    ),
  );
});

test('the refusal names each branch once, with the environments it deploys', () => {
  const text = generateJenkinsfile(load('examples/python-service'), source);
  const refusal = text.slice(text.indexOf("stage('Check rollback target')"), text.indexOf('steps {', text.indexOf("stage('Check rollback target')")));
  assert.equal(refusal.match(/branch '[^']*'/g), ["branch 'develop'", "branch 'main'"]);
  assert.ok(refusal.includes("expression { (params.PW_ROLLBACK_ENVIRONMENT ?: '-') in ['staging', 'prod'] }"), refusal);
  // A normal build skips the whole manual rollback: one expression, the parameter is not "-".
  assert.ok(text.includes("stage('Manual rollback') {\n      when { expression { (params.PW_ROLLBACK_ENVIRONMENT ?: '-') != '-' } }\n"));
});

test("plan runs the chosen environment's own stage under the one stage's name", () => {
  const flow = buildFlow(load('examples/python-service'));
  for (const [branch, env] of [
    ['develop', 'dev'],
    ['main', 'staging'],
    ['main', 'prod'],
  ] as const) {
    const run = stagesForBranch(flow, branch, { rollback: env, restoreDatabase: false });
    const last = run.at(-1)!;
    assert.equal(last.path, ['Manual rollback', 'Roll back']);
    assert.is(last.stage.environment, env);
    assert.is(last.stage.lock, `orders-api/${env}`);
    assert.is(last.stage.agent, 'deploy');
    // The variant keeps its concrete calls and timeouts: plan reports prod's sync wait, not the lookup.
    const sync = last.stage.actions.find((a) => a.kind === 'timeout' && a.label === 'Argo CD sync');
    assert.equal(sync && sync.kind === 'timeout' ? sync.duration : null, env === 'prod' ? { time: 1441, unit: 'MINUTES' } : { time: 6, unit: 'MINUTES' });
  }
});

test('an environment whose rollback differs (a health check the others lack) keeps its own stage; the others share one', () => {
  const flow = buildFlow(load('test/fixtures/gen/many-environments'));
  const group = find(flow.stages, 'roll-back')!;
  assert.equal(
    group.children.map((c) => c.name),
    ['Roll back: dev, uat, hotfix, staging', 'Roll back: prod'],
  );
  assert.equal(group.children[0]!.when?.rollbackIn, ['dev', 'uat', 'hotfix', 'staging']);
  const run = stagesForBranch(flow, 'main', { rollback: 'prod', restoreDatabase: false }).map((s) => s.path.join(' / '));
  assert.ok(run.includes('Manual rollback / Roll back / Roll back: prod'), run.join('\n'));
  const text = generateJenkinsfile(load('test/fixtures/gen/many-environments'), source);
  assert.ok(text.includes("expression { (params.PW_ROLLBACK_ENVIRONMENT ?: '-') in ['dev', 'uat', 'hotfix', 'staging'] }"));
});

test("a rollback path of more than one stage (a database restore) is not merged; a lone environment's stage is the group", () => {
  const flow = buildFlow(load('test/fixtures/gen/every-option'));
  const group = find(flow.stages, 'roll-back')!;
  assert.equal(
    group.children.map((c) => c.name),
    ['Roll back: dev', 'Roll back: prod', 'Restore database: prod', 'Check after rollback: prod'],
  );
  assert.ok(group.children.every((c) => !c.variants));
  // One environment whose rollback is one stage: that stage is "Roll back" itself, holding the agent, with no group around it.
  const lone = find(buildFlow(load('test/fixtures/gen/promotion-chain')).stages, 'manual-rollback')!.children.at(-1)!;
  const single = find(buildFlow(load('test/fixtures/gen/kubernetes-agent')).stages, 'manual-rollback')!.children.at(-1)!;
  assert.equal([single.id, single.name, single.agent, single.when, single.children.length], ['rollback:staging', 'Roll back', 'deploy', null, 0]);
  assert.is(lone.id, 'roll-back');
});

test('variants that are not alike are refused rather than written as one', () => {
  const flow = buildFlow(load('examples/python-service'));
  const merged = find(flow.stages, 'manual-rollback')!.children.find((c) => c.variants)!;
  const [dev, staging] = merged.variants!;
  const odd = { ...staging!, actions: staging!.actions.slice(1) };
  assert.throws(() => mergedActions([dev!, odd]), /written once but its stages differ/);
});

test.run();
