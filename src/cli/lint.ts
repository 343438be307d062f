// `pipewright lint [paths...]`: load, validate and lint configs; print diagnostics; exit 0, 1 or 2.
import { existsSync, statSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { findConfigs } from './files.js';
import { lintFile, type LintResult } from '../lint/runner.js';
import { formatters } from '../lint/formatters/index.js';
import { UsageError } from '../core/errors.js';
import { useColor } from './color.js';
import { UNREADABLE_RULES } from '../config/text.js';
import { POLICY_OPTION, policyFromCli } from './policy.js';

/** Loader rule ids that mean the input could not be read at all: exit 2 rather than 1. */
export { UNREADABLE_RULES };

/** 2 when a file could not be read, 1 for errors or more warnings than allowed, else 0 (warnings alone pass; info notes never count). */
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
  'print-config'?: boolean;
  policy?: string;
  manifests?: string;
}

export const command: CommandModule<object, LintArgs> = {
  command: 'lint [paths..]',
  describe: 'lint pipeline.yaml files (a folder is searched for **/pipeline.yaml)',
  builder: (y) =>
    y
      .positional('paths', { type: 'string', array: true, describe: 'files or folders (default: ./pipeline.yaml)' })
      .option('format', { type: 'string', default: 'stylish', choices: Object.keys(formatters), describe: 'output format' })
      .option('max-warnings', { type: 'number', describe: 'fail when there are more warnings than this' })
      .option('policy', POLICY_OPTION)
      .option('manifests', { type: 'string', describe: "a local checkout of the GitOps repository: check each environment's manifest against the config" })
      .option('print-config', { type: 'boolean', describe: 'print the configuration merged with its org defaults, and where each value came from' })
      .example('pipewright lint', 'lint ./pipeline.yaml')
      .example('pipewright lint examples/ --format json', 'lint every pipeline.yaml under examples/ as JSON')
      .example('pipewright lint --policy /etc/pipewright/policy.yaml', "lint ./pipeline.yaml under the organisation's policy")
      .example('pipewright lint --manifests ../deploy', "also check each environment's manifest in a checkout of the GitOps repository")
      .example('pipewright lint --print-config', 'show ./pipeline.yaml merged with the org defaults it extends'),
  handler: async (argv) => {
    if (argv['print-config']) {
      process.exitCode = await (await import('./print-config.js')).runPrintConfig(argv.paths ?? []);
      return;
    }
    process.exitCode = await runLint(argv.paths ?? [], argv.format, argv['max-warnings'], argv.policy, argv.manifests);
  },
};

/** Lints the configs, prints them in `format`, and returns the exit code; the policy is `policyFile`'s, else PIPEWRIGHT_POLICY's. */
export async function runLint(paths: string[], format: string, maxWarnings: number | undefined, policyFile?: string, manifests?: string): Promise<number> {
  if (maxWarnings !== undefined && (!Number.isInteger(maxWarnings) || maxWarnings < 0)) {
    throw new UsageError('--max-warnings takes a whole number');
  }
  const formatter = formatters[format];
  if (!formatter) throw new UsageError(`unknown format "${format}"; use one of ${Object.keys(formatters).join(', ')}`);
  if (manifests !== undefined && !(existsSync(manifests) && statSync(manifests).isDirectory())) {
    throw new UsageError(`--manifests "${manifests}" is not a folder; give a local checkout of the GitOps repository`);
  }
  const policy = policyFromCli(policyFile);
  const results = findConfigs(paths).map((f) => lintFile(f, undefined, { policy, manifests, repository: true }));
  process.stdout.write(await formatter(results, { color: useColor(process.stdout) }));
  return lintExitCode(results, maxWarnings);
}

/**
 * The hot path without yargs (whose loading alone costs about as much as starting Node): `lint [paths..]` with
 * `--format F` and `--max-warnings N`. Anything else (help, an unknown flag, a repeated option) returns undefined, and
 * the caller hands the whole command line to yargs, so both paths accept the same commands and yargs owns the errors.
 */
export function fastLint(args: string[]): Promise<number> | undefined {
  const paths: string[] = [];
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--') {
      paths.push(...args.slice(i + 1));
      break;
    }
    const option = /^--(format|max-warnings)(?:=(.*))?$/.exec(arg);
    if (option) {
      const value = option[2] ?? args[++i];
      if (value === undefined || options.has(option[1]!)) return undefined;
      options.set(option[1]!, value);
    } else if (arg.startsWith('-') && arg !== '-') return undefined;
    else paths.push(arg);
  }
  const format = options.get('format') ?? 'stylish';
  const maxWarnings = options.get('max-warnings');
  if (!Object.hasOwn(formatters, format) || (maxWarnings !== undefined && !/^[0-9]+$/.test(maxWarnings))) return undefined;
  return runLint(paths, format, maxWarnings === undefined ? undefined : Number(maxWarnings));
}
