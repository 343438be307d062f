// Entry of dist/fast/lint.cjs, the CommonJS bundle of `lint`'s fast path that src/cli/code-cache.ts runs with a V8 code cache.
import { fastLint } from './lint.js';

// The bundle's own copy of the class: src/cli/bin.ts must recognise its errors too.
export { ExitError } from '../core/errors.js';

/** The exit code of `lint ARGS`, or undefined when yargs must parse the command line. */
export const run = (args: string[]): Promise<number> | undefined => fastLint(args);
