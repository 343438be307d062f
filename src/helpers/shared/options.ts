// Declarative helper options: each option's type, bounds, choices and default in one spec, checked in one place into a typed object.
import { InputRefused, readBoundedText } from './bounded-read.js';
import { HelperUsageError } from './usage-error.js';

interface OptionBase {
  description: string;
  /** Shown in --help as the value's name, e.g. FILE. */
  valueName?: string;
  short?: string;
  required?: boolean;
  /**
   * An old name of the option, still taken for one release: --help lists it as deprecated, and a use prints one
   * warning on stderr. Its value is the option's own (`--env prod` is `--environment prod`).
   */
  deprecatedAlias?: string;
}

/** A value check beyond the type: the message reads `--name "value" <problem>`. */
export interface ValueCheck {
  valid: RegExp | ((value: string) => boolean);
  problem: string;
}

export interface StringOptionSpec extends OptionBase {
  type: 'string';
  default?: string;
  /** The only values taken; with ignoreCase, any case is taken and the value becomes the choice as written here. */
  choices?: readonly string[];
  ignoreCase?: boolean;
  /** Repeatable: the value is every occurrence, in order. */
  multiple?: boolean;
  check?: ValueCheck;
}

export interface BooleanOptionSpec extends OptionBase {
  type: 'boolean';
}

export interface IntegerOptionSpec extends OptionBase {
  type: 'integer';
  min: number;
  max: number;
  default?: number;
}

/** A duration in the helper's own units (500ms, 30s, 5m, 24h, 1d, or bare seconds), read as milliseconds. */
export interface DurationOptionSpec extends OptionBase {
  type: 'duration';
  default?: string;
  min?: string;
  max?: string;
}

/** An http(s) URL. */
export interface UrlOptionSpec extends OptionBase {
  type: 'url';
  default?: string;
}

/** Comma- or space-separated values (repeated flags are joined); `--flag ""` is the empty list, not the default. */
export interface ListOptionSpec extends OptionBase {
  type: 'list';
  default?: string;
  choices?: readonly string[];
  ignoreCase?: boolean;
}

/** A JSON file, read (bounded) and parsed; `parse` turns the JSON into the helper's shape or throws a HelperUsageError. */
export interface JsonFileOptionSpec extends OptionBase {
  type: 'json-file';
  parse?: (json: unknown, flag: string) => unknown;
}

export type OptionSpec = StringOptionSpec | BooleanOptionSpec | IntegerOptionSpec | DurationOptionSpec | UrlOptionSpec | ListOptionSpec | JsonFileOptionSpec;

export type OptionSpecs = Record<string, OptionSpec>;

/** Present when required or defaulted, else possibly undefined. */
type Given<S, T> = S extends { required: true } ? T : S extends { default: unknown } ? T : T | undefined;

/** The parsed value of one option, as its spec declares it. */
export type OptionValue<S> = S extends { type: 'boolean' }
  ? boolean
  : S extends { type: 'list' }
    ? S extends { choices: readonly (infer C)[] }
      ? C[]
      : string[]
    : S extends { type: 'string'; multiple: true }
      ? string[]
      : S extends { type: 'json-file'; parse: (...args: never[]) => infer T }
        ? Given<S, T>
        : S extends { type: 'json-file' }
          ? Given<S, unknown>
          : S extends { type: 'integer' | 'duration' }
            ? Given<S, number>
            : S extends { choices: readonly (infer C)[] }
              ? Given<S, C>
              : Given<S, string>;

/** The typed options a helper's run receives: one key per option, named as the flag. */
export type ParsedOptions<O extends OptionSpecs> = { -readonly [K in keyof O]: OptionValue<O[K]> };

/** What node's parseArgs hands back before checking. */
export type RawValues = Record<string, string | boolean | string[] | undefined>;

const DURATION_UNITS = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses a duration like 30s, 5m, 24h, 500ms or a bare number of seconds into milliseconds; null when it is not one. */
export function durationMs(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) return null;
  return Math.round(Number(m[1]) * DURATION_UNITS[(m[2] ?? 's') as keyof typeof DURATION_UNITS]);
}

/** The kind of value an option takes, for --help and the docs (when the spec names none). */
export function defaultValueName(o: OptionSpec): string {
  switch (o.type) {
    case 'integer':
      return 'N';
    case 'duration':
      return 'DURATION';
    case 'url':
      return 'URL';
    case 'list':
      return 'LIST';
    case 'json-file':
      return 'FILE';
    default:
      return 'VALUE';
  }
}

/** What --help and the docs say about an option beyond its description: required, repeatable, choices, bounds, default. */
export function optionNotes(o: OptionSpec): string[] {
  const notes: string[] = [];
  if (o.required) notes.push('required');
  if (o.type === 'string' && o.multiple) notes.push('repeatable');
  if ((o.type === 'string' || o.type === 'list') && o.choices) notes.push(`${o.type === 'list' ? 'each ' : ''}one of: ${o.choices.join(', ')}`);
  if (o.type === 'integer') notes.push(`${o.min} to ${o.max}`);
  if (o.type === 'duration' && (o.min !== undefined || o.max !== undefined))
    notes.push(o.min !== undefined && o.max !== undefined ? `${o.min} to ${o.max}` : o.min !== undefined ? `at least ${o.min}` : `at most ${o.max}`);
  if (o.type !== 'boolean' && o.type !== 'json-file' && o.default !== undefined) notes.push(`default: ${o.default === '' ? '""' : o.default}`);
  return notes;
}

