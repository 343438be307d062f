// gen's staged writes: a run that fails or is interrupted leaves no Jenkinsfile and no staged file behind, on one thread and on two; a good one leaves only the Jenkinsfiles.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CLI, ROOT, runCli } from '../support/cli.js';
import { writeFleet } from '../../scripts/bench/fleet.mjs';

const OVERSIZED = join(ROOT, 'test', 'fixtures', 'size', 'oversized', 'pipeline.yaml');
const THREADS = ['1', '2'];
/** A staged Jenkinsfile: `.Jenkinsfile.<run token>-<config index>.tmp` (src/cli/gen-staging.ts). */
const STAGED = /^\.Jenkinsfile\.[0-9a-f]{16}-\d+\.tmp$/;

let dir = '';
test.before.each(() => {
  dir = mkdtempSync(join(tmpdir(), 'pw-gen-staging-'));
});
test.after.each(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Every file under `root` whose name starts with a dot: where a staged Jenkinsfile would be left. */
function hidden(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.startsWith('.'))
    .map((e) => join(e.parentPath, e.name));
}

const jenkinsfiles = (configs: string[]): string[] => configs.map((c) => join(dirname(c), 'Jenkinsfile')).filter((f) => existsSync(f));

test('a good run leaves the Jenkinsfiles and nothing else, and a run with nothing to change stages nothing', () => {
  for (const jobs of THREADS) {
    const configs = writeFleet(join(dir, jobs), 12);
    for (let run = 0; run < 2; run++) {
      const r = runCli(['gen', '.', '--jobs', jobs], { cwd: join(dir, jobs) });
      assert.is(r.code, 0, r.stderr);
      assert.is(jenkinsfiles(configs).length, 12);
      assert.equal(hidden(join(dir, jobs)), [], `--jobs ${jobs}, run ${run + 1}`);
    }
  }
});

test('a config over the size budget, last in order: the configs staged before it leave no Jenkinsfile and no staged file', () => {
  for (const jobs of THREADS) {
    const configs = writeFleet(join(dir, jobs), 30);
    const last = [...configs].sort().at(-1)!;
    copyFileSync(OVERSIZED, last);
    const r = runCli(['gen', '.', '--jobs', jobs], { cwd: join(dir, jobs) });
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, /nothing was generated: make the configs above smaller first/);
    assert.equal(jenkinsfiles(configs), [], `--jobs ${jobs}: a Jenkinsfile was written`);
    assert.equal(hidden(join(dir, jobs)), [], `--jobs ${jobs}: a staged file was left`);
  }
});

test('lint errors in the last config: the configs rendered and staged before it leave no Jenkinsfile and no staged file', () => {
  for (const jobs of THREADS) {
    const configs = writeFleet(join(dir, jobs), 30);
    const last = [...configs].sort().at(-1)!;
    writeFileSync(last, 'version: 1\napp: broken\nenvironments: 3\n');
    const r = runCli(['gen', '.', '--jobs', jobs], { cwd: join(dir, jobs) });
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, /nothing was generated: fix the errors above first/);
    assert.match(r.stderr, /environments/);
    assert.equal(jenkinsfiles(configs), [], `--jobs ${jobs}: a Jenkinsfile was written`);
    assert.equal(hidden(join(dir, jobs)), [], `--jobs ${jobs}: a staged file was left`);
  }
});

test('an existing Jenkinsfile that cannot be read (a FIFO), last in order: exit 2, nothing written, no staged file', () => {
  for (const jobs of THREADS) {
    const configs = writeFleet(join(dir, jobs), 30);
    const fifo = join(dirname([...configs].sort().at(-1)!), 'Jenkinsfile');
    assert.is(spawnSync('mkfifo', [fifo]).status, 0);
    const r = runCli(['gen', '.', '--jobs', jobs], { cwd: join(dir, jobs) });
    assert.is(r.code, 2, r.stderr);
    assert.match(r.stderr, /nothing was written/);
    assert.equal(jenkinsfiles(configs), [fifo], `--jobs ${jobs}: a Jenkinsfile was written`);
    assert.equal(hidden(join(dir, jobs)), [], `--jobs ${jobs}: a staged file was left`);
  }
});

test('--check stages nothing', () => {
  const configs = writeFleet(join(dir, 'fleet'), 12);
  writeFileSync(join(dirname(configs[0]!), 'Jenkinsfile'), '// hand-written\n');
  const r = runCli(['gen', '.', '--check', '--jobs', '1'], { cwd: join(dir, 'fleet') });
  assert.is(r.code, 1, r.stderr);
  assert.equal(hidden(join(dir, 'fleet')), []);
});

/** Runs gen over `cwd`, sends `signal` as soon as a staged file shows up beside the first config, and waits for the end. */
async function interrupt(
  cwd: string,
  firstDir: string,
  jobs: string,
  signal: NodeJS.Signals,
): Promise<{ signal: NodeJS.Signals | null; code: number | null; stderr: string; sawStaged: boolean }> {
  const child = spawn(process.execPath, [CLI, 'gen', '.', '--jobs', jobs], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += String(chunk)));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, sig) => resolve({ code, signal: sig })),
  );
  let exited = false;
  void ended.then(() => (exited = true));
  let sawStaged = false;
  // Polls until the first config is staged (the render pass is under way), or gen ended without one being seen.
  while (!exited && !sawStaged) {
    sawStaged = readdirSync(firstDir).some((name) => STAGED.test(name));
    if (!sawStaged) await new Promise((resolve) => setTimeout(resolve, 2));
  }
  if (sawStaged) child.kill(signal);
  const end = await ended;
  return { ...end, stderr, sawStaged };
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  test(`a run stopped by ${signal} while it stages removes every staged file, writes nothing and ends by the signal`, async () => {
    for (const jobs of THREADS) {
      const configs = writeFleet(join(dir, jobs), 400);
      const first = dirname([...configs].sort()[0]!);
      const r = await interrupt(join(dir, jobs), first, jobs, signal);
      assert.ok(r.sawStaged, `--jobs ${jobs}: gen ended before a staged file was seen: ${r.stderr}`);
      assert.equal(hidden(join(dir, jobs)), [], `--jobs ${jobs}: a staged file was left`);
      assert.is(r.signal, signal, `--jobs ${jobs}: ended by ${r.signal ?? `exit code ${r.code}`}: ${r.stderr}`);
      // The signal can land while the staged files are renamed (which it does not cut short): then every Jenkinsfile is written.
      const written = jenkinsfiles(configs).length;
      if (written === 0) assert.match(r.stderr, new RegExp(`stopped by ${signal}; nothing was written`));
      else assert.is(written, configs.length, `--jobs ${jobs}: some Jenkinsfiles were written, not all`);
    }
  });
}

test.run();
