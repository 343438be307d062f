// Benchmark: cold `pipewright lint` on one file against bare `node -e 0`, run alternately so machine noise hits both
// alike; prints medians and the ratio as a Markdown table. A figure to read, never a pass/fail.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runs = Number(process.env.BENCH_RUNS ?? 20);
const config = process.argv[2] ?? 'examples/python-service/pipeline.yaml';
const cli = join(root, 'dist', 'pipewright.js');
if (!existsSync(cli)) {
  console.error('dist/pipewright.js is missing: run "npm run build" first');
  process.exit(2);
}

const commands = [
  { name: 'node -e 0', args: ['-e', '0'] },
  { name: `pipewright lint ${config}`, args: [cli, 'lint', config] },
];

function timeOnce(args) {
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
  return ms;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

// One untimed run each fills the file cache, so every timed run is "cold" for the process but not for the disk.
for (const c of commands) timeOnce(c.args);
const times = commands.map(() => []);
for (let i = 0; i < runs; i++) commands.forEach((c, k) => times[k].push(timeOnce(c.args)));

const [base, lint] = times.map(median);
const row = (name, xs) => `| \`${name}\` | ${median(xs).toFixed(1)} | ${Math.min(...xs).toFixed(1)} | ${Math.max(...xs).toFixed(1)} |`;
console.log(`Node ${process.version}, ${runs} runs each, alternating.\n`);
console.log('| command | median ms | min ms | max ms |');
console.log('|---|---:|---:|---:|');
commands.forEach((c, k) => console.log(row(c.name, times[k])));
console.log(`\nratio (median lint / median node -e 0): **${(lint / base).toFixed(2)}x**`);
