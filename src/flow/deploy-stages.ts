// The stages that deploy an environment: its approval, then the deploy on one of two sync paths (Argo CD syncs, or operations sync by hand while the build waits holding no agent).
import type { Environment } from '../config/model.js';
import { parseDuration } from '../core/durations.js';
import { announceAfter, backstop, inline, sslmodeArg, type FlowContext } from './context.js';
import { STAGE_NAME } from './names.js';
import { APPROVER_VARIABLE, expr, type Action, type Stage, type Value } from './types.js';

/** Every stage of one environment: the approval (when it asks for one) and the deploy (unless it deploys nothing). */
export function environmentStages(ctx: FlowContext, env: Environment): Stage[] {
  const stages = env.approval ? approvalStages(ctx, env, env.approval) : [];
  // deploy: none: the environment is approved (when it asks) but nothing is bumped, synced, checked or announced.
  if (env.deploy === 'none') return stages;
  const deploy = env.sync !== 'manual' ? syncedDeploy(ctx, env) : manuallySyncedDeploy(ctx, env);
  return deploy ? [...stages, deploy] : stages;
}

/** One agent-less group: the approval request (when the approval route has targets), then the input stage. */
function approvalStages(ctx: FlowContext, env: Environment, a: NonNullable<Environment['approval']>): Stage[] {
  const branches = [env.branch];
  const request: Stage[] = [];
  const ask = ctx.notify('approval', env.name, true, { ...(a.submitters.length ? { approvers: [...a.submitters] } : {}), approvalTimeout: a.timeout });
  if (ask.length) {
    // Inside the group, so the group's condition is its condition too (and a restart at the group asks again).
    request.push(
      ctx.stage({
        id: `request-approval:${env.name}`,
        name: STAGE_NAME.requestApproval(env.name),
        kind: 'request-approval',
        environment: env.name,
        agent: 'none',
        actions: ask,
      }),
    );
  }
  const approveArgs: Record<string, Value> = {
    environment: env.name,
    approver: expr(`env.${APPROVER_VARIABLE}`),
    submitters: [...a.submitters],
    fourEyes: a.fourEyes,
    requireReview: a.requireReview,
  };
  if (Object.keys(ctx.model.identities).length) approveArgs.identities = Object.fromEntries(Object.entries(ctx.model.identities).map(([k, v]) => [k, [...v]]));
  // --require-review asks GitHub; the GitOps bot's token (an https credential) is the one GitHub credential the config names.
  const gitops = ctx.model.gitops;
  if (a.requireReview && gitops?.repo.startsWith('https://')) approveArgs.githubCredentialsId = gitops.credentialsId;
  approveArgs.agent = ctx.borrow;
  const approveActions: Action[] = [{ kind: 'step', step: 'pwApprove', args: approveArgs }];
  // The input sits in a child stage so the parent's post runs when it ends unanswered: a stage's own post runs only
  // once its input is answered (ModelInterpreter.executeSingleStage is entered inside stageInput), while a parent's
  // runs in evaluateSequentialStages' finally whatever its children threw.
  const input = ctx.stage({
    id: `approval:${env.name}`,
    name: STAGE_NAME.waitForApproval(env.name),
    kind: 'approve',
    environment: env.name,
    agent: 'none',
    timeout: parseDuration(a.timeout),
    input: { message: a.message, ok: `Deploy to ${env.name}`, submitters: [...a.submitters], submitterParameter: APPROVER_VARIABLE },
    actions: approveActions,
  });
  return [
    ctx.stage({
      id: `approve:${env.name}`,
      name: STAGE_NAME.approve(env.name),
      kind: 'approve',
      environment: env.name,
      when: ctx.when(branches),
      agent: 'none',
      timeout: null,
      children: [...request, input],
      // The child's timeout ends an unanswered input ABORTED (so does Abort): whoever waits is told nothing was deployed.
      post: ctx.postIf('aborted', ctx.notify('approval', env.name, true, {}, 'approval-expired')),
    }),
  ];
}

/** What changes the environment before any sync, each a stage with the deploy timeout: the database backup and the manifest bump. */
function rolloutParts(ctx: FlowContext, env: Environment): Stage[] {
  const deployTimeout = parseDuration(ctx.model.gates.timeouts.deploy);
  const children: Stage[] = [];
  const db = env.database;
  if (db && db.backup) {
    children.push(
      ctx.stage({
        id: `backup:${env.name}`,
        name: STAGE_NAME.backup(env.name),
        kind: 'backup',
        environment: env.name,
        timeout: deployTimeout,
        actions: [
          {
            kind: 'step',
            step: 'pwBackupDatabase',
            args: {
              environment: env.name,
              app: ctx.model.app,
              host: db.host,
              port: db.port,
              ...sslmodeArg(db),
              database: db.name,
              backupDir: db.backupDir,
              retention: db.retention,
              credentialsId: db.credentialsId,
            },
          },
        ],
      }),
    );
  }
  if (ctx.canBump(env)) {
    children.push(
      ctx.stage({
        id: `bump:${env.name}`,
        name: STAGE_NAME.bump(env.name),
        kind: 'bump',
        environment: env.name,
        timeout: deployTimeout,
        actions: [
          {
            kind: 'step',
            step: 'pwBumpManifest',
            args: {
              ...ctx.gitopsArgs(env),
              tag: ctx.model.image?.tag ?? '{build}-{shortCommit}',
              ...ctx.deploymentTable(env),
              credentialsId: ctx.model.gitops!.credentialsId,
            },
          },
        ],
      }),
    );
  }
  return children;
}

