// Test runner: runs every test/**/*.test.ts in its own bounded process (uvu + tsx, through scripts/uvu-file.mjs),
// two at a time, longest first (by the times the last run recorded), and ends with the one line CI reads: "N passed, N failed".
// Tiers: test/corpus/ needs the real-world corpus in ../shared; it runs when that folder is there, is required
// under CI=true, and is otherwise reported as not run (never as passed).
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus, tmpdir } from 'node:os';

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

const args = process.argv.slice(2);
// --list prints the selected files in the order they would start, and runs nothing.
const listOnly = args.includes('--list');
const filter = args.filter((a) => a !== '--list');
const selected = findTests(join(root, 'test')).filter((f) => filter.length === 0 || filter.some((word) => relative(root, f).includes(word)));
const CORPUS_TIER = join(root, 'test', 'corpus');
const corpusFiles = selected.filter((f) => !relative(CORPUS_TIER, f).startsWith('..'));
const corpusPresent = existsSync(join(root, '..', 'shared', 'corpus'));
// Without ../shared the corpus tier cannot run: outside CI it is announced as not run; under CI that is a failure.
const corpusMissing = corpusFiles.length > 0 && !corpusPresent;
const files = corpusMissing ? selected.filter((f) => !corpusFiles.includes(f)) : selected;

// Longest first: with two workers, a slow file started last would run alone at the end while the other core idles.
// Durations come from the previous run (a cache, never committed), keyed by absolute path, since a scratch project
// linking this node_modules (test/suite/runner.test.ts) shares the file; a file with no record yet starts first, so it
// is measured, and the order is alphabetical when nothing is recorded.
const TIMES_FILE = process.env.PIPEWRIGHT_TEST_TIMES ?? join(root, 'node_modules', '.cache', 'pipewright-test-times.json');
function readTimes() {
  try {
    return JSON.parse(readFileSync(TIMES_FILE, 'utf8'));
  } catch {
    return {};
  }
}
const times = readTimes();
const expectedMs = (file) => times[file] ?? Number.POSITIVE_INFINITY;
const ordered = [...files].sort((a, b) => expectedMs(b) - expectedMs(a) || (a < b ? -1 : 1));
if (listOnly) {
  for (const f of ordered) console.log(relative(root, f));
  process.exit(0);
}
const resultDir = mkdtempSync(join(tmpdir(), 'pipewright-test-results-'));

/** Per-file counts from the JSON result scripts/uvu-file.mjs writes, never from uvu's printed summary. */
function countsFrom(resultFile, code, timedOut) {
  let result;
  try {
    result = JSON.parse(readFileSync(resultFile, 'utf8'));
  } catch {
    return { passed: 0, failed: 1, skipped: 0, note: timedOut ? `timed out after ${FILE_TIMEOUT_MS} ms` : `exited ${code} without a result` };
  }
  const passed = result.suites.reduce((n, s) => n + s.passed, 0);
  const skipped = result.suites.reduce((n, s) => n + s.skipped, 0);
  let failed = result.suites.reduce((n, s) => n + s.failed + (s.hadErrors && !s.failed ? 1 : 0), 0);
  let note;
  if (result.error) note = 'failed to load';
  else if (timedOut) note = `timed out after ${FILE_TIMEOUT_MS} ms`;
  else if (!result.finished) note = `exited ${code} before its tests finished`;
  else if (code !== 0 && failed === 0) note = `exited ${code} although its tests passed`;
  else if (passed + failed + skipped === 0) note = 'ran no tests';
  // Whatever went wrong outside a test (load error, early exit, hang, stray exit code, no tests) is one more failure.
  if (note) failed += 1;
  return { passed, failed, skipped, note };
}

