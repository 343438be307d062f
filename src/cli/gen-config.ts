// gen's work on one config (lint it, then render, compare and stage it), the same code in the main thread and in gen's worker threads.
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { lintFile, type LintResult } from '../lint/runner.js';
import { secretValues } from '../lint/support/secrets.js';
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

export interface Rendered {
  text: string;
  /** Why the Jenkinsfile is over the size budget, when it is. */
  tooBig: string | null;
}

/** Renders one linted config's Jenkinsfile and checks its size. */
export function renderForGen(file: string, target: string, model: Model): Rendered {
  const text = renderFlow(buildFlow(model), model, sourceFor(file, target));
  return { text, tooBig: sizeProblem(text, { environments: model.environments.length, customStages: model.custom.length }) };
}

/** One config's render outcome in gen's pass. */
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
 * Renders one config, size-checks it, compares it with the disk and, when it is to be written and nothing failed,
 * stages it, so its text is dropped here. A render error is thrown; a compare or stage error is returned, to be
 * reported after the size verdicts (one thread's order).
 */
function renderOne(file: string, target: string, index: number, options: RenderOptions, model: Model): RenderOutcome {
  const { text, tooBig } = renderForGen(file, target, model);
  const generated = generatedFile(target, 'slashes', text);
  let comparison: Comparison;
  try {
    comparison = compareGenerated(generated, options);
  } catch (compareError) {
    return { tooBig, comparison: { state: 'current' }, compareError };
  }
  if (comparison.state === 'current' || comparison.refused || options.token === null || tooBig || options.failed) return { tooBig, comparison };
  try {
    // The comparison just looked at the target; the config was just read from its folder when they share it.
    const known = { missing: comparison.missing, folderExists: !comparison.missing || dirname(target) === dirname(file) };
    const held = stageJenkinsfile(target, options.token, index, text, known);
    return held === null ? { tooBig, comparison, staged: true } : { tooBig, comparison, held };
  } catch (stageError) {
    return { tooBig, comparison, stageError };
  }
}

/** Whether an outcome means nothing of the run will be written. */
const outcomeFailed = (o: RenderOutcome): boolean => Boolean(o.tooBig || o.compareError || o.stageError);

/** What gen keeps of a config's lint findings: what stylish output shows, never the model (see findingsOf). */
export type Findings = Pick<LintResult, 'text' | 'secrets' | 'diagnostics' | 'unreadable'>;

/**
 * A lint result cut to what stylish output shows of it: the diagnostics, the lines their code frames quote (each at its
 * own line number, the others empty) and the secret values to mask in them, not the whole text and parsed config. A
 * fleet's findings are held until the end of the run and, with workers, copied between threads: a note on every config
 * (no manifest checked out) made that the configs' whole texts and values.
 */
export function findingsOf(result: LintResult): Findings | null {
  if (!result.diagnostics.length) return null;
  const lines = result.text.split(/\r?\n/);
  const quoted: string[] = [];
  for (const d of result.diagnostics) {
    const line = lines[d.line - 1];
    if (d.file === result.file && line !== undefined) quoted[d.line - 1] = line;
  }
  return {
    text: Array.from(quoted, (line) => line ?? '').join('\n'),
    secrets: secretValues(result.raw),
    diagnostics: result.diagnostics,
    unreadable: result.unreadable,
  };
}

export interface PassOptions extends RenderOptions {
  policy: Policy | null;
  /** Render nothing: the run can no longer write anything (a config with lint errors, a path no marker can hold). */
  lintOnly: boolean;
}

/** One config's outcome of gen's pass. */
export interface ConfigOutcome {
  /** Its lint findings; null when it has none. */
  findings: Findings | null;
  /** Its findings include an error: nothing of the run will be written. */
  blocked: boolean;
  /** Rendered, compared and maybe staged, unless it was blocked or the pass only lints. */
  render?: RenderOutcome;
  /** What rendering it threw: reported, in config order, when no config has lint errors. */
  renderError?: unknown;
}

/**
 * gen's one pass over a config (the same code in the main thread and in the workers): lint it and, when it is free of
 * errors and the run can still write, render, compare and stage it from the model just linted. Each config is read
 * and parsed once; a fleet's models and texts are never held together (only findings and verdicts are kept), and the
 * files staged are removed when any config turns out to have errors (docs/gen.md).
 */
export function genOne(file: string, target: string, index: number, options: PassOptions): ConfigOutcome {
  const result = lintFile(file, undefined, { policy: options.policy });
  const findings = findingsOf(result);
  const blocked = result.diagnostics.some((d) => d.severity === 'error');
  if (blocked || options.lintOnly || !result.model) return { findings, blocked };
  try {
    return { findings, blocked, render: renderOne(file, target, index, options, result.model) };
  } catch (renderError) {
    return { findings, blocked, renderError };
  }
}

/**
 * What a config's outcome stops for the configs after it, on one thread and on workers alike: lint errors stop the
 * rendering (the run ends with the findings); a render that failed or threw stops the staging (nothing will be
 * written), while the others are still rendered and size-checked, so the run reports the first error in config order
 * and every config over the budget.
 */
export const stopsAfter = (outcome: ConfigOutcome): { lintOnly: boolean; failed: boolean } => ({
  lintOnly: outcome.blocked,
  failed: outcome.renderError !== undefined || (outcome.render !== undefined && outcomeFailed(outcome.render)),
});
