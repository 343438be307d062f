// Test runner: runs every test/**/*.test.ts in its own bounded process (uvu + tsx), two at a time,
// and ends with the one line CI reads: "N passed, N failed".
import { spawn, execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, realpathSync, writeFileSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const FILE_TIMEOUT_MS = Number(process.env.PIPEWRIGHT_TEST_TIMEOUT_MS ?? 600_000);
const concurrency = Math.max(1, Math.min(2, cpus().length));

if (process.env.CI && process.env.UPDATE_GOLDEN) {
  console.error('UPDATE_GOLDEN is set under CI: golden files are written by people, not by CI.');
  console.log('0 passed, 1 failed');
  process.exit(1);
}

// The Debian groovy launcher needs JAVA_HOME; derive it from the java on PATH when unset.
if (!process.env.JAVA_HOME) {
  try {
    const java = execFileSync('sh', ['-c', 'command -v java'], { encoding: 'utf8' }).trim();
    if (java) process.env.JAVA_HOME = dirname(dirname(realpathSync(java)));
  } catch {
    // no java: the groovy tier fails and says so
  }
}

function findTests(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== 'fixtures') out.push(...findTests(full));
    else if (entry.isFile() && entry.name.endsWith('.test.ts')) out.push(full);
  }
  return out.sort();
}

const filter = process.argv.slice(2);
const files = findTests(join(root, 'test')).filter(
  (f) => filter.length === 0 || filter.some((word) => relative(root, f).includes(word)),
);

function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
    }, FILE_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      const total = Number(/Total:\s+(\d+)/.exec(output)?.[1] ?? NaN);
      const passed = Number(/Passed:\s+(\d+)/.exec(output)?.[1] ?? NaN);
      const skipped = Number(/Skipped:\s+(\d+)/.exec(output)?.[1] ?? 0);
      let result;
      if (timedOut) result = { passed: Number.isNaN(passed) ? 0 : passed, failed: 1, note: `timed out after ${FILE_TIMEOUT_MS} ms` };
      else if (Number.isNaN(total)) result = { passed: 0, failed: 1, note: `exited ${code} without a uvu summary` };
      else result = { passed, failed: total - passed - skipped + (code !== 0 && total === passed + skipped ? 1 : 0), skipped };
      resolve({ file, output, code, ms: Date.now() - started, ...result });
    });
  });
}

const results = [];
const queue = [...files];
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (queue.length) {
      const file = queue.shift();
      const r = await runFile(file);
      results.push(r);
      const mark = r.failed ? 'FAIL' : 'ok  ';
      console.log(`${mark} ${relative(root, file)}  ${r.passed} passed${r.failed ? `, ${r.failed} failed` : ''}${r.skipped ? `, ${r.skipped} skipped` : ''}  (${(r.ms / 1000).toFixed(1)} s)${r.note ? `  ${r.note}` : ''}`);
      if (r.failed) console.log(r.output.split('\n').map((l) => `    ${l}`).join('\n'));
    }
  }),
);

const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + (r.skipped ?? 0), 0);
if (files.length === 0) {
  console.log('no test files found');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
// Skipped tests count as failures in CI: no tier may be skipped there.
const failedTotal = failed + (process.env.CI ? skipped : 0);
// PIPEWRIGHT_TEST_JUNIT=FILE: one JUnit test case per test file, for Jenkins' junit step (the project's own pipeline).
if (process.env.PIPEWRIGHT_TEST_JUNIT) writeJunit(process.env.PIPEWRIGHT_TEST_JUNIT, results);
console.log(`${passed} passed, ${failedTotal} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedTotal ? 1 : 0);

function writeJunit(file, rows) {
  const xml = (text) => String(text).replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd]/gu, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const sorted = [...rows].sort((a, b) => (a.file < b.file ? -1 : 1));
  const cases = sorted.map((r) => {
    const name = xml(relative(root, r.file));
    const time = (r.ms / 1000).toFixed(3);
    if (!r.failed) return `    <testcase classname="pipewright" name="${name}" time="${time}"/>`;
    return `    <testcase classname="pipewright" name="${name}" time="${time}"><failure message="${xml(`${r.failed} failed${r.note ? `: ${r.note}` : ''}`)}">${xml(r.output)}</failure></testcase>`;
  });
  const failures = sorted.filter((r) => r.failed).length;
  mkdirSync(dirname(resolve(root, file)), { recursive: true });
  writeFileSync(resolve(root, file), `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${sorted.length}" failures="${failures}">\n  <testsuite name="pipewright" tests="${sorted.length}" failures="${failures}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`);
}
