// Issue 14's expected-outcomes table (test/fixtures/sim/outcomes.json) as code: which rows apply to a config's branch, the scenario each row injects, and the checks of its outcome; shared by the examples' and the init configs' outcome tests.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';
import { simulate, type Scenario, type SimCall, type SimOutcome } from './jenkins-sim.js';
import { stagesForBranch, type PlannedStage } from '../../src/flow/evaluate.js';
import { REVISION_PARAM, ROLLBACK_PARAM } from '../../src/flow/types.js';
import { buildFlow } from '../../src/gen/flow.js';
import { namedBranches, otherBranch } from '../../src/plan/plan.js';
import type { Model } from '../../src/config/model.js';

export interface Row {
  id: 'none' | 'trivy-warn' | 'trivy-critical' | 'prod-health-fails' | 'sync-timeout' | 'approval-expires' | 'table-mismatch' | 'manual-prod-rollback';
  result: string[];
  imagePushed: boolean | string;
  rollback: { environment: string; automatic: boolean; hold: boolean } | null;
  targetUntouched?: boolean;
}
export const TABLE = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'sim', 'outcomes.json'), 'utf8')) as { rows: Row[] };

/** A config whose generated Jenkinsfile goes through the table: its name in test titles, its model, its Jenkinsfile. */
export interface OutcomeConfig {
  name: string;
  model: Model;
  jenkinsfile: string;
  /** Scenario fields every run of this config needs (the tools of its own build image). */
  scenario?: Partial<Scenario>;
}

/** What one config does on one branch when nothing fails, from the same flow `plan` shows. */
interface BranchFacts {
  config: OutcomeConfig;
  model: Model;
  branch: string;
  planned: PlannedStage[];
  publishes: boolean;
  scans: boolean;
  /** Environments the branch deploys, in order. */
  deploys: string[];
  approvals: string[];
  syncs: Array<{ environment: string; stage: string }>;
  /** The stage whose steps check each environment's health (a deploy's own, or its health-check stage). */
  health: Record<string, string>;
  bumps: boolean;
}

/** The library steps a stage runs itself (wrappers opened, child stages not), with their environment. */
function ownSteps(stage: PlannedStage['stage']): Array<{ step: string; environment: unknown }> {
  const flat = (actions: PlannedStage['stage']['actions']): Array<{ step: string; environment: unknown }> =>
    actions.flatMap((a) => ('body' in a ? flat(a.body) : a.kind === 'step' ? [{ step: a.step, environment: a.args.environment }] : []));
  return flat(stage.actions);
}

interface OutcomeCase {
  row: Row;
  f: BranchFacts;
  target: string | null;
  scenario: Scenario;
}

/** A concrete branch for a pattern: release/* -> release/x. */
const concrete = (pattern: string): string => pattern.replace(/\*\*/g, 'x').replace(/\*/g, 'x');

/** Every branch of the config's plan: each named branch pattern, and one branch no pattern names (when the plan has such). */
function branchFacts(config: OutcomeConfig): BranchFacts[] {
  const model = config.model;
  const flow = buildFlow(model);
  const named = namedBranches(flow);
  const branches = [...named, ...[otherBranch(named)].filter((b): b is string => b !== null)].map(concrete);
  return branches.map((branch) => {
    const planned = stagesForBranch(flow, branch);
    const kinds = (kind: string) => planned.filter((p) => p.stage.kind === kind);
    const deploys: string[] = [];
    for (const p of planned)
      if ((p.stage.kind === 'deploy' || p.stage.kind === 'wait-sync') && p.stage.environment && !deploys.includes(p.stage.environment))
        deploys.push(p.stage.environment);
    return {
      config,
      model,
      branch,
      planned,
      publishes: kinds('publish').length > 0,
      scans: kinds('scan').length > 0,
      deploys,
      approvals: kinds('approve').map((p) => p.stage.environment!),
      // Which stage runs a step, from the steps themselves: a deploy's bump, sync and health check may be steps of one stage.
      syncs: planned.flatMap((p) =>
        ownSteps(p.stage)
          .filter((c) => c.step === 'pwArgoSync')
          .map((c) => ({ environment: String(c.environment), stage: p.stage.name })),
      ),
      health: Object.fromEntries(
        planned.flatMap((p) =>
          ownSteps(p.stage)
            .filter((c) => c.step === 'pwHealthCheck')
            .map((c) => [String(c.environment), p.stage.name]),
        ),
      ),
      bumps: planned.some((p) => ownSteps(p.stage).some((c) => c.step === 'pwBumpManifest')),
    };
  });
}

