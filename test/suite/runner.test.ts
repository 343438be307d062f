// scripts/test.mjs on a scratch project: counts come from scripts/uvu-file.mjs's JSON result (failing tests, a throwing
// hook, a file that fails to load, exits early or runs nothing), skips fail under CI, and the corpus tier is run,
// required or reported as not run depending on ../shared and CI.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';

const scratch: string[] = [];
test.after(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

const HEAD = "import { test, suite } from 'uvu';\nimport * as assert from 'uvu/assert';\n";

/** A project with the real runner and the given test files; `shared` creates ../shared/corpus beside it. */
function project(files: Record<string, string>, shared: boolean): string {
  const outer = mkdtempSync(join(tmpdir(), 'pw-runner-'));
  scratch.push(outer);
  const root = join(outer, 'project');
  mkdirSync(join(root, 'scripts'), { recursive: true });
  for (const script of ['test.mjs', 'uvu-file.mjs']) copyFileSync(join(ROOT, 'scripts', script), join(root, 'scripts', script));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  writeFileSync(join(root, 'package.json'), '{"type":"module"}\n');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  if (shared) mkdirSync(join(outer, 'shared', 'corpus'), { recursive: true });
  return root;
}

function runner(root: string, env: Record<string, string | undefined> = {}) {
  const merged: NodeJS.ProcessEnv = { ...process.env, PIPEWRIGHT_TEST_JUNIT: undefined, UPDATE_GOLDEN: undefined, ...env };
  for (const [k, v] of Object.entries(merged)) if (v === undefined) delete merged[k];
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'test.mjs')], { cwd: root, env: merged, encoding: 'utf8', timeout: 120_000 });
  const lines = r.stdout.trimEnd().split('\n');
  return { code: r.status, stdout: r.stdout, last: lines.at(-1), beforeLast: lines.at(-2) };
}

const FILES = {
  'test/pass.test.ts': `${HEAD}test('a', () => assert.ok(true));\ntest('b', () => assert.ok(true));\ntest.run();\n`,
  // One failing test, and a second suite whose before hook throws: uvu prints nothing for that one, we count it.
  'test/mixed.test.ts': `${HEAD}test('ok', () => {});\ntest('bad', () => assert.is(1, 2));\ntest.run();\nconst s = suite('hooked');\ns.before(() => { throw new Error('hook'); });\ns('never', () => {});\ns.run();\n`,
  'test/broken.test.ts': `${HEAD}throw new Error('broken at load');\n`,
  'test/early-exit.test.ts': `${HEAD}test('exits', () => { process.exit(0); });\ntest('after', () => {});\ntest.run();\n`,
  'test/empty.test.ts': `${HEAD}\n`,
  'test/skips.test.ts': `${HEAD}test('runs', () => {});\ntest.skip('skipped', () => {});\ntest.run();\n`,
  'test/corpus/real.test.ts': `${HEAD}test('corpus', () => {});\ntest.run();\n`,
  // A test printing uvu's summary words cannot fool the count.
  'test/liar.test.ts': `${HEAD}test('prints', () => { console.log('  Total:     99\\n  Passed:    99\\n  Skipped:   0'); assert.ok(false); });\ntest.run();\n`,
};

test('per-file counts come from the JSON result: failures, a throwing hook, load errors, early exits, empty files', () => {
  const r = runner(project(FILES, false), { CI: undefined });
  assert.match(r.stdout, /^ok {3}test\/pass\.test\.ts {2}2 passed /m);
  assert.match(r.stdout, /^FAIL test\/mixed\.test\.ts {2}1 passed, 2 failed /m);
  assert.match(r.stdout, /^FAIL test\/broken\.test\.ts {2}0 passed, 1 failed .*failed to load/m);
  assert.match(r.stdout, /^FAIL test\/early-exit\.test\.ts {2}0 passed, 1 failed .*exited \d+ before its tests finished/m);
  assert.match(r.stdout, /^FAIL test\/empty\.test\.ts {2}0 passed, 1 failed .*ran no tests/m);
  assert.match(r.stdout, /^FAIL test\/liar\.test\.ts {2}0 passed, 1 failed /m);
  assert.match(r.stdout, /^ok {3}test\/skips\.test\.ts {2}1 passed, 1 skipped /m);
  // 2 + 1 + 1 passed; 2 + 1 + 1 + 1 + 1 failed; the corpus tier did not run and is not counted.
  assert.is(r.beforeLast, 'corpus tier: not run (../shared not found)');
  assert.is(r.last, '4 passed, 6 failed, 1 skipped');
  assert.is(r.code, 1);
});

