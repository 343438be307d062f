// Durations as pipeline.yaml writes them (30s, 10m, 24h), in seconds, for comparing against the seed's gates.

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600 };

export function durationSeconds(text: string): number {
  const m = /^([0-9]+)(s|m|h)$/.exec(text);
  return m ? Number(m[1]) * UNIT_SECONDS[m[2]!]! : Number.NaN;
}
