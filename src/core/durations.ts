// Durations as pipeline.yaml writes them (30s, 10m, 24h): the one parser, and the arithmetic, comparison and formats flow, plan and lint use.

export type DurationUnit = 'SECONDS' | 'MINUTES' | 'HOURS';

/** A duration in the unit it was written in, which is also the unit Jenkins' timeout step takes. */
export interface Duration {
  time: number;
  unit: DurationUnit;
}

/** The schema's grammar (schemas/pipeline.schema.json, definitions.duration): 1 to 999999 of s, m or h. */
const PATTERN = /^([1-9][0-9]{0,5})(s|m|h)$/;
const UNIT_OF: Record<string, DurationUnit> = { s: 'SECONDS', m: 'MINUTES', h: 'HOURS' };
const SUFFIX: Record<DurationUnit, string> = { SECONDS: 's', MINUTES: 'm', HOURS: 'h' };
const UNIT_SECONDS: Record<DurationUnit, number> = { SECONDS: 1, MINUTES: 60, HOURS: 3600 };

/** The duration a text names, or null when the text is not one. */
export function readDuration(text: string): Duration | null {
  const m = PATTERN.exec(text);
  return m ? { time: Number(m[1]), unit: UNIT_OF[m[2]!]! } : null;
}

/** Parses a schema duration ("30s", "10m", "24h"); anything else is refused rather than emitted. */
export function parseDuration(text: string): Duration {
  const d = readDuration(text);
  if (!d) throw new Error(`not a duration: ${JSON.stringify(text)}`);
  return d;
}

export function toSeconds(d: Duration): number {
  return d.time * UNIT_SECONDS[d.unit];
}

/** A duration text in seconds, NaN for a text that is not a duration (callers compare, and NaN compares false). */
export function durationSeconds(text: string): number {
  const d = readDuration(text);
  return d ? toSeconds(d) : Number.NaN;
}

/** Negative, zero or positive as `a` is shorter than, as long as, or longer than `b`. */
export function compareDurations(a: Duration, b: Duration): number {
  return toSeconds(a) - toSeconds(b);
}

/** The sum of durations, in the largest unit that keeps it whole. */
export function addDurations(...parts: Duration[]): Duration {
  const seconds = parts.reduce((total, d) => total + toSeconds(d), 0);
  if (seconds % 3600 === 0) return { time: seconds / 3600, unit: 'HOURS' };
  if (seconds % 60 === 0) return { time: seconds / 60, unit: 'MINUTES' };
  return { time: seconds, unit: 'SECONDS' };
}

/** As pipeline.yaml writes it: "30s", "10m", "24h". */
export function formatDuration(d: Duration): string {
  return `${d.time}${SUFFIX[d.unit]}`;
}

/** The arguments of Jenkins' timeout step, `time: 10, unit: 'MINUTES'` (the unit is an enum name, never user data). */
export function jenkinsTimeout(d: Duration): string {
  return `time: ${d.time}, unit: '${d.unit}'`;
}