test('the corpus tier: not run without ../shared, a failure under CI without it, run and counted with it', () => {
  const only = { 'test/pass.test.ts': FILES['test/pass.test.ts'], 'test/corpus/real.test.ts': FILES['test/corpus/real.test.ts'] };
  const absent = runner(project(only, false), { CI: undefined });
  assert.equal([absent.beforeLast, absent.last, absent.code], ['corpus tier: not run (../shared not found)', '2 passed, 0 failed', 0]);
  assert.not.match(absent.stdout, /corpus\/real/);
  const required = runner(project(only, false), { CI: 'true' });
  assert.match(required.stdout, /FAIL corpus tier: required under CI=true/);
  assert.equal([required.last, required.code], ['2 passed, 1 failed', 1]);
  const present = runner(project(only, true), { CI: 'true' });
  assert.match(present.stdout, /^ok {3}test\/corpus\/real\.test\.ts {2}1 passed /m);
  assert.not.match(present.stdout, /corpus tier: not run/);
  assert.equal([present.last, present.code], ['3 passed, 0 failed', 0]);
});

test('under CI a skipped test is a failure', () => {
  const r = runner(project({ 'test/skips.test.ts': FILES['test/skips.test.ts'] }, false), { CI: 'true' });
  assert.equal([r.last, r.code], ['1 passed, 1 failed, 1 skipped', 1]);
});

test('files recorded as slow by the last run start first, and the run records every duration', () => {
  const files = { 'test/a.test.ts': FILES['test/pass.test.ts'], 'test/b.test.ts': FILES['test/pass.test.ts'], 'test/c.test.ts': FILES['test/pass.test.ts'] };
  const root = project(files, false);
  const times = join(root, 'times.json');
  const env = { CI: undefined, PIPEWRIGHT_TEST_TIMES: times };
  // The start order, as the runner plans it (--list): asserting it from processes' own start logs raced under load.
  const order = (): string[] => {
    const r = spawnSync(process.execPath, [join(root, 'scripts', 'test.mjs'), '--list'], {
      cwd: root,
      env: { ...process.env, ...env, CI: '' },
      encoding: 'utf8',
    });
    assert.is(r.status, 0, r.stderr);
    return r.stdout.trim().split('\n');
  };
  // Nothing recorded: alphabetical.
  assert.equal(order(), ['test/a.test.ts', 'test/b.test.ts', 'test/c.test.ts']);
  assert.is(runner(root, env).last, '6 passed, 0 failed');
  const recorded = JSON.parse(readFileSync(times, 'utf8')) as Record<string, number>;
  assert.equal(
    Object.keys(recorded).sort(),
    ['a', 'b', 'c'].map((n) => join(root, 'test', `${n}.test.ts`)),
  );
  // c recorded as the slowest and a as the fastest: c starts first, a last; a file with no record starts before all.
  writeFileSync(times, JSON.stringify({ [join(root, 'test', 'a.test.ts')]: 10, [join(root, 'test', 'b.test.ts')]: 20, [join(root, 'test', 'c.test.ts')]: 30 }));
  assert.equal(order(), ['test/c.test.ts', 'test/b.test.ts', 'test/a.test.ts']);
  writeFileSync(times, JSON.stringify({ [join(root, 'test', 'a.test.ts')]: 10, [join(root, 'test', 'c.test.ts')]: 30 }));
  assert.equal(order(), ['test/b.test.ts', 'test/c.test.ts', 'test/a.test.ts']);
});

test.run();
