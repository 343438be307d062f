// Shared by the fuzz tests: the seed and case count (overridable to reproduce), per-case generators, and how a failure is reported.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mutate, random, seedConfigs, type Mutant } from './mutate.js';

/** PIPEWRIGHT_FUZZ_SEED reproduces a run; PIPEWRIGHT_FUZZ_CASE runs one case of it. */
export function fuzzSettings(defaults: { seed: number; cases: number }): { seed: number; cases: number[] } {
  const seed = Number(process.env.PIPEWRIGHT_FUZZ_SEED ?? defaults.seed);
  const only = process.env.PIPEWRIGHT_FUZZ_CASE;
  const count = Number(process.env.PIPEWRIGHT_FUZZ_CASES ?? defaults.cases);
  return { seed, cases: only !== undefined ? [Number(only)] : Array.from({ length: count }, (_, i) => i) };
}

/** Case i of a run: its own generator, so one case reproduces without replaying the ones before it. */
export function mutantFor(seed: number, index: number): Mutant {
  const rng = random((seed * 1_000_003 + index) >>> 0);
  const seeds = seedConfigs();
  return mutate(rng, seeds[Math.floor(rng() * seeds.length)]!);
}

export interface FuzzFailure {
  index: number;
  ops: string[];
  problem: string;
  bytes: Buffer;
}

/** A report a person can act on: the seed, the case, what was done, and the input (in full in a file, the start inline). */
export function describeFailures(seed: number, failures: FuzzFailure[]): string {
  if (!failures.length) return '';
  const dir = mkdtempSync(join(tmpdir(), 'pw-fuzz-failures-'));
  return failures
    .slice(0, 10)
    .map((f) => {
      const file = join(dir, `case-${f.index}.yaml`);
      writeFileSync(file, f.bytes);
      const preview = JSON.stringify(f.bytes.toString('utf8').slice(0, 600));
      return `case ${f.index} (${f.ops.join(' + ')}): ${f.problem}\n  reproduce: PIPEWRIGHT_FUZZ_SEED=${seed} PIPEWRIGHT_FUZZ_CASE=${f.index}\n  input (${f.bytes.length} bytes) in ${file}, starting ${preview}`;
    })
    .join('\n');
}

/** A JavaScript stack frame, as a leaked stack trace would show it. */
export const STACK_FRAME = /^\s+at .+(:\d+:\d+\)?|\(native\)|\(<anonymous>\))$/m;
