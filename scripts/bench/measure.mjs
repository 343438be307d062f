// Timing for the benchmark: runs commands alternately (so machine drift hits each alike); wall time, the child's own
// CPU time and peak RSS from wait4() through scripts/bench/rusage.py (microseconds), and medians.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Python's os.wait4 reports rusage to the microsecond; GNU time prints CPU in 10 ms steps, too coarse for 100 ms runs. */
export const PYTHON = 'python3';
const RUSAGE = join(dirname(fileURLToPath(import.meta.url)), 'rusage.py');
export const hasRusage = () => spawnSync(PYTHON, ['-c', 'import os; os.wait4'], { stdio: 'ignore' }).status === 0;
const CHILD_TIMEOUT_MS = 10 * 60_000;

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/**
 * One run of `argv` ([command, ...args]). With `withRusage`, the command runs under rusage.py, which forks it, waits
 * with wait4() and reports its wall time (fork to reaping, so the wrapper's own start-up is not counted), its own CPU
 * time and maximum resident set size (the kernel's accounting, so nothing is sampled or missed).
 */
export function runOnce(argv, { cwd, env, okCodes = [0], withRusage = false }) {
  const scratch = withRusage ? mkdtempSync(join(tmpdir(), 'pw-bench-time-')) : null;
  const report = scratch && join(scratch, 'rusage');
  const [command, ...args] = withRusage ? [PYTHON, RUSAGE, report, ...argv] : argv;
  try {
    const started = process.hrtime.bigint();
    const r = spawnSync(command, args, {
      cwd,
      env: { ...process.env, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 256 * 1024 * 1024,
      timeout: CHILD_TIMEOUT_MS,
      killSignal: 'SIGKILL',
    });
    const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
    if (r.error) throw new Error(`${argv.join(' ')}: ${r.error.message}`);
    if (!okCodes.includes(r.status)) {
      throw new Error(`${argv.join(' ')} exited ${r.status ?? r.signal}:\n${String(r.stdout).slice(-2000)}${String(r.stderr).slice(-2000)}`);
    }
    if (!report) return { wallMs, cpuMs: NaN, rssMB: NaN };
    const [childWallMs, cpuMs, maxKB] = readFileSync(report, 'utf8').trim().split(' ').map(Number);
    return { wallMs: childWallMs, cpuMs, rssMB: maxKB / 1024 };
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
}

/**
 * Runs each case `rounds` times, in turn within every round (A B C, A B C, ...), after one untimed warm-up each that
 * fills the file cache. A case is `{ name, argv, cwd?, env?, okCodes?, before? }`; `before` runs untimed before
 * every run (to remove the previous run's output, say). Returns per case the medians and the raw samples.
 */
export function alternate(cases, rounds, { withRusage = hasRusage(), onRound } = {}) {
  const samples = cases.map(() => []);
  const one = (c) => {
    c.before?.();
    return runOnce(c.argv, { cwd: c.cwd, env: c.env, okCodes: c.okCodes, withRusage });
  };
  for (const c of cases) one(c);
  for (let round = 0; round < rounds; round++) {
    cases.forEach((c, k) => samples[k].push(one(c)));
    onRound?.(round + 1);
  }
  return cases.map((c, k) => {
    const xs = samples[k];
    return {
      name: c.name,
      runs: xs.length,
      wallMs: median(xs.map((x) => x.wallMs)),
      minMs: Math.min(...xs.map((x) => x.wallMs)),
      maxMs: Math.max(...xs.map((x) => x.wallMs)),
      cpuMs: median(xs.map((x) => x.cpuMs)),
      rssMB: Math.max(...xs.map((x) => x.rssMB)),
    };
  });
}
