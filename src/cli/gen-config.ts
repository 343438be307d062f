// gen's work on one config (lint it, render it), the same code in the main thread and in gen's worker threads.
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { ExitError } from '../core/errors.js';
import { lintFile, type LintResult } from '../lint/runner.js';
import { loadFile } from '../config/load.js';
import { renderFlow } from '../gen/jenkinsfile.js';
import { buildFlow } from '../gen/flow.js';
import { sizeProblem } from '../gen/size.js';
import type { Model } from '../config/model.js';
import type { Policy } from '../config/policy.js';

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
  return result.diagnostics.length ? result : { ...result, text: '', raw: undefined, org: undefined, model: null };
}

export interface Rendered {
  text: string;
  /** Why the Jenkinsfile is over the size budget, when it is. */
  tooBig: string | null;
}

/** Renders one linted config's Jenkinsfile (loading it again unless its model was kept) and checks its size. */
export function renderForGen(file: string, target: string, kept: Model | null = null): Rendered {
  const model = kept ?? loadFile(file).model;
  if (!model) throw new ExitError(`${file} changed while pipewright gen was running; run it again`, 1);
  const text = renderFlow(buildFlow(model), model, sourceFor(file, target));
  return { text, tooBig: sizeProblem(text, { environments: model.environments.length, customStages: model.custom.length }) };
}
