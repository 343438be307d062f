// The helpers' entry point: argument parsing with --help, the JSON result file, masking, and exit codes (0 done, 1 refused or failed, 2 usage, 3 internal error).
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { addSecretsFromEnv, mask, maskProcessOutput } from './mask.js';
import { setMaxInputMb } from './bounded-read.js';
import { systemErrorCode } from './system-error.js';
import { checkOptions, defaultValueName, optionNotes, resolveAliases, type OptionSpecs, type ParsedOptions, type RawValues } from './options.js';
import { HelperUsageError } from './usage-error.js';

export { HelperUsageError };

export type { OptionSpec, OptionSpecs, ParsedOptions } from './options.js';

/** What a helper returns: `ok` decides the exit code; every other field goes into the result file. */
export interface HelperResult {
  ok: boolean;
  message: string;
  /** The stage should be marked unstable (a warning), not failed. */
  unstable?: boolean;
  [field: string]: unknown;
}

export interface HelperSpec<O extends OptionSpecs = OptionSpecs> {
  name: string;
  summary: string;
  /** Declared `as const satisfies OptionSpecs`, so run's options are typed from it. */
  options: O;
  /** Usage examples shown in --help. */
  examples?: string[];
  /** Environment variables holding secrets beyond those named like secrets (…TOKEN, …PASSWORD, …). */
  secretEnv?: string[];
  run(options: ParsedOptions<O>): Promise<HelperResult>;
}

/** A refusal or failure the helper explains: exit 1, with the message in the result. */
export class HelperFailure extends Error {
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'HelperFailure';
  }
}

/** The options every helper takes besides its own (the step registry reads their names as types, src/gen/helper-flags.ts). */
export const COMMON_OPTIONS = {
  result: { type: 'string', valueName: 'FILE', description: 'write the JSON result to FILE (atomically)' },
  'max-input-mb': {
    type: 'string',
    valueName: 'MB',
    description: 'raise the size limit of every file and HTTP body this helper reads (reports 100 MiB, manifests and HTTP bodies 8 MiB, option files 1 MiB)',
    check: { valid: (v: string) => /^\d+(\.\d+)?$/.test(v) && Number(v) > 0, problem: 'is not a positive number of MiB' },
  },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
} as const satisfies OptionSpecs;