const list = (items: readonly string[]): string => items.join(', ');

function choose(flag: string, value: string, choices: readonly string[], ignoreCase: boolean | undefined): string {
  const found = choices.find((c) => (ignoreCase ? c.toLowerCase() === value.toLowerCase() : c === value));
  if (found === undefined) throw new HelperUsageError(`${flag} "${value}" is not one of ${list(choices)}`);
  return found;
}

function duration(flag: string, text: string, o: DurationOptionSpec): number {
  const ms = durationMs(text);
  const min = o.min === undefined ? 0 : durationMs(o.min)!;
  const max = o.max === undefined ? Infinity : durationMs(o.max)!;
  if (ms === null || ms < min || ms > max) {
    const range = o.min !== undefined || o.max !== undefined ? `a duration from ${o.min ?? '0s'} to ${o.max ?? 'any'}` : 'a duration such as 500ms, 30s or 5m';
    throw new HelperUsageError(`${flag} takes ${range}, got "${text}"`);
  }
  return ms;
}

function url(flag: string, value: string): string {
  let parsed: URL;
  try {
    parsed = new URL(value);
  } catch {
    throw new HelperUsageError(`${flag} must be an http(s) URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new HelperUsageError(`${flag} must be an http(s) URL`);
  return value;
}

/** Reads and parses a JSON file named by an option; an unreadable or malformed file is a usage error naming the option. */
export function readJsonFile(file: string, flag: string): unknown {
  let text: string;
  try {
    text = readBoundedText(file, `${flag} ${file}`, 'option');
  } catch (error) {
    if (!(error instanceof InputRefused)) throw error;
    throw new HelperUsageError(error.message);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HelperUsageError(`${flag} ${file}: not valid JSON (${(error as Error).message})`);
  }
}

function splitList(parts: string[]): string[] {
  return parts
    .flatMap((p) => p.split(/[,\s]+/))
    .map((s) => s.trim())
    .filter(Boolean);
}

/** One option's checked value: undefined when absent (and not defaulted). */
function checkOne(name: string, o: OptionSpec, raw: string | boolean | string[] | undefined): unknown {
  const flag = `--${name}`;
  if (o.type === 'boolean') return raw === true;
  if (o.type === 'list') {
    // An explicit "" is the empty list (e.g. --fail-on "" gates on nothing); only an absent flag takes the default.
    const parts = raw === undefined ? (o.default === undefined ? [] : [o.default]) : Array.isArray(raw) ? raw : [String(raw)];
    const items = splitList(parts);
    const chosen = o.choices ? items.map((item) => choose(flag, item, o.choices!, o.ignoreCase)) : items;
    return [...new Set(chosen)];
  }
  if (o.type === 'string' && o.multiple) {
    const values = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
    if (o.required && values.length === 0) throw new HelperUsageError(`missing required option ${flag}`);
    for (const v of values) if (o.check && !passes(o.check, v)) throw new HelperUsageError(`${flag} "${v}" ${o.check.problem}`);
    return values;
  }
  // An empty value counts as not given: steps pass "$PW_X" whether or not it is set.
  const given = typeof raw === 'string' && raw !== '' ? raw : undefined;
  const text = given ?? ('default' in o && o.default !== undefined ? String(o.default) : undefined);
  if (text === undefined) {
    if (o.required) throw new HelperUsageError(`missing required option ${flag}`);
    return undefined;
  }
  switch (o.type) {
    case 'integer': {
      const n = /^\d+$/.test(text) ? Number(text) : NaN;
      if (!Number.isSafeInteger(n) || n < o.min || n > o.max)
        throw new HelperUsageError(`${flag} takes a whole number from ${o.min} to ${o.max}, got "${text}"`);
      return n;
    }
    case 'duration':
      return duration(flag, text, o);
    case 'url':
      return url(flag, text);
    case 'json-file': {
      const json = readJsonFile(text, flag);
      return o.parse ? o.parse(json, flag) : json;
    }
    case 'string': {
      const value = o.choices ? choose(flag, text, o.choices, o.ignoreCase) : text;
      if (o.check && !passes(o.check, value)) throw new HelperUsageError(`${flag} "${value}" ${o.check.problem}`);
      return value;
    }
  }
}

function passes(check: ValueCheck, value: string): boolean {
  return typeof check.valid === 'function' ? check.valid(value) : check.valid.test(value);
}

/**
 * Moves each deprecated alias's value to its option, in place, and returns one warning per alias used; giving both
 * names is a usage error (which value would win is not obvious to whoever wrote the command line).
 */
export function resolveAliases(specs: OptionSpecs, raw: RawValues): string[] {
  const warnings: string[] = [];
  for (const [name, o] of Object.entries(specs)) {
    const alias = o.deprecatedAlias;
    if (alias === undefined || raw[alias] === undefined) continue;
    if (raw[name] !== undefined) throw new HelperUsageError(`--${alias} is the deprecated name of --${name}: give only --${name}`);
    raw[name] = raw[alias];
    delete raw[alias];
    warnings.push(`--${alias} is deprecated and will be removed in the next release; use --${name}`);
  }
  return warnings;
}

/** Checks every option of the spec against what was parsed, in the spec's order; the first problem is a usage error. */
export function checkOptions<O extends OptionSpecs>(specs: O, raw: RawValues): ParsedOptions<O> {
  const out: Record<string, unknown> = {};
  for (const [name, o] of Object.entries(specs)) out[name] = checkOne(name, o, raw[name]);
  return out as ParsedOptions<O>;
}