const production = (f: BranchFacts): string | null => f.deploys.find((e) => f.model.environments.find((x) => x.name === e)?.production) ?? null;

/** The environment a row's fault hits on this branch, or undefined when the row does not apply here. */
function targetOf(row: Row, f: BranchFacts): string | null | undefined {
  switch (row.id) {
    case 'none':
      return null;
    case 'trivy-warn':
    case 'trivy-critical':
      return f.scans ? null : undefined;
    case 'prod-health-fails': {
      const prod = production(f);
      return prod && f.health[prod] ? prod : undefined;
    }
    case 'sync-timeout':
      return f.syncs[0]?.environment ?? undefined;
    case 'approval-expires':
      return f.approvals[0] ?? undefined;
    case 'table-mismatch':
      return f.bumps ? null : undefined;
    case 'manual-prod-rollback': {
      const prod = production(f);
      return prod && f.model.rollback.manual ? prod : undefined;
    }
  }
}

/** Every user who approves in these scenarios is in every group an allow-list names. */
const approverGroups = (m: Model): string[] => m.environments.flatMap((e) => e.approval?.submitters ?? []);
const bumped = JSON.stringify({ ok: true, changed: true, commit: 'abc1234' });

function scenarioFor(row: Row, f: BranchFacts, target: string | null): Scenario {
  const files: Record<string, string> = { '.pipewright/bump-image-result.json': bumped };
  const inputs: Record<string, string> = Object.fromEntries(
    f.approvals.flatMap((e) => [
      [`Approve: ${e}`, 'alice'],
      [`Approve rollback: ${e}`, 'alice'],
    ]),
  );
  // pwCheckout reads the commit author with git; the approval's four-eyes check needs it.
  const author = { match: 'log -1 --format=%ae', stdout: 'dev@acme.com\n' };
  const s: Scenario = {
    ...f.config.scenario,
    name: `${row.id} ${f.config.name} ${f.branch}`,
    jenkinsfile: f.config.jenkinsfile,
    branch: f.branch,
    files,
    inputs,
    users: { alice: { groups: approverGroups(f.model) } },
    sh: [author],
  };
  switch (row.id) {
    case 'trivy-warn':
      files['.pipewright/gate-trivy-result.json'] = JSON.stringify({ ok: true, unstable: true, message: '2 MEDIUM findings' });
      break;
    case 'trivy-critical':
      s.sh = [author, { match: 'gate-trivy\\.cjs', status: 1 }];
      break;
    case 'prod-health-fails':
      s.fail = [{ step: 'sh', stage: f.health[target!]!, match: 'health-check' }];
      break;
    case 'sync-timeout':
      s.fail = [{ step: 'sh', stage: f.syncs[0]!.stage, match: 'argocd-sync\\.cjs', stall: true }];
      break;
    case 'approval-expires':
      inputs[`Approve: ${target}`] = 'timeout';
      break;
    case 'table-mismatch':
      files['.pipewright/bump-image-result.json'] = JSON.stringify({
        ok: true,
        changed: true,
        commit: 'abc1234',
        unstable: true,
        message: 'the manifest disagrees with the deployment table',
      });
      break;
    case 'manual-prod-rollback':
      s.params = { [ROLLBACK_PARAM]: target, [REVISION_PARAM]: '41-aaaaaaa' };
      break;
  }
  return s;
}

