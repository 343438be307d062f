// POSIX shell quoting: the only code that turns a value into /bin/sh source.

/** One shell word holding exactly `value`: single quotes, each ' written as '\'' (POSIX, dash included). */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw new Error('a shell word cannot hold a NUL character');
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Shell words joined by spaces, each quoted. */
export function shellWords(values: string[]): string {
  return values.map(shellQuote).join(' ');
}
