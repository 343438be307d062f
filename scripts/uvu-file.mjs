// Runs one uvu test file the way uvu's own CLI does (UVU_DEFER, then exec) and writes a machine-readable
// result (per-suite passed/failed/skipped) to $PIPEWRIGHT_TEST_RESULT, so scripts/test.mjs never parses uvu's
// human summary. Usage: node --import tsx scripts/uvu-file.mjs <test file>
//
// uvu 0.5 has no reporter API. Its CLI (uvu/bin.js → uvu/run) sets globalThis.UVU_DEFER before the test files
// import 'uvu', so `test.run()` only queues each suite's runner in globalThis.UVU_QUEUE; the CLI then calls
// uvu's exported exec(). We do the same, and wrap each queued runner to record the tuple it returns
// ([errors, passed, skipped, total]). The test files stay unchanged and still run alone with `node --import tsx`.
import { writeFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const file = process.argv[2];
const out = process.env.PIPEWRIGHT_TEST_RESULT;
if (!file) {
  console.error('usage: node --import tsx scripts/uvu-file.mjs <test file>');
  process.exit(2);
}

const result = { file, finished: false, suites: [], error: null };
const save = () => {
  if (out) writeFileSync(out, `${JSON.stringify(result)}\n`);
};
// Written on every exit: a file that exits early (process.exit, a crash) leaves finished: false, which the runner counts as a failure.
process.on('exit', save);

// Must be set before 'uvu' is first evaluated (uvu reads it at load time), hence the dynamic imports below.
globalThis.UVU_DEFER = 1;
globalThis.UVU_QUEUE = [[relative(process.cwd(), file)]];

try {
  await import(pathToFileURL(resolve(file)).href);
} catch (error) {
  result.error = `the test file failed to load: ${error?.stack ?? error}`;
  console.error(result.error);
  process.exitCode = 1;
  process.exit();
}

const { exec } = await import('uvu');
for (const group of globalThis.UVU_QUEUE) {
  // group[0] is the file name exec() prints; the rest are suite runners.
  for (let i = 1; i < group.length; i++) {
    const runSuite = group[i];
    group[i] = async () => {
      const tuple = await runSuite();
      const [errors, passed, skipped, total] = tuple;
      // A before/after hook that throws still returns a tuple; every test that did not pass is a failure.
      result.suites.push({ passed, failed: total - passed, skipped, hadErrors: errors !== true });
      return tuple;
    };
  }
}
await exec(false);
result.finished = true;
