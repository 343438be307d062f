// `pipewright plan [path]`: lint, then show per branch the stages, gates, credentials, images and deployments.
import type { CommandModule } from 'yargs';
import { findConfigs } from './files.js';
import { UsageError } from '../core/errors.js';
import { UNREADABLE_RULES } from './lint.js';
import { useColor } from './color.js';
import { lintFile } from '../lint/runner.js';
import { formatStylish } from '../lint/formatters/stylish.js';
import { writeIfChanged } from '../generated/synth.js';
import { buildPlan } from '../plan/plan.js';
import { renderPlan, PLAN_FORMATS, type PlanFormat } from '../plan/render.js';

interface PlanArgs {
  path?: string;
  branch?: string;
  format: string;
  out?: string;
}

export const command: CommandModule<object, PlanArgs> = {
  command: 'plan [path]',
  describe: 'lint, then show per branch which stages run, which gates apply, which credentials, images and environments are used',
  builder: (y) =>
    y
      .positional('path', { type: 'string', describe: 'a pipeline.yaml, or a folder holding one (default: ./pipeline.yaml)' })
      .option('branch', { type: 'string', describe: 'plan only this branch (a name such as main or feature/login)' })
      .option('format', { type: 'string', default: 'table', choices: [...PLAN_FORMATS], describe: 'output format' })
      .option('out', { type: 'string', describe: 'write the plan to this file instead of printing it' })
      .example('pipewright plan', 'every branch of ./pipeline.yaml as a table')
      .example('pipewright plan --branch main --format json', 'what a build of main runs, as JSON')
      .example('pipewright plan --format html --out plan.html', 'a standalone page of the per-branch flow'),
  handler: async (argv) => {
    if (argv.branch !== undefined && argv.branch.trim() === '') throw new UsageError('--branch takes a branch name');
    const configs = findConfigs(argv.path === undefined ? [] : [argv.path]);
    if (configs.length !== 1) throw new UsageError(`plan takes one config; "${argv.path}" holds ${configs.length}: name one of them`);
    const result = lintFile(configs[0]!);
    if (result.diagnostics.length) process.stderr.write(await formatStylish([result], { color: useColor(process.stderr) }));
    if (result.unreadable || result.diagnostics.some((d) => UNREADABLE_RULES.has(d.ruleId))) {
      process.exitCode = 2;
      return;
    }
    if (!result.model || result.diagnostics.some((d) => d.severity === 'error')) {
      process.stderr.write('no plan: fix the errors above first\n');
      process.exitCode = 1;
      return;
    }
    const plan = buildPlan(result.model, argv.branch);
    const format = argv.format as PlanFormat;
    const text = renderPlan(plan, format, { color: argv.out === undefined && useColor(process.stdout) });
    if (argv.out === undefined) process.stdout.write(text);
    else if (writeIfChanged(argv.out, text) === 'written') process.stdout.write(`wrote ${argv.out}\n`);
    process.exitCode = 0;
  },
};
