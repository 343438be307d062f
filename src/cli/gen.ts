// `pipewright gen [paths...]`: lint, then write (or --check, or print) the Jenkinsfile for each pipeline.yaml.
import { availableParallelism } from 'node:os';
import type { CommandModule } from 'yargs';
import { findConfigs } from './files.js';
import { UsageError } from '../core/errors.js';
import { UNREADABLE_RULES } from './lint.js';
import { useColor } from './color.js';
import { formatStylish } from '../lint/formatters/stylish.js';
import { markerLine } from '../gen/jenkinsfile.js';
import { UnsafeGroovyText } from '../groovy/quote.js';
import type { LintResult } from '../lint/runner.js';
import { generatedFile, synthesize, type SynthReport } from '../generated/synth.js';
import { POLICY_OPTION, policyFromCli } from './policy.js';
import { lintForGen, renderForGen, sourceFor, targetFor } from './gen-config.js';
import { GenPool } from './gen-workers.js';

interface GenArgs {
  paths?: string[];
  check: boolean;
  stdout: boolean;
  out?: string;
  force: boolean;
  policy?: string;
  jobs?: string;
}

/** Progress goes to a terminal only, and only when there are enough configs to wait for. */
const PROGRESS_AFTER = 5;

/**
 * From this many configs on, gen uses every core unless --jobs says otherwise: below it, starting the worker threads
 * (each loads gen's code, about a megabyte of JavaScript) costs more than they save. Measured in docs/benchmarks.md.
 */
export const PARALLEL_FROM = 600;

/** The threads to use: --jobs (a whole number, 1 or more), else one below PARALLEL_FROM configs and the core count from it; never more than there are configs. */
export function threadsFor(jobs: string | undefined, configs: number, cores: number = availableParallelism()): number {
  if (jobs !== undefined && !(/^[0-9]+$/.test(jobs) && Number(jobs) >= 1)) throw new UsageError(`--jobs takes a whole number of threads, 1 or more; "${jobs}" is not one`);
  const wanted = jobs !== undefined ? Number(jobs) : configs >= PARALLEL_FROM ? cores : 1;
  return Math.max(1, Math.min(wanted, configs));
}

export const command: CommandModule<object, GenArgs> = {
  command: 'gen [paths..]',
  describe: 'lint, then write the Jenkinsfile beside each pipeline.yaml (a folder is searched for **/pipeline.yaml)',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, describe: 'files or folders (default: ./pipeline.yaml)' })
      .option('check', { type: 'boolean', default: false, describe: 'write nothing; exit 1 with a diff when a Jenkinsfile is stale or hand-edited' })
      .option('stdout', { type: 'boolean', default: false, describe: 'print the Jenkinsfile instead of writing it (one config)' })
      .option('out', { type: 'string', describe: 'write the Jenkinsfile to this file (one config)' })
      .option('policy', POLICY_OPTION)
      .option('force', { type: 'boolean', default: false, describe: 'overwrite a Jenkinsfile that pipewright did not generate' })
      .option('jobs', {
        type: 'string',
        describe: `threads to use (default: 1 below ${PARALLEL_FROM} configs, else one per core); the output is the same`,
      })
      .example('pipewright gen', 'write ./Jenkinsfile from ./pipeline.yaml')
      .example('pipewright gen services/ --check', 'fail when any Jenkinsfile under services/ is out of date')
      .example('pipewright gen services/ --jobs 1', 'regenerate a fleet on one thread'),
  handler: async (argv) => {
    const configs = findConfigs(argv.paths ?? []);
    const single = argv.stdout || argv.out !== undefined;
    if (argv.stdout && argv.out !== undefined) throw new UsageError('--stdout and --out exclude each other');
    if (single && configs.length !== 1) throw new UsageError(`--stdout and --out take one config; ${configs.length} were given`);
    if (argv.check && argv.stdout) throw new UsageError('--check and --stdout exclude each other');
    const jobs = threadsFor(argv.jobs, configs.length);

    // gen is lint, then render: one pass lints every config (lint checks the flow gen renders, stage names included),
    // keeping only the diagnostics (and the text they show); rendering loads each clean config again, so a fleet of
    // thousands never holds every model at once.
    // The same policy as lint: gen --check in CI must run with it too, or a config the policy refuses passes.
    const policy = policyFromCli(argv.policy);
    const targets = configs.map((f) => targetFor(f, argv.out));
    // --stdout and --out take one config, so they always run on one thread.
    const pool = jobs > 1 ? new GenPool(jobs, { files: configs, targets, policy, check: argv.check, force: argv.force }) : undefined;
    try {
      const results = pool ? await pool.lint() : configs.map((f) => lintForGen(f, policy));
      if (!(await lintPassed(results))) return;

      // The marker names each config by path: a path no Groovy comment can hold is refused before anything is written.
      for (const [index, result] of results.entries()) {
        try {
          markerLine(sourceFor(result.file, targets[index]!));
        } catch (error) {
          if (error instanceof UnsafeGroovyText) throw new UsageError(`${JSON.stringify(result.file)}: nothing was generated: ${error.message}`);
          throw error;
        }
      }

      const shown = configs.length > PROGRESS_AFTER && Boolean(process.stderr.isTTY);
      const progress: Progress = {
        step: (done, file) => void (shown && process.stderr.write(`\r\u001b[2Kgenerating ${done}/${configs.length} ${file}`)),
        end: () => void (shown && process.stderr.write('\r\u001b[2K')),
      };
      const report = pool ? await generateInPool(pool, configs, targets, argv.check, progress) : generateHere(results, targets, argv, progress);
      if (report) printReport(report, configs, targets, argv.check);
    } finally {
      await pool?.close();
    }
  },
};