/** A failed or aborted (timed-out) deploy is rolled back; `failure` alone would miss a Jenkins timeout. */
function rollbackPost(ctx: FlowContext, env: Environment, borrow: boolean): Stage['post'] {
  const rollback = ctx.model.rollback.automatic ? ctx.rollbackAction(env, `automatic rollback: deploying ${env.name} failed`, null, borrow) : [];
  return rollback.length
    ? [
        { condition: 'failure', actions: rollback },
        { condition: 'aborted', actions: rollback },
      ]
    : [];
}

/**
 * Inside the lock, before anything changes: a newer build that passed this milestone aborts an older one that
 * comes later (Pipeline: Milestone Step), so an older build never deploys after a newer one.
 */
function milestone(ctx: FlowContext, env: Environment): Action {
  return { kind: 'jenkins', step: 'milestone', args: { ordinal: ctx.environments.indexOf(env) + 1, label: `deploy ${env.name}` } };
}

/** Argo CD syncs (automatically or when told): one stage on one agent, whose steps are the backup, bump, sync and health check, each in its own timeout. */
function syncedDeploy(ctx: FlowContext, env: Environment): Stage | null {
  const children = rolloutParts(ctx, env);
  const sync = ctx.syncAction(env, env.sync, ctx.model.gates.timeouts.deploy, false);
  if (sync.length)
    children.push(
      ctx.stage({
        id: `sync:${env.name}`,
        name: STAGE_NAME.sync(env.name),
        kind: 'sync',
        environment: env.name,
        timeout: backstop(parseDuration(ctx.model.gates.timeouts.deploy)),
        actions: sync,
      }),
    );
  children.push(...ctx.healthStage(env, 'health'));
  if (!children.length) return null;
  const actions = [milestone(ctx, env), ...inline(children), ...ctx.notify('deployment', env.name, false)];
  return ctx.stage({
    id: `deploy:${env.name}`,
    name: STAGE_NAME.deploy(env.name),
    kind: 'deploy',
    environment: env.name,
    when: ctx.when([env.branch]),
    agent: 'deploy',
    timeout: null,
    lock: ctx.lockFor(env),
    actions,
    post: rollbackPost(ctx, env, false),
  });
}

/**
 * Manual sync: bump on an agent, then ask operations to sync, wait and check health holding none (the sync checks and
 * the health check each take an agent for their work); the environment is announced as deployed only after the sync
 * and the health check happened. One agent-less parent holds the environment's lock across both stages (the approval's
 * input, before it, stays outside the lock), so no other build can bump the environment while this one waits for
 * operations; its post rolls back a failure anywhere.
 */
function manuallySyncedDeploy(ctx: FlowContext, env: Environment): Stage | null {
  const children = rolloutParts(ctx, env);
  const parts: Stage[] = [];
  if (children.length === 1) {
    // A lone bump takes the agent itself.
    const lone = children[0]!;
    parts.push({ ...lone, agent: 'deploy', actions: [milestone(ctx, env), ...lone.actions] });
  } else if (children.length) {
    // A backup and a bump share one agent: steps of one stage, each in its timeout.
    parts.push(
      ctx.stage({
        id: `roll-out:${env.name}`,
        name: STAGE_NAME.rollOut(env.name),
        kind: 'deploy',
        environment: env.name,
        agent: 'deploy',
        actions: [milestone(ctx, env), ...inline(children)],
      }),
    );
  }
  const waitTimeout = ctx.manualSyncTimeout(env);
  const wait = ctx.syncAction(env, 'manual', waitTimeout, true);
  if (wait.length) {
    // The sync and the health check keep a timeout each, as steps of the one agent-less stage.
    const sync = ctx.stage({
      id: `wait-sync:${env.name}`,
      name: STAGE_NAME.waitForSync(env.name),
      kind: 'wait-sync',
      timeout: backstop(parseDuration(waitTimeout)),
      actions: wait,
    });
    const checks = [sync, ...ctx.healthStage(env, 'health', true)];
    parts.push(
      ctx.stage({
        id: `wait-sync:${env.name}`,
        name: STAGE_NAME.waitForSync(env.name),
        kind: 'wait-sync',
        environment: env.name,
        agent: 'none',
        actions: [...ctx.notify('deployment', env.name, true, {}, 'awaiting-sync'), ...inline(checks), ...ctx.notify('deployment', env.name, true)],
      }),
    );
  } else {
    // No Argo CD application to wait for: the health check runs on an agent of its own stage.
    const health = ctx.healthStage(env, 'health').map((h) => ({ ...h, agent: 'deploy' as const }));
    announceAfter(health, ctx.notify('deployment', env.name, false));
    parts.push(...health);
  }
  if (parts.length) {
    // The parent holds no agent, so the rollback in its post takes one (borrow).
    return ctx.stage({
      id: `deploy:${env.name}`,
      name: STAGE_NAME.deploy(env.name),
      kind: 'deploy',
      environment: env.name,
      when: ctx.when([env.branch]),
      agent: 'none',
      timeout: null,
      lock: ctx.lockFor(env),
      children: parts,
      post: rollbackPost(ctx, env, true),
    });
  }
  return null;
}
