// `pipewright lint [paths...]`: load, validate and lint configs; print diagnostics; exit 0, 1 or 2.
import type { CommandModule } from 'yargs';
import { findConfigs } from './files.js';
import { lintFile, type LintResult } from '../lint/runner.js';
import { formatters } from '../lint/formatters/index.js';
import { UsageError } from './errors.js';
import { useColor } from './color.js';
import { UNREADABLE_RULES } from '../config/text.js';

/** Loader rule ids that mean the input could not be read at all: exit 2 rather than 1. */
export { UNREADABLE_RULES };

/** 2 when a file could not be read, 1 for errors or more warnings than allowed, else 0 (warnings alone pass). */
export function lintExitCode(results: LintResult[], maxWarnings?: number): number {
  const all = results.flatMap((r) => r.diagnostics);
  if (results.some((r) => r.unreadable) || all.some((d) => UNREADABLE_RULES.has(d.ruleId))) return 2;
  if (all.some((d) => d.severity === 'error')) return 1;
  if (maxWarnings !== undefined && all.filter((d) => d.severity === 'warning').length > maxWarnings) return 1;
  return 0;
}

interface LintArgs {
  paths?: string[];
  format: string;
  'max-warnings'?: number;
}

export const command: CommandModule<object, LintArgs> = {
  command: 'lint [paths..]',
  describe: 'lint pipeline.yaml files (a folder is searched for **/pipeline.yaml)',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, describe: 'files or folders (default: ./pipeline.yaml)' })
      .option('format', { type: 'string', default: 'stylish', choices: Object.keys(formatters), describe: 'output format' })
      .option('max-warnings', { type: 'number', describe: 'fail when there are more warnings than this' })
      .example('pipewright lint', 'lint ./pipeline.yaml')
      .example('pipewright lint examples/ --format json', 'lint every pipeline.yaml under examples/ as JSON'),
  handler: (argv) => {
    const maxWarnings = argv['max-warnings'];
    if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
      throw new UsageError('--max-warnings takes a whole number');
    }
    const results = findConfigs(argv.paths ?? []).map((f) => lintFile(f));
    const formatter = formatters[argv.format]!;
    process.stdout.write(formatter(results, { color: useColor(process.stdout) }));
    process.exitCode = lintExitCode(results, maxWarnings);
  },
};
