// Paths inside a root folder (a manifests clone, a workdir): resolved link by link and refused when they leave it, so no read, write or mkdir follows a link out.
import { lstatSync, readlinkSync, realpathSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { HelperFailure } from './cli.js';

export interface InsidePath {
  /** The absolute path with every symbolic link resolved: what to read, write or create. */
  path: string;
  /** The same path relative to the root ("/"-separated): what to `git add`. */
  relative: string;
  /** Whether something is there now (lstat found every component): a caller about to read it need not ask again. */
  exists: boolean;
}

const MAX_LINKS = 40;

const refuse = (given: string, why: string): HelperFailure =>
  new HelperFailure(`refused: "${given}" ${why}; nothing outside the repository is read or written`, { refused: 'path-outside-repository', path: given });

/** True when `path` is `root` or below it; both absolute and free of links. */
function within(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** The root with its links resolved; a root that does not exist stays as given (nothing under it exists either). */
function realRoot(root: string): string {
  try {
    // The native realpath(3): one system call, where Node's JavaScript realpath lstats every component of the path.
    return realpathSync.native(root);
  } catch {
    return resolve(root);
  }
}

/**
 * Resolves `given` (relative to `root`) one component at a time with lstat: a symbolic link is followed only when its
 * target stays inside the root (kustomize's own load restrictor reasons the same way); a link that leaves it, points
 * nowhere or loops, and any path into `.git`, is refused with a HelperFailure (exit 1). Components that do not exist
 * yet are kept as they are, under a parent that is a real folder inside the root. Writing to `path` then replaces a
 * regular file, never a link, so a link's mode (120000) never turns into a file's (100644) in a commit.
 */
export function resolveInside(root: string, given: string): InsidePath {
  return resolveUnder(realRoot(root), given);
}

/**
 * resolveInside for several paths under one root, read at one moment (lint's look at an environment's manifests): the
 * root's real path is found once, and each entry is looked at once however many of the paths pass through it.
 */
export function insideOf(root: string): (given: string) => InsidePath {
  const base = realRoot(root);
  const seen = new Map<string, Stats | undefined>();
  const lstat = (path: string): Stats | undefined => {
    if (!seen.has(path)) seen.set(path, lstatOrNothing(path));
    return seen.get(path);
  };
  return (given) => resolveUnder(base, given, lstat);
}

/** The entry at `path`, or undefined when there is none (or it cannot be looked at). */
function lstatOrNothing(path: string): Stats | undefined {
  try {
    // throwIfNoEntry: a missing entry is the usual case (a manifest not checked out), not worth an exception.
    return lstatSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

function resolveUnder(base: string, given: string, lstat: (path: string) => Stats | undefined = lstatOrNothing): InsidePath {
  const pending = given.split(/[\\/]+/).filter((c) => c !== '' && c !== '.');
  if (isAbsolute(given)) throw refuse(given, 'is an absolute path');
  let current = base;
  let links = 0;
  let exists = true;
  while (pending.length) {
    const name = pending.shift()!;
    if (name === '..') {
      current = resolve(current, '..');
      if (!within(base, current)) throw refuse(given, 'climbs out of the repository');
      continue;
    }
    const next = join(current, name);
    const stat = lstat(next);
    if (stat === undefined) {
      // Not there yet (a record folder made on first use): a ".." after it could step back onto an unchecked link.
      if (pending.includes('..')) throw refuse(given, 'names a missing folder followed by ".."');
      current = join(next, ...pending);
      pending.length = 0;
      exists = false;
      break;
    }
    if (stat.isSymbolicLink()) {
      if (++links > MAX_LINKS) throw refuse(given, 'goes through too many symbolic links');
      const target = readlinkSync(next);
      if (isAbsolute(target)) {
        // An absolute target is inside only when it names a place under the root's real path.
        if (!within(base, resolve(target)))
          throw refuse(given, `goes through the symbolic link "${relative(base, next)}", which points outside the repository`);
        current = base;
        pending.unshift(...relative(base, resolve(target)).split(sep).filter(Boolean));
      } else {
        pending.unshift(...target.split(/[\\/]+/).filter((c) => c !== '' && c !== '.'));
      }
      continue;
    }
    current = next;
  }
  if (!within(base, current)) throw refuse(given, 'points outside the repository');
  const rel = relative(base, current).split(sep).join('/');
  if (rel === '.git' || rel.startsWith('.git/')) throw refuse(given, "leads into the repository's .git folder");
  return { path: current, relative: rel, exists };
}
