// Before/after for one change: the same commands against two pipewright builds, alternating, medians (wall, CPU, RSS).
// Usage: node scripts/bench/compare.mjs <before-package-root> [<after-package-root>] [--runs N]; the root holds dist/.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { alternate } from './measure.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 15;
const [before, after = root] = args.map((a) => resolve(a));
const CONFIG = 'examples/python-service/pipeline.yaml';
const commands = [['lint', CONFIG], ['gen', '--stdout', CONFIG]];
const cases = [{ name: 'node -e 0', argv: [process.execPath, '-e', '0'], cwd: root }];
for (const command of commands) {
  for (const [label, dir] of [['before', before], ['after', after]]) {
    cases.push({ name: `${label} ${command.join(' ')}`, argv: [process.execPath, join(dir, 'dist/pipewright.js'), ...command], cwd: root });
  }
}
const results = alternate(cases, runs, { onRound: (r) => process.stderr.write(`\rround ${r}/${runs}`) });
process.stderr.write('\n');
const base = results[0];
console.log(`| command | wall ms | CPU ms | vs node -e 0 (wall; CPU) | peak RSS MB |\n|---|---:|---:|---:|---:|`);
for (const r of results) {
  console.log(`| ${r.name} | ${r.wallMs.toFixed(1)} | ${r.cpuMs.toFixed(1)} | ${(r.wallMs / base.wallMs).toFixed(2)}x; ${(r.cpuMs / base.cpuMs).toFixed(2)}x | ${r.rssMB.toFixed(0)} |`);
}
