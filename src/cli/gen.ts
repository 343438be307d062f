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
import { lintFile, type LintResult } from '../lint/runner.js';
import type { Policy } from '../config/policy.js';
import type { SynthReport } from '../generated/synth.js';
import { POLICY_OPTION, policyFromCli } from './policy.js';
import { genOne, renderForGen, stopsAfter, sourceFor, targetFor, type ConfigOutcome, type PassOptions, type RenderOutcome } from './gen-config.js';
import { Interrupted, Staging, watchSignals } from './gen-staging.js';
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
  if (jobs !== undefined && !(/^[0-9]+$/.test(jobs) && Number(jobs) >= 1))
    throw new UsageError(`--jobs takes a whole number of threads, 1 or more; "${jobs}" is not one`);
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

    // gen is one pass: each config is linted (lint checks the flow gen renders, stage names included) and, while no
    // config has had lint errors, rendered from the model just linted, compared with the disk and staged beside its
    // target; only findings and verdicts are kept, so a fleet of thousands never holds every model or text at once.
    // The staged files are renamed into place once every config passed, and removed otherwise (docs/gen.md).
    // The same policy as lint: gen --check in CI must run with it too, or a config the policy refuses passes.
    const policy = policyFromCli(argv.policy);
    const targets = configs.map((f) => targetFor(f, argv.out));
    // The marker names each config by path: a path no Groovy comment can hold is refused before anything is written
    // (after the lint findings, which come first).
    const unsafe = unsafeMarker(configs, targets);
    if (argv.stdout) return await printOne(configs[0]!, targets[0]!, policy, unsafe);
    const staging = argv.check ? undefined : new Staging(targets);
    const options: PassOptions = { policy, check: argv.check, force: argv.force, token: staging?.token ?? null, failed: false, lintOnly: unsafe !== undefined };
    const pool =
      jobs > 1
        ? new GenPool(jobs, { files: configs, targets, policy, check: argv.check, force: argv.force, token: options.token, lintOnly: options.lintOnly })
        : undefined;
    let interrupt: ReturnType<typeof watchSignals> | undefined;
    try {
      const shown = configs.length > PROGRESS_AFTER && Boolean(process.stderr.isTTY);
      const progress: Progress = {
        step: (done, file) => void (shown && process.stderr.write(`\r\u001b[2Kgenerating ${done}/${configs.length} ${file}`)),
        end: () => void (shown && process.stderr.write('\r\u001b[2K')),
      };
      // From the first staged file on, a signal is caught so that the staged files are removed (then raised again).
      if (staging) interrupt = watchSignals(() => pool?.stop());
      const outcomes = pool ? await passInPool(pool, staging, progress) : await passHere(configs, targets, options, staging, progress, interrupt);
      if (interrupt?.signal) throw new Interrupted();
      const results = outcomes.map((o, k): LintResult => ({ file: configs[k]!, text: '', raw: undefined, model: null, diagnostics: [], ...o!.findings }));
      if (!(await lintPassed(results))) return;
      if (unsafe) throw unsafe;
      const renderError = outcomes.find((o) => o!.renderError !== undefined)?.renderError;
      if (renderError !== undefined) throw renderError;
      const report = finish(
        outcomes.map((o) => o!.render!),
        configs,
        targets,
        argv.check,
        staging,
      );
      if (report) printReport(report, configs, targets, argv.check);
    } catch (error) {
      if (!(error instanceof Interrupted)) throw error;
      process.stderr.write(`pipewright gen: stopped by ${interrupt?.signal}; nothing was written\n`);
    } finally {
      staging?.discard();
      interrupt?.release();
      await pool?.close();
      // Ends the process as the signal would have, once nothing staged is left behind.
      if (interrupt?.signal) interrupt.reraise();
    }
  },
};

/** The progress line of the pass: the configs done so far and the last one. */
interface Progress {
  step(done: number, file: string): void;
  end(): void;
}

/** Prints the pass's lint findings; false (with the exit code set) when nothing may be generated. */
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

/** The first config (in order) whose path no marker comment can hold, as the usage error gen ends with; else undefined. */
function unsafeMarker(configs: string[], targets: string[]): UsageError | undefined {
  for (const [index, file] of configs.entries()) {
    try {
      markerLine(sourceFor(file, targets[index]!));
    } catch (error) {
      if (error instanceof UnsafeGroovyText) return new UsageError(`${JSON.stringify(file)}: nothing was generated: ${error.message}`);
      throw error;
    }
  }
  return undefined;
}

