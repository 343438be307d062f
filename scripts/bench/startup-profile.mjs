// Where a cold pipewright command spends its time before and inside `main`: CPU profiles of N runs, summed per source module.
// Usage: node scripts/bench/startup-profile.mjs [--runs N] -- <pipewright args...>   (prints a Markdown table, medians in ms)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const argv = process.argv.slice(2);
const sep = argv.indexOf('--');
const opts = sep >= 0 ? argv.slice(0, sep) : [];
const command = sep >= 0 ? argv.slice(sep + 1) : ['lint', 'examples/python-service/pipeline.yaml'];
const runs = Number(opts[opts.indexOf('--runs') + 1] ?? 9) || 9;

// esbuild puts "// <source path>" before each module it bundles: a line number maps to the module that holds it.
const moduleMaps = new Map();
function moduleAt(file, line) {
  if (!moduleMaps.has(file)) {
    const marks = [];
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((text, i) => {
        const m = /^\/\/ ((?:src|build|node_modules)\/\S+)$/.exec(text);
        if (m) marks.push([i, m[1].replace(/^node_modules\/((?:@[^/]+\/)?[^/]+).*/, '$1')]);
      });
    moduleMaps.set(file, marks);
  }
  let found = '(chunk runtime)';
  for (const [at, name] of moduleMaps.get(file))
    if (at <= line) found = name;
    else break;
  if (found.startsWith('src/')) found = found.replace(/\/[^/]+$/, '/');
  return found;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const totals = new Map();
const add = (run, key, us) => {
  if (!totals.has(key)) totals.set(key, Array(runs).fill(0));
  totals.get(key)[run] += us / 1000;
};

for (let run = 0; run < runs; run++) {
  const dir = mkdtempSync(join(tmpdir(), 'pw-prof-'));
  execFileSync(process.execPath, ['--cpu-prof', '--cpu-prof-interval', '100', '--cpu-prof-dir', dir, join(root, 'dist/pipewright.js'), ...command], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  const profile = JSON.parse(readFileSync(join(dir, readdirSync(dir)[0]), 'utf8'));
  rmSync(dir, { recursive: true, force: true });
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    const stack = [];
    for (let at = id; at !== undefined; at = parent.get(at)) stack.push(byId.get(at).callFrame);
    const self = stack[0];
    if (['(garbage collector)', '(program)', '(idle)'].includes(self.functionName)) return add(run, `V8 ${self.functionName}`, us);
    const ours = stack.filter((f) => f.url.includes('/dist/'));
    if (ours.length === 0)
      return add(
        run,
        stack.some((f) => f.url.includes('esm') || f.url.includes('modules')) ? 'Node: module loader, compiling' : 'Node: bootstrap and other',
        us,
      );
    const inMain = ours.some((f) => f.functionName === 'main' && f.url.endsWith('pipewright.js'));
    const file = fileURLToPath(ours[0].url);
    add(run, `${inMain ? 'main' : 'evaluation'}: ${moduleAt(file, ours[0].lineNumber)} (${relative(join(root, 'dist'), file)})`, us);
  });
}
const rows = [...totals]
  .map(([key, xs]) => [key, median(xs)])
  .filter(([, ms]) => ms >= 0.5)
  .sort((a, b) => b[1] - a[1]);
const sums = Array.from({ length: runs }, (_, r) => [...totals.values()].reduce((s, xs) => s + xs[r], 0));
console.log(`\`pipewright ${command.join(' ')}\`: ${runs} profiled runs, median of the profile's ${median(sums).toFixed(1)} ms\n`);
console.log('| where | median ms |\n|---|---:|');
for (const [key, ms] of rows) console.log(`| ${key} | ${ms.toFixed(1)} |`);
