// Entry of dist/fast/gen.cjs, the CommonJS bundle of `gen`'s fast path that src/cli/code-cache.ts runs with a V8 code cache.
import { fastGenArgs } from './fast-path.js';
import { command } from './gen.js';

// The bundle's own copy of the class: src/cli/bin.ts must recognise its errors too.
export { ExitError } from '../core/errors.js';

/** The exit code of `gen ARGS`, or undefined when yargs must parse the command line. */
export function run(args: string[]): Promise<number> | undefined {
  const parsed = fastGenArgs(args);
  if (!parsed) return undefined;
  return (async () => {
    await command.handler(parsed);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  })();
}
