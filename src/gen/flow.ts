// The flow with the step registry bound in: the one buildFlow gen, plan and lint call (src/flow/ imports nothing from gen/, so the registry's programs are handed to it here).
import type { Model } from '../config/model.js';
import { buildFlow as buildFlowWith } from '../flow/build-flow.js';
import { binariesOf as binariesWith, type ProgramsOf } from '../flow/preflight.js';
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
