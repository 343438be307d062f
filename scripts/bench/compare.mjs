// Before/after for one change: the same commands against two pipewright builds, alternating, medians (wall, CPU, RSS).
// Usage: node scripts/bench/compare.mjs <before-package-root> [<after-package-root>] [--runs N] [--no-cache-too] [--fleet N];
// a root holds dist/; --no-cache-too adds the after build with PIPEWRIGHT_CODE_CACHE=0 (its V8 code cache off); --fleet N
// adds `lint` and `gen --jobs 1` over a generated N-config fleet (its Jenkinsfiles removed, untimed, before each gen).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeFleet } from './fleet.mjs';
import { alternate } from './measure.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 15;
const noCacheAt = args.indexOf('--no-cache-too');
const noCacheToo = noCacheAt >= 0 && args.splice(noCacheAt, 1).length > 0;
const fleetAt = args.indexOf('--fleet');
const fleetSize = fleetAt >= 0 ? Number(args.splice(fleetAt, 2)[1]) : 0;
const [before, after = root] = args.map((a) => resolve(a));
const CONFIG = 'examples/python-service/pipeline.yaml';
const commands = [
  ['lint', CONFIG],
  ['gen', '--stdout', CONFIG],
];
const cases = [{ name: 'node -e 0', argv: [process.execPath, '-e', '0'], cwd: root }];
for (const command of commands) {
  const builds = [
    ['before', before, {}],
    ['after', after, {}],
  ];
  if (noCacheToo) builds.push(['after, no code cache,', after, { PIPEWRIGHT_CODE_CACHE: '0' }]);
  for (const [label, dir, env] of builds) {
    cases.push({ name: `${label} ${command.join(' ')}`, argv: [process.execPath, join(dir, 'dist/pipewright.js'), ...command], cwd: root, env });
  }
}
const scratch = fleetSize > 0 ? mkdtempSync(join(tmpdir(), 'pw-compare-')) : null;
if (scratch) {
  const configs = writeFleet(join(scratch, 'fleet'), fleetSize);
  const removeJenkinsfiles = () => configs.forEach((c) => rmSync(join(dirname(c), 'Jenkinsfile'), { force: true }));
  for (const [label, dir] of [
    ['before', before],
    ['after', after],
  ]) {
    const cli = join(dir, 'dist/pipewright.js');
    cases.push({ name: `${label} lint fleet-${fleetSize}/`, argv: [process.execPath, cli, 'lint', 'fleet'], cwd: scratch });
    cases.push({
      name: `${label} gen --jobs 1 fleet-${fleetSize}/`,
      argv: [process.execPath, cli, 'gen', 'fleet', '--jobs', '1'],
      cwd: scratch,
      before: removeJenkinsfiles,
    });
  }
}
const results = alternate(cases, runs, { onRound: (r) => process.stderr.write(`\rround ${r}/${runs}`) });
process.stderr.write('\n');
if (scratch) rmSync(scratch, { recursive: true, force: true });
const base = results[0];
console.log(`| command | wall ms | CPU ms | vs node -e 0 (wall; CPU) | peak RSS MB |\n|---|---:|---:|---:|---:|`);
for (const r of results) {
  console.log(
    `| ${r.name} | ${r.wallMs.toFixed(1)} | ${r.cpuMs.toFixed(1)} | ${(r.wallMs / base.wallMs).toFixed(2)}x; ${(r.cpuMs / base.cpuMs).toFixed(2)}x | ${r.rssMB.toFixed(0)} |`,
  );
}
