// gen's work on one config (lint it, render it), the same code in the main thread and in gen's worker threads.
import { createHash } from 'node:crypto';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ExitError } from '../core/errors.js';
import { lintFile, type LintResult } from '../lint/runner.js';
import { loadChecked, loadFile } from '../config/load.js';
import { readTextFile } from '../config/text.js';
import { renderFlow } from '../gen/jenkinsfile.js';
import { buildFlow } from '../gen/flow.js';
import { sizeProblem } from '../gen/size.js';
import type { Model } from '../config/model.js';
import type { Policy } from '../config/policy.js';
import { compareGenerated, generatedFile, type Comparison } from '../generated/synth.js';
import { stageJenkinsfile } from './gen-staging.js';

/** The Jenkinsfile a config writes: `--out FILE`, else `Jenkinsfile` beside it. */
export const targetFor = (config: string, out: string | undefined): string => out ?? join(dirname(config), 'Jenkinsfile');

/** Where the marker points: the config relative to the Jenkinsfile's folder, and the command to run there. */
export function sourceFor(config: string, target: string): { source: string; command: string } {
  // Windows separators become "/"; on POSIX a backslash is part of a name and stays (the marker then refuses it).
  const relativePath = relative(dirname(resolve(target)), resolve(config));
  const source = (sep === '\\' ? relativePath.split(sep).join('/') : relativePath) || basename(config);
  const defaultTarget = basename(target) === 'Jenkinsfile' && dirname(resolve(target)) === dirname(resolve(config));
  const args = [source === 'pipeline.yaml' ? '' : ` ${source}`, defaultTarget ? '' : ` --out ${basename(target)}`].join('');
  return { source, command: `pipewright gen${args}` };
}

/**
 * gen's lint pass over one config: a clean config keeps only its (empty) diagnostics, so a fleet of thousands never
 * holds every model at once; one with findings keeps what stylish output shows (its text) and its model.
 */
export function lintForGen(file: string, policy: Policy | null): LintResult {
  const result = lintFile(file, undefined, { policy });
  if (result.diagnostics.length) return result;
  // A config without `extends` (whose org file could change in between) is loaded again to render with fewer checks
  // when its text is still the one linted here (renderForGen).
  if (result.model && !result.org?.org) checked.set(file, digest(result.text));
  return { ...result, text: '', raw: undefined, org: undefined, model: null };
}

/**
 * The digest of each config's text that loaded and linted clean in this thread, until its render: 5,000 configs hold
 * under a megabyte. Re-checking the tabs, aliases, Unicode and schema of the same bytes was about half of loading a
 * config again (docs/benchmarks.md). A worker thread may render a config another linted; it then loads it in full, as before.
 */
const checked = new Map<string, string>();
const digest = (text: string): string => createHash('sha256').update(text).digest('base64');

/** The model to render a config from: loaded again, with fewer checks when its text is the one linted clean. */
function modelFor(file: string): Model | null {
  const linted = checked.get(file);
  checked.delete(file);
  if (linted === undefined) return loadFile(file).model;
  const read = readTextFile(file);
  if (read.text === undefined || digest(read.text) !== linted) return loadFile(file).model;
  return loadChecked(read.text, file);
}

export interface Rendered {
  text: string;
  /** Why the Jenkinsfile is over the size budget, when it is. */
  tooBig: string | null;
}

/** Renders one linted config's Jenkinsfile (loading it again unless its model was kept) and checks its size. */
export function renderForGen(file: string, target: string, kept: Model | null = null): Rendered {
  const model = kept ?? modelFor(file);
  if (!model) throw new ExitError(`${file} changed while pipewright gen was running; run it again`, 1);
  const text = renderFlow(buildFlow(model), model, sourceFor(file, target));
  return { text, tooBig: sizeProblem(text, { environments: model.environments.length, customStages: model.custom.length }) };
}

/** One config's outcome of gen's render pass. */
export interface RenderOutcome {
  tooBig: string | null;
  /** How the disk compares (with the diff when checking); `current` when it could not be read (compareError). */
  comparison: Comparison;
  compareError?: unknown;
  /** Staged under stagedPath (src/cli/gen-staging.ts), to be renamed into place when the run succeeds. */
  staged?: boolean;
  /** The text to write, held instead of staged: the target's folder does not exist yet. */
  held?: string;
  stageError?: unknown;
}

export interface RenderOptions {
  check: boolean;
  force: boolean;
  /** The run's token for staged files; null when nothing is to be written (--check). */
  token: string | null;
  /** Another config failed already (over the budget, unreadable Jenkinsfile, failed write): nothing will be written, so stage nothing. */
  failed: boolean;
}

/**
 * gen's render pass over one config (the same code in the main thread and in the workers): render, size-check, compare
 * with the disk and, when it is to be written and nothing failed, stage it, so its text is dropped here. A render error
 * is thrown; a compare or stage error is returned, to be reported after the size verdicts (one thread's order).
 */
export function renderOne(file: string, target: string, index: number, options: RenderOptions, kept: Model | null = null): RenderOutcome {
  const { text, tooBig } = renderForGen(file, target, kept);
  const generated = generatedFile(target, 'slashes', text);
  let comparison: Comparison;
  try {
    comparison = compareGenerated(generated, options);
  } catch (compareError) {
    return { tooBig, comparison: { state: 'current' }, compareError };
  }
  if (comparison.state === 'current' || comparison.refused || options.token === null || tooBig || options.failed) return { tooBig, comparison };
  try {
    const held = stageJenkinsfile(target, options.token, index, text);
    return held === null ? { tooBig, comparison, staged: true } : { tooBig, comparison, held };
  } catch (stageError) {
    return { tooBig, comparison, stageError };
  }
}

/** Whether an outcome means nothing of the run will be written. */
export const outcomeFailed = (o: RenderOutcome): boolean => Boolean(o.tooBig || o.compareError || o.stageError);
