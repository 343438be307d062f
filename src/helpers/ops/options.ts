// Option readers the operations helpers share: comma lists, durations with defaults, JSON files with clear errors.
import { InputRefused, readBoundedText } from '../shared/bounded-read.js';
import { HelperUsageError, parseDurationMs, type ParsedOptions } from '../shared/cli.js';

/** A comma- or space-separated list option (repeatable options are joined), empty entries dropped. */
export function listOption(options: ParsedOptions, name: string): string[] {
  const value = options[name];
  const parts = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return parts.flatMap((p) => p.split(/[,\s]+/)).map((s) => s.trim()).filter(Boolean);
}

export function stringOption(options: ParsedOptions, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

export function durationOption(options: ParsedOptions, name: string, fallback: string): number {
  const value = stringOption(options, name) ?? fallback;
  try {
    return parseDurationMs(value);
  } catch {
    throw new HelperUsageError(`--${name} takes a duration such as 500ms, 30s or 5m, got "${value}"`);
  }
}

/** Reads and parses a JSON file named by an option; an unreadable or malformed file is a usage error naming the option. */
export function readJsonFile(file: string, option: string): unknown {
  let text: string;
  try {
    text = readBoundedText(file, `--${option} ${file}`, 'option');
  } catch (error) {
    if (!(error instanceof InputRefused)) throw error;
    throw new HelperUsageError(error.message);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new HelperUsageError(`--${option} ${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** Validates a URL option: http or https only, so a typo fails before the first request. */
export function urlOption(options: ParsedOptions, name: string): string | undefined {
  const value = stringOption(options, name);
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HelperUsageError(`--${name} must be an http(s) URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new HelperUsageError(`--${name} must be an http(s) URL`);
  return value;
}