/** --stdout: the one config's Jenkinsfile, printed only when it lints clean and is within the size budget. */
async function printOne(file: string, target: string, policy: Policy | null, unsafe: UsageError | undefined): Promise<void> {
  const result = lintFile(file, undefined, { policy });
  if (!(await lintPassed([result]))) return;
  if (unsafe) throw unsafe;
  const { text, tooBig } = renderForGen(file, target, result.model!);
  if (!sizesPassed(tooBig ? [{ file, tooBig }] : [])) return;
  process.stdout.write(text);
  process.exitCode = 0;
}

/** Tells the staging that a config's Jenkinsfile was staged on disk, or held in memory (see stageJenkinsfile). */
function recordStaged(staging: Staging | undefined, index: number, { render }: ConfigOutcome): void {
  if (render?.staged || render?.held !== undefined) staging?.add(index, render.held);
}

/** One thread: the pass over every config in order. */
async function passHere(
  configs: string[],
  targets: string[],
  options: PassOptions,
  staging: Staging | undefined,
  progress: Progress,
  interrupt: ReturnType<typeof watchSignals> | undefined,
): Promise<ConfigOutcome[]> {
  const outcomes: ConfigOutcome[] = [];
  let { failed, lintOnly } = options;
  for (const [index, file] of configs.entries()) {
    // A turn of the event loop between configs lets a signal be caught (watchSignals) while files are staged.
    if (interrupt) await new Promise((resolve) => setImmediate(resolve));
    if (interrupt?.signal) throw new Interrupted();
    progress.step(index + 1, file);
    const outcome = genOne(file, targets[index]!, index, { ...options, failed, lintOnly });
    recordStaged(staging, index, outcome);
    const stops = stopsAfter(outcome);
    lintOnly ||= stops.lintOnly;
    failed ||= stops.failed;
    outcomes.push(outcome);
  }
  progress.end();
  return outcomes;
}

/** Worker threads: the same pass, each over the shared queue; the outcomes come back in config order. */
async function passInPool(pool: GenPool, staging: Staging | undefined, progress: Progress): Promise<Array<ConfigOutcome | undefined>> {
  if (staging) staging.complete = false;
  const outcomes = await pool.run(progress.step, (index, outcome) => recordStaged(staging, index, outcome));
  // Every worker answered for every config it took, so the staging knows every file staged.
  if (staging) staging.complete = true;
  progress.end();
  return outcomes;
}

/**
 * After the pass, in one thread's order: the configs over the size budget (nothing is written), then the first
 * Jenkinsfile that could not be read or staged (thrown), then (unless checking) the staged Jenkinsfiles renamed into
 * place, in config order. The report is the one synthesize (src/generated/synth.ts) gives.
 */
function finish(outcomes: RenderOutcome[], configs: string[], targets: string[], check: boolean, staging: Staging | undefined): SynthReport | undefined {
  if (!sizesPassed(outcomes.flatMap((o, k) => (o.tooBig ? [{ file: configs[k]!, tooBig: o.tooBig }] : [])))) return undefined;
  const failure = outcomes.find((o) => o.compareError !== undefined)?.compareError ?? outcomes.find((o) => o.stageError !== undefined)?.stageError;
  if (failure !== undefined) throw failure;
  const report: SynthReport = { written: [], current: [], stale: [], refused: [], strays: [] };
  const toWrite: number[] = [];
  outcomes.forEach(({ comparison }, k) => {
    const path = targets[k]!;
    if (comparison.state === 'current') return void report.current.push(path);
    report.stale.push({ path, missing: comparison.missing, diff: comparison.diff });
    // An existing Jenkinsfile without the marker is someone's own: refused unless --force, and the others still written.
    if (comparison.refused) report.refused.push(path);
    else toWrite.push(k);
  });
  if (check || !staging) return report;
  staging.commit(toWrite);
  report.written = toWrite.map((k) => targets[k]!);
  return report;
}

/** What gen says once the Jenkinsfiles are compared (--check) or written, and its exit code. */
function printReport(report: SynthReport, configs: string[], targets: string[], check: boolean): void {
  if (check) {
    const configOf = new Map(targets.map((target, k) => [target, configs[k]]));
    for (const { path, missing, diff } of report.stale) {
      process.stdout.write(missing ? `${path}: missing; run "pipewright gen"\n${diff}` : `${path}: differs from what ${configOf.get(path)} generates\n${diff}`);
    }
    if (report.stale.length)
      process.stderr.write(`${report.stale.length} of ${configs.length} Jenkinsfiles out of date; run "pipewright gen" and commit the result\n`);
    process.exitCode = report.stale.length ? 1 : 0;
    return;
  }
  for (const path of report.refused) process.stderr.write(`${path}: exists and was not generated by pipewright; move it away or pass --force\n`);
  for (const path of report.written) process.stdout.write(`wrote ${path}\n`);
  process.exitCode = report.refused.length ? 1 : 0;
}