/** Every row of the table on every branch of every config's plan where the row applies. */
function outcomeCases(configs: OutcomeConfig[]): OutcomeCase[] {
  const facts = configs.flatMap(branchFacts);
  return TABLE.rows.flatMap((row) =>
    facts.flatMap((f) => {
      const target = targetOf(row, f);
      return target === undefined ? [] : [{ row, f, target, scenario: scenarioFor(row, f, target) }];
    }),
  );
}

const args = (c: SimCall): Record<string, unknown> => (Array.isArray(c.args) ? (c.args[0] as Record<string, unknown>) : c.args);
const library = (o: SimOutcome, step: string): SimCall[] => o.calls.filter((c) => c.library && c.step === step);
const helperRan = (o: SimOutcome, helper: string): boolean =>
  o.calls.some((c) => c.step === 'sh' && (c.script ?? '').includes(`node .pipewright/${helper}.cjs`));
/** The notifications the helper was asked to send, with the values pwNotify passed it (from the recorded withEnv). */
function notifications(o: SimOutcome): Array<Record<string, string>> {
  const sent: Array<Record<string, string>> = [];
  for (const c of o.calls) {
    if (c.step !== 'withEnv') continue;
    const list = (c.args as unknown[])[0] as string[];
    if (!Array.isArray(list) || !list.some((v) => v.startsWith('PW_EVENT='))) continue;
    sent.push(Object.fromEntries(list.map((v) => [v.slice(0, v.indexOf('=')), v.slice(v.indexOf('=') + 1)])));
  }
  // One message per notification: pwNotify runs the helper once per Slack channel.
  return sent.filter((n, i) => sent.findIndex((m) => m.PW_EVENT === n.PW_EVENT && m.PW_ENVIRONMENT === n.PW_ENVIRONMENT) === i);
}
const routed = (m: Model, route: keyof Model['notifications']['routes']): boolean => m.notifications.routes[route].length > 0;

