// `pipewright lint [paths...]`: load, validate and lint configs; print diagnostics; exit 0, 1 or 2.
import type { CommandModule } from 'yargs';
import { findConfigs } from './files.js';
import { lintFile } from '../lint/runner.js';
import { formatters } from '../lint/formatters/index.js';
import { UsageError } from './errors.js';
import { useColor } from './color.js';

/** Loader rule ids that mean the input could not be read at all: exit 2 rather than 1. */
export const UNREADABLE_RULES = new Set(['unreadable', 'encoding', 'file-too-large']);

interface LintArgs {
  paths?: string[];
  format: string;
  'max-warnings'?: number;
  'print-config'?: boolean;
}

export const command: CommandModule<object, LintArgs> = {
  command: 'lint [paths..]',
  describe: 'lint pipeline.yaml files (a folder is searched for **/pipeline.yaml)',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, describe: 'files or folders (default: ./pipeline.yaml)' })
      .option('format', { type: 'string', default: 'stylish', choices: Object.keys(formatters), describe: 'output format' })
      .option('max-warnings', { type: 'number', describe: 'fail when there are more warnings than this' })
      .option('print-config', { type: 'boolean', describe: 'print the configuration merged with its org defaults, and where each value came from' })
      .example('pipewright lint', 'lint ./pipeline.yaml')
      .example('pipewright lint examples/ --format json', 'lint every pipeline.yaml under examples/ as JSON')
      .example('pipewright lint --print-config', 'show ./pipeline.yaml merged with the org defaults it extends'),
  handler: async (argv) => {
    if (argv['print-config']) {
      process.exitCode = await (await import('./print-config.js')).runPrintConfig(argv.paths ?? []);
      return;
    }
    const maxWarnings = argv['max-warnings'];
    if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
      throw new UsageError('--max-warnings takes a whole number');
    }
    const results = findConfigs(argv.paths ?? []).map((f) => lintFile(f));
    const formatter = formatters[argv.format]!;
    process.stdout.write(formatter(results, { color: useColor(process.stdout) }));
    const all = results.flatMap((r) => r.diagnostics);
    if (all.some((d) => UNREADABLE_RULES.has(d.ruleId))) process.exitCode = 2;
    else if (all.some((d) => d.severity === 'error')) process.exitCode = 1;
    else if (maxWarnings !== undefined && all.filter((d) => d.severity === 'warning').length > maxWarnings) process.exitCode = 1;
    else process.exitCode = 0;
  },
};
