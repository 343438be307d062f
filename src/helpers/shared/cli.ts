// The helpers' entry point: argument parsing with --help, the JSON result file, masking, and exit codes (0 done, 1 refused or failed, 2 usage, 3 internal error).
import { parseArgs } from 'node:util';
import { basename } from 'node:path';
import { writeFileAtomic } from './atomic.js';
import { addSecretsFromEnv, mask, maskProcessOutput } from './mask.js';
import { setMaxInputMb } from './bounded-read.js';
import { systemErrorCode } from './system-error.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  multiple?: boolean;
  short?: string;
  default?: string | boolean;
  required?: boolean;
  /** Shown in --help as the value's name, e.g. FILE. */
  valueName?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

/** Parsed option values: strings, booleans and string arrays, keyed by option name. */
export type ParsedOptions = Record<string, string | boolean | string[] | undefined>;

/** What a helper returns: `ok` decides the exit code; every other field goes into the result file. */
export interface HelperResult {
  ok: boolean;
  message: string;
  /** The stage should be marked unstable (a warning), not failed. */
  unstable?: boolean;
  [field: string]: unknown;
}

export interface HelperSpec {
  name: string;
  summary: string;
  options: OptionSpecs;
  /** Usage examples shown in --help. */
  examples?: string[];
  /** Environment variables holding secrets beyond those named like secrets (…TOKEN, …PASSWORD, …). */
  secretEnv?: string[];
  run(options: ParsedOptions): Promise<HelperResult>;
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

/** Bad or missing arguments: exit 2. */
export class HelperUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HelperUsageError';
  }
}

const COMMON_OPTIONS: OptionSpecs = {
  result: { type: 'string', valueName: 'FILE', description: 'write the JSON result to FILE (atomically)' },
  'max-input-mb': { type: 'string', valueName: 'MB', description: 'raise the size limit of every file and HTTP body this helper reads (reports 100 MiB, manifests and HTTP bodies 8 MiB, option files 1 MiB)' },
  help: { type: 'boolean', short: 'h', description: 'show this help' },
};

export function helpText(spec: HelperSpec): string {
  const all = { ...spec.options, ...COMMON_OPTIONS };
  const rows = Object.entries(all).map(([name, o]) => {
    const flag = `${o.short ? `-${o.short}, ` : ''}--${name}${o.type === 'string' ? ` ${o.valueName ?? 'VALUE'}` : ''}`;
    const notes = [o.required ? 'required' : '', o.multiple ? 'repeatable' : '', o.default !== undefined ? `default: ${o.default}` : '']
      .filter(Boolean)
      .join(', ');
    return `  ${flag.padEnd(30)} ${o.description}${notes ? ` (${notes})` : ''}`;
  });
  const examples = spec.examples?.length ? `\n\nExamples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}` : '';
  return `Usage: ${spec.name} [options]\n\n${spec.summary}\n\nOptions:\n${rows.join('\n')}${examples}\n\nExit codes: 0 done, 1 refused or failed, 2 usage, 3 internal error.\n`;
}

export function parseHelperArgs(spec: HelperSpec, argv: string[]): ParsedOptions {
  const all = { ...spec.options, ...COMMON_OPTIONS };
  const config: Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }> = {};
  for (const [name, o] of Object.entries(all)) config[name] = { type: o.type, ...(o.multiple ? { multiple: true } : {}), ...(o.short ? { short: o.short } : {}) };
  let values: ParsedOptions;
  try {
    values = parseArgs({ args: argv, options: config, strict: true, allowPositionals: false }).values as ParsedOptions;
  } catch (error) {
    throw new HelperUsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  if (values.help) return values;
  for (const [name, o] of Object.entries(spec.options)) {
    if (values[name] === undefined && o.default !== undefined) values[name] = o.default;
    if (o.required && (values[name] === undefined || values[name] === '')) throw new HelperUsageError(`missing required option --${name}`);
  }
  return values;
}

export interface RunOutcome {
  exitCode: number;
  result: HelperResult | undefined;
}

/** Runs a helper with argv as Jenkins would, without exiting: tests call this directly. */
export async function runHelper(spec: HelperSpec, argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<RunOutcome> {
  addSecretsFromEnv(env, spec.secretEnv ?? []);
  let options: ParsedOptions;
  try {
    options = parseHelperArgs(spec, argv);
  } catch (error) {
    if (error instanceof HelperUsageError) {
      process.stderr.write(`${spec.name}: ${error.message}\nRun "${spec.name} --help" for usage.\n`);
      return { exitCode: 2, result: undefined };
    }
    throw error;
  }
  const maxInput = options['max-input-mb'];
  if (maxInput !== undefined && !(typeof maxInput === 'string' && /^\d+(\.\d+)?$/.test(maxInput) && Number(maxInput) > 0)) {
    process.stderr.write(`${spec.name}: --max-input-mb takes a positive number of MiB, got "${String(maxInput)}"\nRun "${spec.name} --help" for usage.\n`);
    return { exitCode: 2, result: undefined };
  }
  setMaxInputMb(maxInput === undefined ? null : Number(maxInput));
  if (options.help) {
    process.stdout.write(helpText(spec));
    return { exitCode: 0, result: undefined };
  }
  let result: HelperResult;
  let exitCode: number;
  try {
    result = await spec.run(options);
    exitCode = result.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof HelperUsageError) {
      process.stderr.write(`${spec.name}: ${error.message}\nRun "${spec.name} --help" for usage.\n`);
      return { exitCode: 2, result: undefined };
    }
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
  if (typeof options.result === 'string') {
    const record = { helper: spec.name, exitCode, ...result, message };
    try {
      writeFileAtomic(options.result, `${mask(JSON.stringify(record, null, 2))}\n`);
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
export function main(spec: HelperSpec): void {
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

/** Reads a string option, or throws a usage error naming it. */
export function requireString(options: ParsedOptions, name: string): string {
  const value = options[name];
  if (typeof value !== 'string' || value === '') throw new HelperUsageError(`missing required option --${name}`);
  return value;
}

/** Reads a whole number option within bounds, or throws a usage error naming it. */
export function integerOption(options: ParsedOptions, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const value = options[name];
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) throw new HelperUsageError(`--${name} takes a whole number from ${min} to ${max}, got "${String(value)}"`);
  return n;
}

/** Parses a duration like 30s, 5m, 24h, 500ms or a bare number of seconds into milliseconds. */
export function parseDurationMs(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) throw new HelperUsageError(`"${text}" is not a duration (use e.g. 30s, 5m, 24h)`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(m[2] ?? 's') as 'ms' | 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit);
}