/** Checks one case's simulated outcome against its row of the table. */
function checkOutcome({ row, f, target }: OutcomeCase, o: SimOutcome): void {
  const why = `${o.errors.join('\n')}\n${JSON.stringify(o.stages.filter((s) => s.error).map((s) => [s.name, s.error]))}`;
  assert.equal(
    o.errors.filter((e) => !e.startsWith('post ') && !/Timeout has been exceeded/.test(e)),
    [],
    why,
  );
  assert.ok(row.result.includes(o.result), `result ${o.result}, expected ${row.result.join(' or ')}: ${why}`);

  // Image pushed.
  const pushed = o.stages.some((s) => s.name === 'Push image' && (s.status === 'success' || s.status === 'unstable'));
  const expectPushed = row.imagePushed === true || (row.imagePushed === 'when the branch publishes' && f.publishes);
  assert.is(pushed, expectPushed && f.publishes, 'image pushed');

  // Rollback.
  const rollbacks = library(o, 'pwRollback').filter(
    (c) =>
      helperRan(o, 'rollback') && !o.calls.some((e) => e.step === 'echo' && e.stage === c.stage && JSON.stringify(e.args).includes('nothing to roll back')),
  );
  if (row.rollback === null) {
    assert.not.ok(helperRan(o, 'rollback'), 'no rollback');
  } else if (f.model.rollback.automatic || !row.rollback.automatic) {
    assert.ok(rollbacks.length >= 1, 'a rollback ran');
    assert.ok(
      rollbacks.every((c) => args(c).environment === target),
      'the rollback is of the target',
    );
    for (const c of rollbacks) assert.is(args(c).automatic === true, row.rollback.automatic, 'automatic rollbacks set no hold; manual ones do');
    if (!row.rollback.automatic) assert.is(args(rollbacks[0]!).revision, '41-aaaaaaa');
  }
  if (row.targetUntouched)
    assert.not.ok(
      library(o, 'pwBumpManifest').some((c) => args(c).environment === target),
      `${target} untouched`,
    );

  // Notifications.
  const sent = notifications(o);
  const events = (event: string) => sent.filter((n) => n.PW_EVENT === event);
  const deployed = events('deployment').map((n) => n.PW_ENVIRONMENT);
  const before = target ? f.deploys.slice(0, f.deploys.indexOf(target)) : f.deploys;
  switch (row.id) {
    case 'none':
      assert.equal(deployed, routed(f.model, 'deployment') ? f.deploys : []);
      assert.is(events('success').length, routed(f.model, 'success') ? 1 : 0);
      assert.equal(events('failure'), []);
      assert.equal(events('security'), []);
      break;
    case 'trivy-warn':
    case 'table-mismatch':
      if (row.id === 'trivy-warn') assert.is(events('security').length, routed(f.model, 'security') ? 1 : 0, 'the security warning goes out once');
      else assert.equal(events('security'), [], 'a table mismatch is no security finding');
      assert.equal(deployed, routed(f.model, 'deployment') ? f.deploys : [], 'deployments are still announced');
      assert.equal(
        events('failure').map((n) => n.PW_RESULT),
        routed(f.model, 'failure') ? ['UNSTABLE'] : [],
      );
      assert.equal(events('success'), []);
      break;
    case 'trivy-critical':
      assert.is(events('security').length, routed(f.model, 'security') ? 1 : 0);
      assert.equal(
        events('failure').map((n) => n.PW_RESULT),
        routed(f.model, 'failure') ? ['FAILURE'] : [],
      );
      assert.equal(deployed, []);
      break;
    case 'prod-health-fails':
    case 'sync-timeout': {
      assert.equal(deployed, routed(f.model, 'deployment') ? before : [], 'only the environments before the target are announced');
      const failure = events('failure');
      assert.is(failure.length, routed(f.model, 'failure') ? 1 : 0);
      if (failure.length) {
        assert.is(failure[0]!.PW_RESULT, o.result);
        if (f.model.rollback.automatic) assert.match(failure[0]!.PW_TEXT!, new RegExp(`deploying ${target} did not finish; rolled back automatically`));
      }
      break;
    }
    case 'approval-expires':
      assert.equal(
        events('approval-expired').map((n) => n.PW_ENVIRONMENT),
        routed(f.model, 'approval') ? [target!] : [],
      );
      if (routed(f.model, 'approval')) assert.equal(events('failure'), [], 'the expiry message is the one message');
      assert.not.ok(deployed.includes(target!));
      break;
    case 'manual-prod-rollback':
      assert.equal(
        events('rollback').map((n) => n.PW_ENVIRONMENT),
        routed(f.model, 'deployment') ? [target!] : [],
      );
      assert.equal(deployed, []);
      break;
  }
}

/** Simulates every case in one JVM and registers one uvu test per case, plus one that every row and every config runs. */
export function registerOutcomeTests(configs: OutcomeConfig[], options: { timeoutMs: number }): void {
  const cases = outcomeCases(configs);
  const outcomes = simulate(
    cases.map((c) => c.scenario),
    { timeoutMs: options.timeoutMs },
  );
  const byName = new Map(outcomes.map((o) => [o.name, o]));

  test('the table covers every row on at least one branch, and every config runs', () => {
    for (const row of TABLE.rows)
      assert.ok(
        cases.some((c) => c.row.id === row.id),
        `row ${row.id} applies nowhere`,
      );
    for (const config of configs)
      assert.ok(
        cases.some((c) => c.f.config === config),
        config.name,
      );
  });

  for (const c of cases) {
    test(`${c.scenario.name}${c.target ? ` (${c.target})` : ''}`, () => checkOutcome(c, byName.get(c.scenario.name)!));
  }
}
