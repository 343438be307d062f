// `gen --jobs`: one fleet generated on one thread and on every core, alternating, judged on wall time. Part of
// `npm run bench`; alone: `node scripts/bench/jobs.mjs [--count 5000] [--runs 3]` (Markdown on stdout).
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFleet } from './fleet.mjs';
import { alternate } from './measure.mjs';

const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

/**
 * Runs `gen <fleet>` with --jobs 1 and --jobs <cores> `rounds` times each, alternating, every run writing every
 * Jenkinsfile (the previous run's are removed, untimed). Returns the Markdown lines of its table.
 */
export function benchJobs({ cli, fleetDir, files, rounds, cores = availableParallelism(), onRound }) {
  const removeJenkinsfiles = () => files.forEach((f) => rmSync(join(dirname(f), 'Jenkinsfile'), { force: true }));
  const threads = [...new Set([1, Math.max(2, cores)])];
  const loadBefore = load();
  const results = alternate(
    threads.map((j) => ({
      name: `${j}`,
      argv: [process.execPath, cli, 'gen', fleetDir, '--jobs', String(j)],
      cwd: dirname(fleetDir),
      before: removeJenkinsfiles,
    })),
    rounds,
    { onRound },
  );
  const [one] = results;
  const lines = [
    `Load average before ${loadBefore}, after ${load()} (${cores} cores).`,
    '',
    '| `--jobs` | median wall ms | min ms | max ms | CPU ms | peak RSS MB | speed-up on wall time (`--jobs 1` ÷ this) |',
    '|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.name} | ${r.wallMs.toFixed(0)} | ${r.minMs.toFixed(0)} | ${r.maxMs.toFixed(0)} | ${r.cpuMs.toFixed(0)} | ${r.rssMB.toFixed(0)} | ${(one.wallMs / r.wallMs).toFixed(2)}x |`,
    );
  }
  return lines;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const at = process.argv.indexOf(name);
    return at >= 0 ? Number(process.argv[at + 1]) : fallback;
  };
  const count = arg('--count', 5000);
  const rounds = arg('--runs', 3);
  const scratch = mkdtempSync(join(tmpdir(), 'pw-bench-jobs-'));
  try {
    const fleetDir = join(scratch, `fleet-${count}`);
    const files = writeFleet(fleetDir, count);
    const cli = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist', 'pipewright.js');
    const lines = benchJobs({ cli, fleetDir, files, rounds, onRound: (r) => process.stderr.write(`round ${r}/${rounds}\n`) });
    console.log([`### \`pipewright gen\` of ${count.toLocaleString('en')} configs, one thread and every core (${rounds} runs each)`, '', ...lines].join('\n'));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