function runFile(file) {
  return new Promise((resolve) => {
    const started = Date.now();
    const resultFile = join(resultDir, `${relative(root, file).replace(/[\\/]/g, '__')}.json`);
    rmSync(resultFile, { force: true });
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/uvu-file.mjs'), file], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', PIPEWRIGHT_TEST_RESULT: resultFile },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, FILE_TIMEOUT_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ file, output, code, ms: Date.now() - started, ...countsFrom(resultFile, code, timedOut) });
    });
  });
}

const results = [];
const queue = [...ordered];
await Promise.all(
  Array.from({ length: concurrency }, async () => {
    while (queue.length) {
      const file = queue.shift();
      const r = await runFile(file);
      results.push(r);
      const mark = r.failed ? 'FAIL' : 'ok  ';
      console.log(
        `${mark} ${relative(root, file)}  ${r.passed} passed${r.failed ? `, ${r.failed} failed` : ''}${r.skipped ? `, ${r.skipped} skipped` : ''}  (${(r.ms / 1000).toFixed(1)} s)${r.note ? `  ${r.note}` : ''}`,
      );
      if (r.failed)
        console.log(
          r.output
            .split('\n')
            .map((l) => `    ${l}`)
            .join('\n'),
        );
    }
  }),
);

rmSync(resultDir, { recursive: true, force: true });
saveTimes(results);

if (selected.length === 0) {
  console.log('no test files found');
  console.log('0 passed, 1 failed');
  process.exit(1);
}
if (corpusMissing && process.env.CI) {
  const note = `required under CI=true, but ${join(root, '..', 'shared', 'corpus')} does not exist`;
  console.log(`FAIL corpus tier: ${note}`);
  results.push({ file: CORPUS_TIER, output: '', code: null, ms: 0, passed: 0, failed: 1, skipped: 0, note });
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
const skipped = results.reduce((n, r) => n + (r.skipped ?? 0), 0);
if (corpusMissing && !process.env.CI) console.log('corpus tier: not run (../shared not found)');
// Skipped tests count as failures in CI: no tier may be skipped there.
const failedTotal = failed + (process.env.CI ? skipped : 0);
// PIPEWRIGHT_TEST_JUNIT=FILE: one JUnit test case per test file, for Jenkins' junit step (the project's own pipeline).
if (process.env.PIPEWRIGHT_TEST_JUNIT) writeJunit(process.env.PIPEWRIGHT_TEST_JUNIT, results);
console.log(`${passed} passed, ${failedTotal} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedTotal ? 1 : 0);

/** Records each file's duration for the next run's order; a partial run (a filter) keeps the records of files that still exist. */
function saveTimes(rows) {
  const next = Object.fromEntries(Object.entries(readTimes()).filter(([file]) => existsSync(file)));
  for (const r of rows) if (r.file !== CORPUS_TIER) next[r.file] = r.ms;
  try {
    mkdirSync(dirname(TIMES_FILE), { recursive: true });
    writeFileSync(TIMES_FILE, `${JSON.stringify(next, Object.keys(next).sort(), 2)}\n`);
  } catch {
    // no writable node_modules: the next run keeps the alphabetical order
  }
}

function writeJunit(file, rows) {
  const xml = (text) =>
    String(text)
      .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;');
  const sorted = [...rows].sort((a, b) => (a.file < b.file ? -1 : 1));
  const cases = sorted.map((r) => {
    const name = xml(relative(root, r.file));
    const time = (r.ms / 1000).toFixed(3);
    if (!r.failed) return `    <testcase classname="pipewright" name="${name}" time="${time}"/>`;
    return `    <testcase classname="pipewright" name="${name}" time="${time}"><failure message="${xml(`${r.failed} failed${r.note ? `: ${r.note}` : ''}`)}">${xml(r.output)}</failure></testcase>`;
  });
  const failures = sorted.filter((r) => r.failed).length;
  mkdirSync(dirname(resolve(root, file)), { recursive: true });
  writeFileSync(
    resolve(root, file),
    `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites tests="${sorted.length}" failures="${failures}">\n  <testsuite name="pipewright" tests="${sorted.length}" failures="${failures}">\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`,
  );
}
