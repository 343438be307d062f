// How the CLI ends on an error: an ExitError's message and exit code; anything else is a bug in pipewright (exit 3).
import { ExitError } from '../core/errors.js';

/** An ExitError class: the CLI's own, or the copy a fast-path bundle carries (src/cli/fast-lint.ts). */
export type ExitErrorClass = new (...args: never[]) => Error & { exitCode: number };

/** Writes what the user sees for `error` on stderr and returns the exit code; `also` names other ExitError classes. */
export function exitCodeFor(error: unknown, also?: ExitErrorClass): number {
  if (error instanceof ExitError || (also !== undefined && error instanceof also)) {
    if (error.message) process.stderr.write(`${error.message}\n`);
    return error.exitCode;
  }
  const debug = process.argv.includes('--debug');
  process.stderr.write(
    `pipewright: internal error: ${(error as Error)?.message ?? String(error)}\n` +
      'This is a bug in pipewright; please report it with the command and input that caused it' +
      (debug ? `\n${(error as Error)?.stack ?? ''}\n` : ' (run again with --debug for the stack).\n'),
  );
  return 3;
}