export function helpText(spec: HelperSpec<OptionSpecs>): string {
  const all: OptionSpecs = { ...spec.options, ...COMMON_OPTIONS };
  const rows = Object.entries(all).flatMap(([name, o]) => {
    const value = o.type === 'boolean' ? '' : ` ${o.valueName ?? defaultValueName(o)}`;
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${value}`;
    const notes = optionNotes(o).join('; ');
    const row = `  ${flag.padEnd(30)} ${o.description}${notes ? ` (${notes})` : ''}`;
    return o.deprecatedAlias === undefined
      ? [row]
      : [row, `  ${`--${o.deprecatedAlias}${value}`.padEnd(30)} deprecated: the old name of --${name}, removed in the next release`];
  });
  const examples = spec.examples?.length ? `\n\nExamples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}` : '';
  return `Usage: ${spec.name} [options]\n\n${spec.summary}\n\nOptions:\n${rows.join('\n')}${examples}\n\nExit codes: 0 done, 1 refused or failed, 2 usage, 3 internal error.\n`;
}

/**
 * Splits argv by the spec (unknown flags and missing values are usage errors); values are checked later, by
 * checkOptions. A deprecated alias's value is moved to its option, and `warn` gets one line per alias used.
 */
export function parseRawArgs(spec: HelperSpec<OptionSpecs>, argv: string[], warn: (line: string) => void = () => {}): RawValues {
  const all: OptionSpecs = { ...spec.options, ...COMMON_OPTIONS };
  const config: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const [name, o] of Object.entries(all)) {
    const multiple = (o.type === 'string' && o.multiple) || o.type === 'list';
    const type = o.type === 'boolean' ? 'boolean' : 'string';
    config[name] = { type, ...(multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
    if (o.deprecatedAlias !== undefined) config[o.deprecatedAlias] = { type, ...(multiple ? { multiple: true } : {}) };
  }
  let raw: RawValues;
  try {
    raw = parseArgs({ args: argv, options: config, strict: true, allowPositionals: false }).values as RawValues;
  } catch (error) {
    throw new HelperUsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  for (const line of resolveAliases(all, raw)) warn(line);
  return raw;
}

export interface RunOutcome {
  exitCode: number;
  result: HelperResult | undefined;
}

function usageExit(spec: HelperSpec<OptionSpecs>, error: HelperUsageError): RunOutcome {
  process.stderr.write(`${spec.name}: ${error.message}\nRun "${spec.name} --help" for usage.\n`);
  return { exitCode: 2, result: undefined };
}

/** Runs a helper with argv as Jenkins would, without exiting: tests call this directly. */
export async function runHelper<O extends OptionSpecs>(spec: HelperSpec<O>, argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunOutcome> {
  addSecretsFromEnv(env, spec.secretEnv ?? []);
  let common: ParsedOptions<typeof COMMON_OPTIONS>;
  let options: ParsedOptions<O>;
  try {
    const raw = parseRawArgs(spec, argv, (line) => process.stderr.write(`${spec.name}: ${line}\n`));
    // The common options first: --max-input-mb bounds the option files the helper's own options read.
    common = checkOptions(COMMON_OPTIONS, raw);
    setMaxInputMb(common['max-input-mb'] === undefined ? null : Number(common['max-input-mb']));
    if (common.help) {
      process.stdout.write(helpText(spec));
      return { exitCode: 0, result: undefined };
    }
    options = checkOptions(spec.options, raw);
  } catch (error) {
    if (error instanceof HelperUsageError) return usageExit(spec, error);
    throw error;
  }
  let result: HelperResult;
  let exitCode: number;
  try {
    result = await spec.run(options);
    exitCode = result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof HelperUsageError) return usageExit(spec, error);
    if (error instanceof HelperFailure) {
      result = { ok: false, message: error.message, ...error.details };
      exitCode = 1;
    } else if (systemErrorCode(error)) {
      // The machine failed (disk full, quota, read-only file system): a failure to report, not a bug.
      result = { ok: false, message: `failed: ${(error as Error).message}`, systemError: systemErrorCode(error) };
      exitCode = 1;
    } else {
      const e = error as Error;
      result = { ok: false, message: `internal error: ${e?.message ?? String(e)}`, internalError: true };
      exitCode = 3;
      if (env.PIPEWRIGHT_DEBUG) process.stderr.write(`${e?.stack ?? ''}\n`);
    }
  }
  const message = mask(result.message);
  (exitCode === 0 ? process.stdout : process.stderr).write(`${spec.name}: ${message}\n`);
  if (common.result !== undefined) {
    const record = { helper: spec.name, exitCode, ...result, message };
    try {
      writeFileAtomic(common.result, `${mask(JSON.stringify(record, null, 2))}\n`);
    } catch (error) {
      if (!systemErrorCode(error)) throw error;
      // The work is done (or failed) either way; without its result file the step must not pass silently.
      process.stderr.write(`${spec.name}: ${mask((error as Error).message)}\n`);
      return { exitCode: exitCode === 0 ? 1 : exitCode, result };
    }
  }
  return { exitCode, result };
}

/** The bundled entry: runs the helper when this file is the program node was started with (not when a test imports it). */
export function main<O extends OptionSpecs>(spec: HelperSpec<O>): void {
  const program = basename(process.argv[1] ?? '');
  if (program !== `${spec.name}.cjs` && program !== `${spec.name}.js`) return;
  maskProcessOutput();
  runHelper(spec, process.argv.slice(2)).then(
    ({ exitCode }) => {
      process.exitCode = exitCode;
    },
    (error: Error) => {
      process.stderr.write(mask(`${spec.name}: internal error: ${error?.message ?? String(error)}\n`));
      process.exitCode = 3;
    },
  );
}
