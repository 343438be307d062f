// The flow with the step registry bound in: the one buildFlow gen, plan and lint call (src/flow/ imports nothing from gen/, so the registry's programs are handed to it here).
import type { Model } from '../config/model.js';
import { buildFlow as buildFlowWith } from '../flow/build-flow.js';
import { duplicatesIn, duplicateStageNames } from '../flow/evaluate.js';
import { STAGE_NAME } from '../flow/names.js';
import { binariesOf as binariesWith, type ProgramsOf } from '../flow/preflight.js';
import { unmergedStageNames } from '../flow/stage-names.js';
import type { Action, Flow } from '../flow/types.js';
import { mergeManualRollbacks } from './rollback-merge.js';
import { STEP_BY_NAME } from './steps.js';

/** The programs a library step runs, from the registry's `binaries`. */
export const programsOf: ProgramsOf = (step) => STEP_BY_NAME.get(step)?.binaries;

/** Builds the whole flow for a model, the manual rollback's alike environments written once. */
export function buildFlow(model: Model): Flow {
  return mergeManualRollbacks(buildFlowWith(model, programsOf));
}

/** The programs the library steps among these actions run, by where they run (the registry's binaries, conditions applied). */
export function binariesOf(actions: Action[]): { helpers: string[]; build: string[] } {
  return binariesWith(actions, programsOf);
}

/**
 * The stage names the model's Jenkinsfile would use twice (custom-stage-duplicate-name), as duplicateStageNames finds
 * them on the whole flow, from stageNames without building it. Which manual rollbacks mergeManualRollbacks writes once
 * needs the flow (the environments' facts), but it only drops environments' "Roll back: <env>" stages and adds
 * "Roll back: <env>, <env>…" ones: unless another stage has one of those names, the duplicates are the same whichever
 * it merges, and the flow is built only when one does.
 */
export function duplicateStageNamesOf(model: Model): string[] {
  const { names, mergeable } = unmergedStageNames(model);
  if (!mergeable.length) return duplicatesIn(names);
  const own = new Set(mergeable.map((env) => STAGE_NAME.rollBackEnvironment(env)));
  const prefix = STAGE_NAME.rollBackEnvironment('');
  const envs = new Set(mergeable);
  const clash = (name: string): boolean => {
    if (!name.startsWith(prefix)) return false;
    const listed = name.slice(prefix.length).split(', ');
    return listed.length === 1 ? envs.has(listed[0]!) : listed.every((env) => envs.has(env));
  };
  // Each mergeable environment's own stage once, no environment name that reads as a list, and no other stage named like either.
  const ambiguous =
    own.size !== mergeable.length ||
    mergeable.some((env) => env.includes(', ')) ||
    names.filter((name) => own.has(name)).length !== own.size ||
    names.some((name) => !own.has(name) && clash(name));
  return ambiguous ? duplicateStageNames(buildFlow(model)) : duplicatesIn(names);
}
