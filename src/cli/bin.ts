// The executable (dist/pipewright.js, CommonJS): a simple `lint` or `gen` runs straight from its code-cached bundle, with
// no ES module graph loaded first; anything else goes to the CLI proper (src/cli/main.ts, dist/cli.mjs).
import { fastCommand } from './fast-path.js';
import { loadFastBundle, saveCodeCache } from './code-cache.js';
import { exitCodeFor } from './exit.js';

/** Runs `argv` on the fast path when it is simple and the bundle is there; false when the CLI proper must run it. */
async function runFast(argv: string[]): Promise<boolean> {
  const command = fastCommand(argv);
  const fast = command && loadFastBundle(command);
  if (!fast) return false;
  try {
    const code = fast.run(argv.slice(1));
    if (code === undefined) return false;
    process.exitCode = await code;
  } catch (error) {
    process.exitCode = exitCodeFor(error, fast.ExitError);
  }
  return true;
}

/** The CLI proper beside this file, built from src/cli/main.ts: it runs when it is imported (its top-level await ends with the command). */
const CLI_PROPER = './cli.mjs';

void (async () => {
  if (!(await runFast(process.argv.slice(2)))) await import(CLI_PROPER);
  saveCodeCache();
})();
