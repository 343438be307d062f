// The step registry: every pipewright library step a generated Jenkinsfile calls, as data (name, arguments, defaults, plugins, helpers).
import type { LibraryStep } from './step-types.js';
import { BUILD_STEPS } from './steps-build.js';
import { DEPLOY_STEPS } from './steps-deploy.js';
import { NOTIFY_STEPS } from './steps-notify.js';
// The registry's entry types and the internal vars are part of what its readers import from here.
export type * from './step-types.js';
export * from './internal-vars.js';

/** Every step, in name order (code points): the order of the generated reference and of the library's files. */
export const STEPS: LibraryStep[] = [...BUILD_STEPS, ...DEPLOY_STEPS, ...NOTIFY_STEPS].sort((a, b) => (a.name < b.name ? -1 : 1));

export const STEP_BY_NAME: ReadonlyMap<string, LibraryStep> = new Map(STEPS.map((s) => [s.name, s]));

/** Every step prefix: no Jenkins core or plugin step starts with it. */
export const STEP_PREFIX = 'pw';
