// The manual rollback: one group a normal build skips, holding the refusal of an environment this branch does not deploy, the approvals, and each environment's rollback path.
import { parseDuration } from '../core/durations.js';
import { backstop, inline, sslmodeArg, type FlowContext } from './context.js';
import { STAGE_NAME } from './names.js';
import { APPROVER_VARIABLE, condition, expr, NO_ROLLBACK, RESTORE_PARAM, REVISION_PARAM, type Condition, type Stage } from './types.js';

/**
 * Everything a manual rollback runs, under one parent that a normal build skips: the stage view of a normal run
 * shows one skipped "Manual rollback" stage instead of every rollback stage of every environment.
 */
export function manualRollbackGroup(ctx: FlowContext): Stage {
  return ctx.stage({
    id: 'manual-rollback',
    name: STAGE_NAME.manualRollback,
    kind: 'rollback',
    when: condition({ not: condition({ rollback: NO_ROLLBACK }) }),
    agent: 'none',
    children: [rollbackRefusal(ctx), ...rollbackApprovals(ctx), rollbackStage(ctx)],
  });
}

/**
 * The rollback parameter lists every environment (one Jenkinsfile serves every branch): choosing one this branch
 * does not deploy fails at once with what to do, instead of a green build that rolled nothing back.
 */
function rollbackRefusal(ctx: FlowContext): Stage {
  const envs = ctx.rollbackEnvironments();
  const where = envs.map((e) => `${e.name} from ${e.branch}`).join(', ');
  return ctx.stage({
    id: 'rollback-refused',
    name: STAGE_NAME.rollbackRefused,
    kind: 'rollback',
    // Inside the manual-rollback group an environment is chosen; refuse it unless this branch deploys it.
    when: condition({
      not: condition({
        anyOf: byBranch(envs).map(([branch, names]) =>
          condition({ branches: [branch], ...(names.length > 1 ? { rollbackIn: names } : { rollback: names[0]! }) }),
        ),
      }),
    }),
    agent: 'none',
    actions: [
      {
        kind: 'jenkins',
        step: 'error',
        args: { message: `this branch does not deploy the environment chosen for a manual rollback; roll back from the branch that deploys it (${where})` },
      },
    ],
  });
}

/** The environments by the branch that deploys them, in order: one alternative of the refusal's condition each. */
function byBranch(envs: Array<{ name: string; branch: string }>): Array<[string, string[]]> {
  const out = new Map<string, string[]>();
  for (const e of envs) out.set(e.branch, [...(out.get(e.branch) ?? []), e.name]);
  return [...out];
}

/**
 * A manual rollback of an environment that needs an approval to deploy needs the same approval to roll back: an
 * agent-less stage with the input, before the rollback group takes its agent.
 */
function rollbackApprovals(ctx: FlowContext): Stage[] {
  return ctx.rollbackEnvironments().flatMap((env) => {
    const a = env.approval;
    if (!a) return [];
    return [
      ctx.stage({
        id: `approve-rollback:${env.name}`,
        name: STAGE_NAME.approveRollback(env.name),
        kind: 'approve',
        environment: env.name,
        when: condition({ branches: [env.branch], rollback: env.name }),
        agent: 'none',
        timeout: parseDuration(a.timeout),
        input: { message: `Roll back ${env.name}?`, ok: `Roll back ${env.name}`, submitters: [...a.submitters], submitterParameter: APPROVER_VARIABLE },
        actions: [{ kind: 'jenkins', step: 'echo', args: { message: `manual rollback of ${env.name} approved` } }],
      }),
    ];
  });
}

/** One group holding every environment's rollback path; each child runs only for the chosen environment on its branch. */
function rollbackStage(ctx: FlowContext): Stage {
  const deployTimeout = parseDuration(ctx.model.gates.timeouts.deploy);
  const children = ctx.rollbackEnvironments().flatMap((env) => {
    // The group runs only where the chosen environment deploys from this branch, so a child needs only the choice.
    const when = (param: string | null = null): Condition => condition({ rollback: env.name, param });
    const stages: Stage[] = [
      ctx.stage({
        id: `rollback:${env.name}`,
        name: STAGE_NAME.rollBackEnvironment(env.name),
        kind: 'rollback',
        environment: env.name,
        when: when(),
        timeout: deployTimeout,
        lock: ctx.lockFor(env),
        actions: ctx.rollbackAction(env, `manual rollback of ${env.name}`, expr(`params.${REVISION_PARAM}`), false),
      }),
    ];
    const db = env.database;
    if (db) {
      stages.push(
        ctx.stage({
          id: `restore:${env.name}`,
          name: STAGE_NAME.restore(env.name),
          kind: 'restore',
          environment: env.name,
          when: when(RESTORE_PARAM),
          actions: [
            {
              kind: 'step',
              step: 'pwRestoreDatabase',
              args: {
                environment: env.name,
                app: ctx.model.app,
                host: db.host,
                port: db.port,
                ...sslmodeArg(db),
                database: db.name,
                backupDir: db.backupDir,
                credentialsId: db.credentialsId,
              },
            },
          ],
        }),
      );
    }
    // Operations sync manual environments themselves; the rollback waits for that as long as a deploy does.
    const syncTimeout = env.sync === 'manual' ? ctx.manualSyncTimeout(env) : ctx.model.gates.timeouts.deploy;
    const sync = ctx.syncAction(env, env.sync, syncTimeout, false);
    const checks: Stage[] = [];
    if (sync.length)
      checks.push(
        ctx.stage({
          id: `rollback-sync:${env.name}`,
          name: STAGE_NAME.sync(env.name),
          kind: 'sync',
          environment: env.name,
          timeout: backstop(parseDuration(syncTimeout)),
          actions: sync,
        }),
      );
    checks.push(...ctx.healthStage(env, 'rollback-health'));
    // The sync and health check are steps of the stage before them: the rollback's own when no database restore (a
    // stage of its own, run only when asked) comes between, else one stage after the restore.
    const announce = ctx.notify('deployment', env.name, false, {}, 'rollback');
    const rollback = stages[0]!;
    rollback.actions = rollback.timeout ? inline([rollback]) : rollback.actions;
    rollback.timeout = null;
    if (stages.length === 1) {
      rollback.actions = [...rollback.actions, ...inline(checks), ...announce];
    } else if (checks.length || announce.length) {
      stages.push(
        ctx.stage({
          id: `rollback-check:${env.name}`,
          name: STAGE_NAME.checkAfterRollback(env.name),
          kind: 'verify',
          environment: env.name,
          when: when(),
          actions: [...inline(checks), ...announce],
        }),
      );
    }
    return stages;
  });
  return ctx.stage({
    id: 'roll-back',
    name: STAGE_NAME.rollBack,
    kind: 'rollback',
    // No condition of its own: "Check rollback target" before it fails a choice this branch does not deploy, and
    // Declarative skips every stage after a failed one (ModelInterpreter.evaluateStage's firstError branch), so the
    // agent is only allocated for an environment this branch deploys.
    when: null,
    agent: 'deploy',
    children,
  });
}
