// The per-branch evaluator: which stages a build of a branch runs, and the actions they hold, read off the flow (plan, lint, tests).
import { branchMatches } from '../config/branch-pattern.js';
import { NO_ROLLBACK, RESTORE_PARAM, type Action, type Condition, type Flow, type Stage, type Value } from './types.js';

export interface BuildParameters {
  /** The manual-rollback environment, or null for a normal build. */
  rollback: string | null;
  restoreDatabase: boolean;
}

function conditionHolds(when: Condition | null, branch: string, params: BuildParameters): boolean {
  if (!when) return true;
  if (when.branches && !when.branches.some((p) => branchMatches(p, branch))) return false;
  const chosen = params.rollback ?? NO_ROLLBACK;
  if (when.rollback !== null && when.rollback !== chosen) return false;
  if (when.rollbackIn !== null && !when.rollbackIn.includes(chosen)) return false;
  if (when.param === RESTORE_PARAM && !params.restoreDatabase) return false;
  if (when.anyOf && !when.anyOf.some((c) => conditionHolds(c, branch, params))) return false;
  if (when.not && conditionHolds(when.not, branch, params)) return false;
  return true;
}

export interface PlannedStage {
  /** Names from the top-level stage down. */
  path: string[];
  stage: Stage;
}

/**
 * The stages a build of `branch` runs when nothing fails, in order (groups and their children both listed):
 * the `when` conditions evaluated as Jenkins would, for `plan` and the tests.
 */
export function stagesForBranch(flow: Flow, branch: string, params: BuildParameters = { rollback: null, restoreDatabase: false }): PlannedStage[] {
  const out: PlannedStage[] = [];
  // A stage that only fails (the manual rollback's refusal) ends the run: Declarative skips every stage after it.
  let failed = false;
  const visit = (stages: Stage[], parents: string[]): void => {
    for (const stage of stages) {
      if (failed || !conditionHolds(stage.when, branch, params)) continue;
      const path = [...parents, stage.name];
      // A stage written once for several environments runs as the chosen environment's own stage.
      out.push({ path, stage: stage.variants?.find((v) => v.environment === params.rollback) ?? stage });
      failed = stage.actions.some((a) => a.kind === 'jenkins' && a.step === 'error');
      visit(stage.children, path);
    }
  };
  visit(flow.stages, []);
  return out;
}

/** Stage names used more than once: Jenkins refuses such a pipeline (a custom stage named like a built-in one, say). */
export function duplicateStageNames(flow: Flow): string[] {
  const names: string[] = [];
  const visit = (stages: Stage[]): void => {
    for (const s of stages) {
      names.push(s.name);
      visit(s.children);
    }
  };
  visit(flow.stages);
  return duplicatesIn(names);
}

/** Names given more than once, in the order of their first use. */
export function duplicatesIn(names: string[]): string[] {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return [...counts].filter(([, n]) => n > 1).map(([name]) => name);
}

/** Every action inside `actions`, the bodies of wrappers (withEnv, timeout, container, …) after the wrapper, depth first. */
export function flatActions(actions: Action[]): Action[] {
  return actions.flatMap((a) => ('body' in a ? [a, ...flatActions(a.body)] : [a]));
}

/** Every action of a stage, its children and its post blocks, wrappers and what they wrap, depth first (for plan). */
export function actionsIn(stage: Stage): Action[] {
  return [...flatActions(stage.actions), ...stage.children.flatMap(actionsIn), ...stage.post.flatMap((p) => flatActions(p.actions))];
}

/** The arguments of the first call of a library step among a stage's own actions (wrappers' bodies included), or null. */
export function stepArgs(stage: Stage, step: string): Record<string, Value> | null {
  for (const a of flatActions(stage.actions)) if (a.kind === 'step' && a.step === step) return a.args;
  return null;
}