/** The progress line of the render pass: the configs rendered so far and the last one. */
interface Progress {
  step(done: number, file: string): void;
  end(): void;
}

/** Prints the lint pass's findings; false (with the exit code set) when nothing may be generated. */
async function lintPassed(results: LintResult[]): Promise<boolean> {
  const all = results.flatMap((r) => r.diagnostics);
  if (all.length) process.stderr.write(await formatStylish(results, { color: useColor(process.stderr) }));
  if (all.some((d) => UNREADABLE_RULES.has(d.ruleId))) {
    process.exitCode = 2;
    return false;
  }
  if (all.some((d) => d.severity === 'error')) {
    process.stderr.write('nothing was generated: fix the errors above first\n');
    process.exitCode = 1;
    return false;
  }
  return true;
}

/** Refuses the run when any Jenkinsfile is over the size budget; true when none is. */
function sizesPassed(oversized: Array<{ file: string; tooBig: string }>): boolean {
  if (!oversized.length) return true;
  for (const r of oversized) process.stderr.write(`${r.file}: ${r.tooBig}\n`);
  process.stderr.write('nothing was generated: make the configs above smaller first\n');
  process.exitCode = 1;
  return false;
}

/** One thread: render every config (each is rendered and size-checked before any is written), then print or synthesize. */
function generateHere(results: LintResult[], targets: string[], argv: GenArgs, progress: Progress): SynthReport | undefined {
  const rendered = results.map((result, index) => {
    progress.step(index + 1, result.file);
    return { file: result.file, target: targets[index]!, ...renderForGen(result.file, targets[index]!, result.model) };
  });
  progress.end();
  if (!sizesPassed(rendered.flatMap((r) => (r.tooBig ? [{ file: r.file, tooBig: r.tooBig }] : [])))) return undefined;
  if (argv.stdout) {
    for (const { text } of rendered) process.stdout.write(text);
    process.exitCode = 0;
    return undefined;
  }
  // An existing Jenkinsfile without the marker is someone's own: refused unless --force, and the others still written.
  return synthesize(rendered.map((r) => generatedFile(r.target, 'slashes', r.text)), { check: argv.check, force: argv.force });
}

/** Worker threads: the same passes, each over the shared queue; the report is assembled in config order, as synthesize does. */
async function generateInPool(pool: GenPool, configs: string[], targets: string[], check: boolean, progress: Progress): Promise<SynthReport | undefined> {
  const { outcomes, compareError } = await pool.render(progress.step);
  progress.end();
  if (!sizesPassed(outcomes.flatMap((o, k) => (o.tooBig ? [{ file: configs[k]!, tooBig: o.tooBig }] : [])))) return undefined;
  if (compareError) throw compareError;
  const report: SynthReport = { written: [], current: [], stale: [], refused: [], strays: [] };
  const toWrite: string[] = [];
  outcomes.forEach(({ comparison }, k) => {
    const path = targets[k]!;
    if (comparison.state === 'current') return void report.current.push(path);
    report.stale.push({ path, missing: comparison.missing, diff: comparison.diff });
    (comparison.refused ? report.refused : toWrite).push(path);
  });
  if (check) return report;
  await pool.write();
  report.written = toWrite;
  return report;
}

/** What gen says once the Jenkinsfiles are compared (--check) or written, and its exit code. */
function printReport(report: SynthReport, configs: string[], targets: string[], check: boolean): void {
  if (check) {
    const configOf = new Map(targets.map((target, k) => [target, configs[k]]));
    for (const { path, missing, diff } of report.stale) {
      process.stdout.write(missing ? `${path}: missing; run "pipewright gen"\n${diff}` : `${path}: differs from what ${configOf.get(path)} generates\n${diff}`);
    }
    if (report.stale.length) process.stderr.write(`${report.stale.length} of ${configs.length} Jenkinsfiles out of date; run "pipewright gen" and commit the result\n`);
    process.exitCode = report.stale.length ? 1 : 0;
    return;
  }
  for (const path of report.refused) process.stderr.write(`${path}: exists and was not generated by pipewright; move it away or pass --force\n`);
  for (const path of report.written) process.stdout.write(`wrote ${path}\n`);
  process.exitCode = report.refused.length ? 1 : 0;
}
