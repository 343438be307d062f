// Fuzzing the real CLI binary: mutated configs through `pipewright lint` (every format) and `gen --stdout`, each run bounded in time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI, ROOT } from '../support/cli.js';
import { parseGroovyTexts } from '../support/groovy.js';
import { hasMarker } from '../../src/gen/jenkinsfile.js';
import { describeFailures, fuzzSettings, mutantFor, STACK_FRAME, type FuzzFailure } from './fuzz-support.js';

const { seed, cases } = fuzzSettings({ seed: 20261126, cases: 200 });
/** Far above a normal run (a quarter of a second); only a hang reaches it. */
const CASE_TIMEOUT_MS = 30_000;
const COMMANDS: string[][] = [
  ['gen', '--stdout'],
  ['lint'],
  ['gen', '--stdout'],
  ['lint', '--format', 'json'],
  ['gen', '--stdout'],
  ['lint', '--format', 'sarif'],
  ['lint', '--format', 'checkstyle'],
];

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs the CLI once, killed after CASE_TIMEOUT_MS: a hang becomes a failure, not a stuck suite. */
function runBounded(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, CASE_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr, timedOut });
    });
  });
}

/** What is wrong with one run, or null: exit 3, a signal, a stack, silence on failure, output that does not match the format. */
function runProblem(args: string[], run: Run): string | null {
  const all = `${run.stdout}\n${run.stderr}`;
  if (run.timedOut) return `no answer within ${CASE_TIMEOUT_MS} ms`;
  if (run.code === null) return `killed by ${run.signal}`;
  if (run.code === 3 || /internal error/i.test(all)) return `internal error (exit ${run.code}): ${run.stderr.slice(0, 500)}`;
  if (![0, 1, 2].includes(run.code)) return `exit ${run.code}`;
  if (STACK_FRAME.test(all)) return `a stack trace in the output: ${all.slice(0, 500)}`;
  if (run.code !== 0 && !all.trim()) return `exit ${run.code} with no output`;
  if (args[0] === 'gen' && run.code === 0 && !hasMarker(run.stdout)) return 'gen exited 0 but printed no Jenkinsfile';
  if (args.includes('json') || args.includes('sarif')) {
    try {
      JSON.parse(run.stdout);
    } catch {
      return `--format ${args[2]} printed what is not JSON: ${run.stdout.slice(0, 300)}`;
    }
  }
  if (args.includes('checkstyle') && !run.stdout.startsWith('<?xml')) return `--format checkstyle printed no XML: ${run.stdout.slice(0, 300)}`;
  return null;
}

const work = mkdtempSync(join(tmpdir(), 'pw-fuzz-cli-'));
const failures: FuzzFailure[] = [];
const jenkinsfiles: Array<{ index: number; text: string }> = [];
const exits = new Map<string, number>();

test.after(() => rmSync(work, { recursive: true, force: true }));

test(`${cases.length} mutated configs (seed ${seed}) through the CLI binary: exit 0, 1 or 2 with a message, never a stack or a hang`, async () => {
  console.log(`fuzz cli: seed ${seed}, ${cases.length} cases; reproduce with PIPEWRIGHT_FUZZ_SEED=${seed} [PIPEWRIGHT_FUZZ_CASE=i]`);
  const queue = [...cases];
  // Two at a time: the suite runs on two cores.
  await Promise.all(
    [0, 1].map(async () => {
      for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
        const mutant = mutantFor(seed, index);
        const dir = join(work, `case-${index}`);
        mkdirSync(dir);
        writeFileSync(join(dir, 'pipeline.yaml'), mutant.bytes);
        const args = [...COMMANDS[index % COMMANDS.length]!, 'pipeline.yaml'];
        const run = await runBounded(args, dir);
        const key = `${args[0]} exit ${run.code}`;
        exits.set(key, (exits.get(key) ?? 0) + 1);
        const problem = runProblem(args, run);
        if (problem) failures.push({ index, ops: [...mutant.ops, `pipewright ${args.join(' ')}`], problem, bytes: mutant.bytes });
        else if (args[0] === 'gen' && run.code === 0) jenkinsfiles.push({ index, text: run.stdout });
      }
    }),
  );
  const figures = [...exits]
    .sort()
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');
  console.log(`fuzz cli: ${cases.length} cases tried, ${failures.length} failures (${figures})`);
  assert.equal(failures.length, 0, describeFailures(seed, failures));
  if (cases.length >= 100) {
    for (const expected of ['gen exit 0', 'gen exit 1', 'gen exit 2', 'lint exit 0', 'lint exit 1', 'lint exit 2'])
      assert.ok(exits.has(expected), `no case ended "${expected}": ${figures}`);
  }
});

test('what gen --stdout printed for the lint-clean mutants parses under Groovy 2.4 (one JVM)', () => {
  // Most mutants break a lint rule (manifests, branch overlaps); a handful of clean ones must still reach Groovy.
  if (cases.length >= 100) assert.ok(jenkinsfiles.length >= 5, `only ${jenkinsfiles.length} Jenkinsfiles`);
  const parsed = parseGroovyTexts(jenkinsfiles.map((j) => j.text));
  const bad = parsed.flatMap((p, i) => (p.ok && p.gstrings === 0 ? [] : [`case ${jenkinsfiles[i]!.index}: ${p.error ?? `${p.gstrings} GString(s)`}`]));
  console.log(`fuzz cli groovy: ${parsed.length} Jenkinsfiles parsed, ${bad.length} failures`);
  assert.equal(bad, []);
});

test('the checks can fail: exit 3, a stack, silence, a hang and bad JSON are each caught', () => {
  const ok: Run = { code: 1, signal: null, stdout: '', stderr: 'pipeline.yaml:1:1: error x [schema]\n', timedOut: false };
  assert.is(runProblem(['lint', 'pipeline.yaml'], ok), null);
  assert.match(runProblem(['lint'], { ...ok, code: 3 }) ?? '', /internal error/);
  assert.match(runProblem(['lint'], { ...ok, stderr: String(new Error('boom').stack) }) ?? '', /stack trace/);
  assert.match(runProblem(['lint'], { ...ok, stderr: '' }) ?? '', /no output/);
  assert.match(runProblem(['lint'], { ...ok, code: null, timedOut: true }) ?? '', /no answer/);
  assert.match(runProblem(['lint', '--format', 'json', 'p'], { ...ok, stdout: 'nope' }) ?? '', /not JSON/);
  assert.match(runProblem(['gen', '--stdout', 'p'], { ...ok, code: 0 }) ?? '', /no Jenkinsfile/);
  assert.ok(ROOT);
});

test.run();
