// Failures of the machine rather than of pipewright (disk full, quota, file-size limit, read-only or failing file system): named plainly, so a helper can report them as a failure (exit 1), not as a bug.

const PLAIN_WORDS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large (the file-size limit of this process was reached)',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  ENOMEM: 'out of memory',
};

/** The errno code of a Node system error the environment caused, or null for anything else. */
export function systemErrorCode(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code in PLAIN_WORDS ? code : null;
}

/** "no space left on device (ENOSPC)" for a code systemErrorCode knows. */
export function describeErrno(code: string): string {
  return `${PLAIN_WORDS[code]} (${code})`;
}

/** An Error that names what was being done and the errno in words, keeping `code` for callers that branch on it. */
export function systemError(action: string, error: unknown): Error {
  const code = (error as { code?: unknown } | null)?.code;
  const known = systemErrorCode(error);
  const words = known ? describeErrno(known) : String((error as Error)?.message ?? error);
  return Object.assign(new Error(`${action}: ${words}`), { code });
}
