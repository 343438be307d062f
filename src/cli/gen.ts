// `pipewright gen [paths...]`: lint, then write (or --check, or print) the Jenkinsfile for each pipeline.yaml.
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { CommandModule } from 'yargs';
import { findConfigs } from './files.js';
import { ExitError, UsageError } from '../core/errors.js';
import { UNREADABLE_RULES } from './lint.js';
import { useColor } from './color.js';
import { lintFile } from '../lint/runner.js';
import { loadFile } from '../config/load.js';
import { formatStylish } from '../lint/formatters/stylish.js';
import { hasMarker, markerLine, renderFlow } from '../gen/jenkinsfile.js';
import { UnsafeGroovyText } from '../groovy/quote.js';
import { buildFlow } from '../gen/flow.js';
import { sizeProblem } from '../gen/size.js';
import type { LintResult } from '../lint/runner.js';
import { generatedFile, synthesize } from '../generated/synth.js';
import { POLICY_OPTION, policyFromCli } from './policy.js';

interface GenArgs {
  paths?: string[];
  check: boolean;
  stdout: boolean;
  out?: string;
  force: boolean;
  policy?: string;
}

/** Progress goes to a terminal only, and only when there are enough configs to wait for. */
const PROGRESS_AFTER = 5;

/** Where the marker points: the config relative to the Jenkinsfile's folder, and the command to run there. */
function sourceFor(config: string, target: string): { source: string; command: string } {
  // Windows separators become "/"; on POSIX a backslash is part of a name and stays (the marker then refuses it).
  const relativePath = relative(dirname(resolve(target)), resolve(config));
  const source = (sep === '\\' ? relativePath.split(sep).join('/') : relativePath) || basename(config);
  const defaultTarget = basename(target) === 'Jenkinsfile' && dirname(resolve(target)) === dirname(resolve(config));
  const args = [source === 'pipeline.yaml' ? '' : ` ${source}`, defaultTarget ? '' : ` --out ${basename(target)}`].join('');
  return { source, command: `pipewright gen${args}` };
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
      .example('pipewright gen', 'write ./Jenkinsfile from ./pipeline.yaml')
      .example('pipewright gen services/ --check', 'fail when any Jenkinsfile under services/ is out of date'),
  handler: async (argv) => {
    const configs = findConfigs(argv.paths ?? []);
    const single = argv.stdout || argv.out !== undefined;
    if (argv.stdout && argv.out !== undefined) throw new UsageError('--stdout and --out exclude each other');
    if (single && configs.length !== 1) throw new UsageError(`--stdout and --out take one config; ${configs.length} were given`);
    if (argv.check && argv.stdout) throw new UsageError('--check and --stdout exclude each other');

    // gen is lint, then render: one pass lints every config (lint checks the flow gen renders, stage names included),
    // keeping only the diagnostics (and the text they show); rendering loads each clean config again, so a fleet of
    // thousands never holds every model at once.
    // The same policy as lint: gen --check in CI must run with it too, or a config the policy refuses passes.
    const policy = policyFromCli(argv.policy);
    const results = configs.map((f): LintResult => {
      const result = lintFile(f, undefined, { policy });
      return result.diagnostics.length ? result : { ...result, text: '', raw: undefined, org: undefined, model: null };
    });
    const all = results.flatMap((r) => r.diagnostics);
    if (all.length) process.stderr.write(await formatStylish(results, { color: useColor(process.stderr) }));
    if (all.some((d) => UNREADABLE_RULES.has(d.ruleId))) {
      process.exitCode = 2;
      return;
    }
    if (all.some((d) => d.severity === 'error')) {
      process.stderr.write('nothing was generated: fix the errors above first\n');
      process.exitCode = 1;
      return;
    }

    // The marker names each config by path: a path no Groovy comment can hold is refused before anything is written.
    for (const result of results) {
      try {
        markerLine(sourceFor(result.file, argv.out ?? join(dirname(result.file), 'Jenkinsfile')));
      } catch (error) {
        if (error instanceof UnsafeGroovyText) throw new UsageError(`${JSON.stringify(result.file)}: nothing was generated: ${error.message}`);
        throw error;
      }
    }

    const progress = configs.length > PROGRESS_AFTER && Boolean(process.stderr.isTTY);
    // Every Jenkinsfile is rendered and size-checked before any is written: one over the budget writes nothing.
    const rendered = results.map((result, index) => {
      if (progress) process.stderr.write(`\r\u001b[2Kgenerating ${index + 1}/${results.length} ${result.file}`);
      const target = argv.out ?? join(dirname(result.file), 'Jenkinsfile');
      const model = result.model ?? loadFile(result.file).model;
      if (!model) throw new ExitError(`${result.file} changed while pipewright gen was running; run it again`, 1);
      const text = renderFlow(buildFlow(model), model, sourceFor(result.file, target));
      return { result, target, text, tooBig: sizeProblem(text, { environments: model.environments.length, customStages: model.custom.length }) };
    });
    if (progress) process.stderr.write('\r\u001b[2K');
    const oversized = rendered.filter((r) => r.tooBig);
    if (oversized.length) {
      for (const r of oversized) process.stderr.write(`${r.result.file}: ${r.tooBig}\n`);
      process.stderr.write('nothing was generated: make the configs above smaller first\n');
      process.exitCode = 1;
      return;
    }
    if (argv.stdout) {
      for (const { text } of rendered) process.stdout.write(text);
      process.exitCode = 0;
      return;
    }
    const configOf = new Map(rendered.map((r) => [r.target, r.result.file]));
    // An existing Jenkinsfile without the marker is someone's own: refused unless --force, and the others still written.
    const report = synthesize(rendered.map((r) => generatedFile(r.target, 'slashes', r.text)), { check: argv.check, force: argv.force });
    if (argv.check) {
      for (const { path, missing, diff } of report.stale) {
        process.stdout.write(missing ? `${path}: missing; run "pipewright gen"\n${diff}` : `${path}: differs from what ${configOf.get(path)} generates\n${diff}`);
      }
      if (report.stale.length) process.stderr.write(`${report.stale.length} of ${results.length} Jenkinsfiles out of date; run "pipewright gen" and commit the result\n`);
      process.exitCode = report.stale.length ? 1 : 0;
      return;
    }
    for (const path of report.refused) process.stderr.write(`${path}: exists and was not generated by pipewright; move it away or pass --force\n`);
    for (const path of report.written) process.stdout.write(`wrote ${path}\n`);
    process.exitCode = report.refused.length ? 1 : 0;
  },
};
