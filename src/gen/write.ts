// Writing generated files: only when the content changed, and checking for drift (stale or hand-edited) without writing.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../cli/errors.js';
import { writeFileAtomic } from '../helpers/shared/atomic.js';
import { InputRefused, readBoundedText } from '../helpers/shared/bounded-read.js';
import { unifiedDiff } from './diff.js';

export type WriteStatus = 'written' | 'unchanged';
export type CheckStatus = 'current' | 'stale' | 'missing';

/** The file's text, or null when there is none; a FIFO, device or oversized file in its place is bad input (exit 2). */
function readIfExists(file: string): string | null {
  if (!existsSync(file)) return null;
  try {
    return readBoundedText(file, `"${file}"`, 'generated');
  } catch (error) {
    if (error instanceof InputRefused) throw new UsageError(`${error.message}; nothing was written`);
    throw error;
  }
}

/**
 * Writes `text` to `file` unless it already holds exactly that; the write goes through an exclusively created
 * temporary file with a random name and a rename (the helpers' atomic write), so a planted link is never followed.
 */
export function writeIfChanged(file: string, text: string): WriteStatus {
  if (readIfExists(file) === text) return 'unchanged';
  mkdirSync(dirname(file), { recursive: true });
  writeFileAtomic(file, text);
  return 'written';
}

/** Compares the file on disk with what would be generated; `diff` shows the change that regenerating would make. */
export function checkFile(file: string, text: string): { status: CheckStatus; diff: string } {
  const current = readIfExists(file);
  if (current === null) return { status: 'missing', diff: unifiedDiff('', text, '/dev/null', `${file} (generated)`) };
  if (current === text) return { status: 'current', diff: '' };
  return { status: 'stale', diff: unifiedDiff(current, text, file, `${file} (generated)`) };
}

/** The existing file's text, for deciding whether it is safe to overwrite. */
export const existingText = readIfExists;
