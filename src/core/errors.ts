// The errors that end a command with a chosen exit code (only src/cli/exit.ts turns them into exit codes, for main.ts and bin.ts); beneath cli/ and generated/, which both throw them.

/** Ends the command with `exitCode` after printing `message` (when non-empty) on stderr. */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/** Bad flags, or input that cannot be read: exit 2. */
export class UsageError extends ExitError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}
