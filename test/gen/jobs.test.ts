// `gen --jobs N`: worker threads give the same bytes, diagnostics, summary lines and exit codes as one thread, on the benchmark's fleet and on broken fleets.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { CLI, ROOT, runCli, type CliRun } from '../support/cli.js';
import { writeFleet } from '../../scripts/bench/fleet.mjs';
import { PARALLEL_FROM, threadsFor } from '../../src/cli/gen.js';

/**
 * The fleet: 5,000 configs, as `npm run bench` generates them. Four gen runs over it (write and --check, one
 * thread and the default): the whole file took 51 s on 2 cores with the rest of test/gen beside it (271 s at a load
 * average of 15); PW_TEST_JOBS_FLEET=300 runs it smaller while working on gen.
 */
const FLEET = Number(process.env.PW_TEST_JOBS_FLEET ?? 5000);
/** Long enough for 5,000 configs on one thread of a loaded machine; a bound, not a timing assertion. */
const SLOW = { timeoutMs: 600_000 };
const COUNT_THREADS = join(ROOT, 'test', 'support', 'count-threads.cjs');

let dir = '';
test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'pw-gen-jobs-'));
});
test.after.each(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs gen in `cwd` on `.`, counting the worker threads it starts. */
function gen(cwd: string, args: string[], options: { timeoutMs?: number } = {}): CliRun & { workers: number } {
  const log = join(dir, `threads-${Math.random().toString(36).slice(2)}.log`);
  const r = runCli(['gen', '.', ...args], { cwd, timeoutMs: options.timeoutMs, env: { NODE_OPTIONS: `--require ${COUNT_THREADS}`, PW_TEST_THREADS_LOG: log } });
  const workers = existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0;
  return { ...r, workers };
}

/** Every Jenkinsfile of a fleet, by path relative to the fleet. */
function jenkinsfiles(fleetDir: string, configs: string[]): Map<string, string | null> {
  return new Map(
    configs.map((c) => {
      const file = join(dirname(c), 'Jenkinsfile');
      return [relative(fleetDir, file), existsSync(file) ? readFileSync(file, 'utf8') : null];
    }),
  );
}

function assertSame(one: CliRun, many: CliRun, what: string): void {
  assert.is(many.code, one.code, `${what}: exit code`);
  assert.is(many.stdout, one.stdout, `${what}: stdout`);
  assert.is(many.stderr, one.stderr, `${what}: stderr`);
}

test(`the ${FLEET.toLocaleString('en')}-config fleet: the default uses every core, and writes and --check give one thread's bytes and lines`, () => {
  const one = join(dir, 'one');
  const many = join(dir, 'many');
  const configs = writeFleet(one, FLEET);
  writeFleet(many, FLEET);
  const r1 = gen(one, ['--jobs', '1'], SLOW);
  // The fleet is over the default's threshold; a smaller one (PW_TEST_JOBS_FLEET) asks for two threads.
  const byDefault = FLEET >= PARALLEL_FROM;
  const rn = gen(many, byDefault ? [] : ['--jobs', '2'], SLOW);
  assert.is(r1.code, 0, r1.stderr);
  assert.is(r1.workers, 0, '--jobs 1 started worker threads');
  assert.is(rn.workers, !byDefault ? 2 : availableParallelism() > 1 ? availableParallelism() : 0, 'the default did not use every core');
  assertSame(r1, rn, 'gen');
  assert.is(r1.stdout.split('\n').filter((l) => l.startsWith('wrote ')).length, FLEET);
  const written = jenkinsfiles(one, configs);
  assert.ok([...written.values()].every((t) => t !== null && t.length > 1000));
  assert.equal(
    jenkinsfiles(
      many,
      configs.map((c) => join(many, relative(one, c))),
    ),
    written,
  );

  // A stale fleet: some Jenkinsfiles removed, some hand-edited, alike in both copies, spread over the queue.
  for (const root of [one, many]) {
    for (const k of [3, Math.floor(FLEET / 3), FLEET - 2]) unlinkSync(join(root, relative(one, dirname(configs[k]!)), 'Jenkinsfile'));
    for (const k of [0, Math.floor(FLEET / 2), FLEET - 1]) {
      const file = join(root, relative(one, dirname(configs[k]!)), 'Jenkinsfile');
      writeFileSync(file, readFileSync(file, 'utf8').replace('timestamps()', 'timestamps() // edited'));
    }
  }
  const before = jenkinsfiles(
    many,
    configs.map((c) => join(many, relative(one, c))),
  );
  const c1 = gen(one, ['--check', '--jobs', '1'], SLOW);
  const cn = gen(many, ['--check', '--jobs', '2'], SLOW);
  assert.is(c1.code, 1, c1.stderr);
  assert.is(cn.workers, 2);
  assertSame(c1, cn, 'gen --check');
  assert.match(c1.stderr, new RegExp(`^6 of ${FLEET} Jenkinsfiles out of date`, 'm'));
  assert.match(c1.stdout, /^\+.*timestamps\(\)$/m);
  assert.equal(
    jenkinsfiles(
      many,
      configs.map((c) => join(many, relative(one, c))),
    ),
    before,
    '--check wrote a file',
  );
});

/** A fleet of `count` configs in `name`, with `edit` applied to the configs it names by index. */
function brokenFleet(name: string, count: number, edit: Record<number, string | Buffer>): string[] {
  const configs = writeFleet(join(dir, name), count);
  for (const [k, text] of Object.entries(edit)) writeFileSync(configs[Number(k)]!, text);
  return configs;
}

const LINT_ERRORS = {
  5: 'version: 1\napp: Not_A_Name\n',
  31: 'version: 1\napp: [unclosed\n',
  // A warning (an unknown rule's setting) in a config that is otherwise clean: reported, not blocking.
  47: `${readFileSync(join(ROOT, 'examples', 'python-service', 'pipeline.yaml'), 'utf8')}\nlint:\n  rules:\n    no-such-rule: off\n`,
  119: 'version: 1\napp: svc\nagent:\n  label: linux\nbuild:\n  language: cobol\n',
};

test('lint errors in some configs: the same diagnostics in the same order, nothing written, exit 1', () => {
  const one = brokenFleet('one', 120, LINT_ERRORS);
  const many = brokenFleet('many', 120, LINT_ERRORS);
  const r1 = gen(join(dir, 'one'), ['--jobs', '1']);
  const rn = gen(join(dir, 'many'), ['--jobs', '2']);
  assert.is(r1.code, 1, r1.stderr);
  assert.is(rn.workers, 2);
  assertSame(r1, rn, 'broken fleet');
  assert.match(r1.stderr, /nothing was generated: fix the errors above first/);
  assert.match(r1.stderr, /\[unknown-rule\]/);
  // Config order is the order of the sorted paths (findConfigs), whichever thread linted which.
  const broken = Object.keys(LINT_ERRORS)
    .map((k) => relative(join(dir, 'one'), one[Number(k)]!))
    .sort();
  const at = broken.map((path) => r1.stderr.indexOf(`./${path}:`));
  assert.ok(
    at.every((x, k) => x >= 0 && (k === 0 || x > at[k - 1]!)),
    `diagnostics out of config order: ${at.join(' ')}`,
  );
  assert.ok(
    [...one, ...many].every((c) => !existsSync(join(dirname(c), 'Jenkinsfile'))),
    'a Jenkinsfile was written',
  );
});

test('under a policy, the workers refuse what one thread refuses', () => {
  // The acme policy with a coverage minimum above some fleet members' (80 to 95).
  const policy = join(dir, 'policy.yaml');
  writeFileSync(policy, readFileSync(join(ROOT, 'test', 'fixtures', 'policy', 'acme.yaml'), 'utf8').replace('coverageMin: 80', 'coverageMin: 90'));
  const one = writeFleet(join(dir, 'one'), 40);
  writeFleet(join(dir, 'many'), 40);
  const r1 = gen(join(dir, 'one'), ['--jobs', '1', '--policy', policy]);
  const rn = gen(join(dir, 'many'), ['--jobs', '2', '--policy', policy]);
  assert.is(rn.workers, 2);
  assert.is(r1.code, 1, r1.stderr);
  assert.match(r1.stderr, /below 90, the minimum the policy .* sets \[policy\]/);
  assertSame(r1, rn, 'policy');
  assert.ok(one.every((c) => !existsSync(join(dirname(c), 'Jenkinsfile'))));
});

test('an unreadable config (not UTF-8): exit 2, the same diagnostics, nothing written', () => {
  const edit = { ...LINT_ERRORS, 60: Buffer.from([0x76, 0x65, 0x72, 0xff, 0xfe, 0x0a]) };
  const one = brokenFleet('one', 120, edit);
  const many = brokenFleet('many', 120, edit);
  const r1 = gen(join(dir, 'one'), ['--jobs', '1']);
  const rn = gen(join(dir, 'many'), ['--jobs', '2']);
  assert.is(r1.code, 2, r1.stderr);
  assertSame(r1, rn, 'unreadable');
  assert.match(r1.stderr, /\[encoding\]/);
  assert.ok([...one, ...many].every((c) => !existsSync(join(dirname(c), 'Jenkinsfile'))));
});

test('a config over the size budget writes nothing; a hand-written Jenkinsfile is refused and the others written', () => {
  for (const name of ['one', 'many']) {
    writeFleet(join(dir, name), 30);
    copyFileSync(join(ROOT, 'test', 'fixtures', 'size', 'oversized', 'pipeline.yaml'), join(dir, name, 'orders-api-0000', 'pipeline.yaml'));
  }
  const big1 = gen(join(dir, 'one'), ['--jobs', '1']);
  const bigN = gen(join(dir, 'many'), ['--jobs', '2']);
  assert.is(big1.code, 1, big1.stderr);
  assertSame(big1, bigN, 'oversized');
  assert.match(big1.stderr, /nothing was generated: make the configs above smaller first/);
  assert.not.ok(existsSync(join(dir, 'many', 'search-api-0002', 'Jenkinsfile')));

  for (const name of ['one', 'many']) {
    rmSync(join(dir, name, 'orders-api-0000'), { recursive: true });
    writeFileSync(join(dir, name, 'search-api-0002', 'Jenkinsfile'), 'pipeline { }\n');
  }
  const own1 = gen(join(dir, 'one'), ['--jobs', '1']);
  const ownN = gen(join(dir, 'many'), ['--jobs', '2']);
  assert.is(own1.code, 1, own1.stderr);
  assertSame(own1, ownN, 'refused');
  assert.match(own1.stderr, /search-api-0002\/Jenkinsfile: exists and was not generated by pipewright/);
  assert.is(readFileSync(join(dir, 'many', 'search-api-0002', 'Jenkinsfile'), 'utf8'), 'pipeline { }\n');
  assert.is(
    readFileSync(join(dir, 'many', 'billing-api-0001', 'Jenkinsfile'), 'utf8'),
    readFileSync(join(dir, 'one', 'billing-api-0001', 'Jenkinsfile'), 'utf8'),
  );
});

test('with a terminal on stderr the progress line still counts every config', () => {
  writeFleet(join(dir, 'fleet'), 8);
  // script(1) gives the command a pseudo-terminal; stdout and stderr both land in its output.
  const r = spawnSync('script', ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} gen . --jobs 2`, '/dev/null'], {
    cwd: join(dir, 'fleet'),
    encoding: 'utf8',
    timeout: 60_000,
    killSignal: 'SIGKILL',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.is(r.status, 0, r.stdout + r.stderr);
  for (let i = 1; i <= 8; i++) assert.match(r.stdout, new RegExp(`generating ${i}/8 `));
});

test('--jobs takes a whole number of threads, 1 or more: anything else is a usage error (exit 2)', () => {
  writeFleet(join(dir, 'fleet'), 2);
  for (const bad of ['0', '-1', '1.5', 'abc', '', '1e1']) {
    const r = runCli(['gen', '.', `--jobs=${bad}`], { cwd: join(dir, 'fleet') });
    assert.is(r.code, 2, `--jobs=${bad}: ${r.stderr}`);
    assert.match(r.stderr, /--jobs takes a whole number of threads/);
  }
  for (const bad of ['0', '-1']) assert.is(runCli(['gen', '.', '--jobs', bad], { cwd: join(dir, 'fleet') }).code, 2, `--jobs ${bad}`);
  assert.not.ok(existsSync(join(dir, 'fleet', 'orders-api-0000', 'Jenkinsfile')));
});

test('--stdout runs on one thread whatever --jobs says, and prints what one thread prints', () => {
  const config = join(ROOT, 'examples', 'python-service', 'pipeline.yaml');
  const log = join(dir, 'threads.log');
  const r = runCli(['gen', '--stdout', '--jobs', '4', config], { env: { NODE_OPTIONS: `--require ${COUNT_THREADS}`, PW_TEST_THREADS_LOG: log } });
  assert.is(r.code, 0, r.stderr);
  assert.not.ok(existsSync(log), 'worker threads were started for one config');
  assert.is(r.stdout, runCli(['gen', '--stdout', config]).stdout);
});

test(`the default: one thread below ${PARALLEL_FROM} configs, every core from there; never more threads than configs`, () => {
  assert.is(threadsFor(undefined, PARALLEL_FROM - 1, 2), 1);
  assert.is(threadsFor(undefined, PARALLEL_FROM, 2), 2);
  assert.is(threadsFor(undefined, 5000, 8), 8);
  assert.is(threadsFor('1', 5000, 8), 1);
  assert.is(threadsFor('3', 2, 8), 2);
  assert.is(threadsFor('02', 10, 8), 2);
  assert.throws(() => threadsFor('0', 10, 8), /whole number/);
});

test.run();
