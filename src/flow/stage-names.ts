// Every stage's name as the Jenkinsfile has it, without building the flow: what custom-stage-duplicate-name reads, from the names and conditions the stage builders use (names.ts, FlowContext).
import type { Environment, Model, StageId } from '../config/model.js';
import { FlowContext } from './context.js';
import { BUILD_SLOTS, builtInNames, customStagesAt, STAGE_NAME } from './names.js';

/** How mergeManualRollbacks writes the manual rollback's alike environments: the sets written once, and whether one set is the whole group. */
export interface RollbackMerge {
  sets: string[][];
  every: boolean;
}

export const NO_MERGE: RollbackMerge = { sets: [], every: false };

/** One environment's manual rollback path: its stages' names, and whether it is one stage (one mergeManualRollbacks may merge). */
interface RollbackPath {
  env: string;
  names: string[];
  single: boolean;
}

/** An environment's deploy stages' names, as environmentStages builds them. */
function environmentNames(ctx: FlowContext, env: Environment, out: string[]): void {
  const e = env.name;
  if (env.approval) out.push(STAGE_NAME.approve(e), ...(ctx.notifies('approval') ? [STAGE_NAME.requestApproval(e)] : []), STAGE_NAME.waitForApproval(e));
  if (env.deploy === 'none') return;
  const parts = [...(env.database?.backup ? [STAGE_NAME.backup(e)] : []), ...(ctx.canBump(env) ? [STAGE_NAME.bump(e)] : [])];
  const health = env.healthCheck ? [STAGE_NAME.health(e)] : [];
  if (env.sync !== 'manual') {
    // One stage, its parts inlined as steps.
    if (parts.length || ctx.syncs(env) || health.length) out.push(STAGE_NAME.deploy(e));
    return;
  }
  const children = parts.length === 1 ? parts : parts.length ? [STAGE_NAME.rollOut(e)] : [];
  children.push(...(ctx.syncs(env) ? [STAGE_NAME.waitForSync(e)] : health));
  if (children.length) out.push(STAGE_NAME.deploy(e), ...children);
}

/** Each environment's manual rollback path, as rollbackStage builds it. */
function rollbackPaths(ctx: FlowContext): RollbackPath[] {
  return ctx.rollbackEnvironments().map((env) => {
    const e = env.name;
    const names = [STAGE_NAME.rollBackEnvironment(e)];
    if (env.database) {
      names.push(STAGE_NAME.restore(e));
      if (ctx.syncs(env) || env.healthCheck || ctx.notifies('deployment')) names.push(STAGE_NAME.checkAfterRollback(e));
    }
    return { env: e, names, single: names.length === 1 };
  });
}

/** The environments whose manual rollback is one stage, in order: those mergeManualRollbacks may write once. */
export function mergeableRollbacks(model: Model): string[] {
  return walk(model, NO_MERGE).mergeable;
}

/**
 * Every stage's name in the order duplicateStageNames visits the flow (a group, then its children), without building
 * the flow: 0.01 ms a config against 0.1 to 0.3 for the whole flow. `merge` is the manual rollback as mergeManualRollbacks
 * writes it (which needs the environments' facts, so the flow); without it, every environment's rollback is its own.
 */
export function stageNames(model: Model, merge: RollbackMerge = NO_MERGE): string[] {
  return walk(model, merge).names;
}

/** stageNames with every rollback its own, and mergeableRollbacks, from one walk (what lint's duplicates need). */
export function unmergedStageNames(model: Model): { names: string[]; mergeable: string[] } {
  return walk(model, NO_MERGE);
}

function walk(model: Model, merge: RollbackMerge): { names: string[]; mergeable: string[] } {
  const ctx = new FlowContext(model);
  const out: string[] = [];
  const custom = (slot: StageId, position: 'before' | 'after'): void => {
    for (const c of customStagesAt(model, slot, position)) out.push(c.name);
  };
  out.push(STAGE_NAME.build);
  for (const slot of BUILD_SLOTS) {
    custom(slot, 'before');
    out.push(...builtInNames(model, slot));
    custom(slot, 'after');
  }
  custom('deploy', 'before');
  for (const env of ctx.environments) environmentNames(ctx, env, out);
  custom('deploy', 'after');
  if (!ctx.manualRollback) return { names: out, mergeable: [] };
  out.push(STAGE_NAME.manualRollback, STAGE_NAME.rollbackRefused);
  for (const env of ctx.rollbackEnvironments()) if (env.approval) out.push(STAGE_NAME.approveRollback(env.name));
  out.push(STAGE_NAME.rollBack);
  const paths = rollbackPaths(ctx);
  const mergeable = paths.flatMap((p) => (p.single ? [p.env] : []));
  // The group's place taken by its one merged stage, named as the group: no children.
  if (merge.every) return { names: out, mergeable };
  for (const path of paths) {
    const set = path.single ? merge.sets.find((s) => s.includes(path.env)) : undefined;
    if (!set) out.push(...path.names);
    else if (set[0] === path.env) out.push(STAGE_NAME.rollBackEnvironments(set));
  }
  return { names: out, mergeable };
}
