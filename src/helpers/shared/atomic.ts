// Atomic file writes: a temp file beside the target, written whole and flushed, then renamed over it, so a reader never sees half a file.
import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { systemError } from './system-error.js';

/** The permission bits of a regular file at `file`, or null when there is none (or it is a link, which is replaced). */
function existingFileMode(file: string): number | null {
  try {
    const stat = lstatSync(file);
    return stat.isFile() ? stat.mode & 0o777 : null;
  } catch {
    return null;
  }
}

/**
 * Writes `data` whole and flushed to `temp`, a new file that will replace `file` (so it takes the mode of the file it
 * replaces: an executable script stays executable, and a commit never changes it). `temp` is created exclusively
 * ('wx' = O_CREAT|O_EXCL, which also refuses a symbolic link planted under that name), so its name must be
 * unpredictable: a predictable one such as `.<file>.<pid>.tmp` let a committed link redirect the write anywhere.
 * With `flush` (the default) the data reaches the disk before the call returns (fsync), so the rename that follows
 * survives a power cut with the new text; without it a crash of the machine may leave the old file or an empty one.
 * `replacesNothing`: the caller has just found no file at `file`, so there is no mode to take (one lstat fewer).
 * Throws what writeFileAtomic throws; a failure leaves no `temp`.
 */
export function writeTempFile(file: string, temp: string, data: string | Uint8Array, flush = true, replacesNothing = false): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  let fd: number | undefined;
  let created = false;
  try {
    fd = openSync(temp, 'wx', 0o644);
    created = true;
    const mode = replacesNothing ? null : existingFileMode(file);
    if (mode !== null) fchmodSync(fd, mode);
    // write(2) may write less than asked (a nearly full disk, a file-size limit): keep writing until all is
    // written or the next write fails, or a truncated file would be renamed over the target.
    for (let written = 0; written < bytes.length;) written += writeSync(fd, bytes, written, bytes.length - written);
    if (flush) fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    // Only a file this call created is removed: an existing entry under the name (EEXIST) is not ours.
    if (created) rmSync(temp, { force: true });
    throw systemError(`could not write ${file}`, error);
  }
}

/** Renames a temp file written by writeTempFile over `file`; on failure removes it and throws what writeFileAtomic throws. */
export function renameTempFile(temp: string, file: string): void {
  try {
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw systemError(`could not write ${file}`, error);
  }
}

/**
 * Throws an Error naming the file and the errno in words (`code` kept) when the disk is full, a quota or the
 * file-size limit is reached, …; the target is then untouched and the temp file removed.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const temp = join(dirname(file), `.${basename(file)}.${randomBytes(8).toString('hex')}.tmp`);
  writeTempFile(file, temp, data);
  renameTempFile(temp, file);
}
