// gen's staged writes: each Jenkinsfile goes to a hidden temporary file beside its target as soon as it is rendered, and all are renamed into place only once no config failed, so a fleet's texts are never held at once.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { constants } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { renameTempFile, writeFileAtomic, writeTempFile } from '../helpers/shared/atomic.js';

/**
 * A run's token, in every staged file's name: unpredictable, since staged files are created exclusively (a name known
 * in advance could be taken by a planted link, see writeTempFile), and the same for the whole run, so the main thread
 * can name (and remove) a file a worker thread staged without being told.
 */
export const runToken = (): string => randomBytes(8).toString('hex');

/** Where config `index`'s Jenkinsfile waits for the end of the run: `.Jenkinsfile.<token>-<index>.tmp` beside the target. */
export const stagedPath = (target: string, token: string, index: number): string => join(dirname(target), `.${basename(target)}.${token}-${index}.tmp`);

/** What the caller already found out about a target, so staging need not look again (each look is a system call per config). */
export interface KnownTarget {
  /** Its folder exists (it holds the config just read, or the target itself). */
  folderExists?: boolean;
  /** No file is there. */
  missing?: boolean;
}

/**
 * Stages one Jenkinsfile (in the main thread or a worker): written whole and flushed beside its target, or, when the
 * target's folder does not exist yet (`--out` into a new folder), returned to be held, since creating the folder now
 * would write something before the run is known to succeed.
 */
export function stageJenkinsfile(target: string, token: string, index: number, text: string, known: KnownTarget = {}): string | null {
  if (!known.folderExists && !existsSync(dirname(target))) return text;
  // Not flushed: a Jenkinsfile is derived from its pipeline.yaml, so after a crash of the machine `gen` writes it
  // again; an fsync per file was a fifth of the time of a fleet (docs/benchmarks.md), spent on what a re-run restores.
  writeTempFile(target, stagedPath(target, token, index), text, false, known.missing);
  return null;
}

/** The main thread's record of a run's staged Jenkinsfiles: commits them all at the end, or removes them. */
export class Staging {
  readonly token = runToken();
  private readonly staged = new Set<number>();
  private readonly held = new Map<number, string>();
  private readonly committed = new Set<number>();
  /** False while a worker may have staged a file it has not reported (a pass that did not end): discard then looks everywhere. */
  complete = true;

  constructor(private readonly targets: string[]) {}

  /** Records that config `index` was staged on disk, or its text when it had to be held (see stageJenkinsfile). */
  add(index: number, held: string | null | undefined): void {
    if (held != null) this.held.set(index, held);
    else this.staged.add(index);
  }

  /** Moves the staged Jenkinsfiles of `indices` into place, in order; the first failure stops it (discard removes the rest). */
  commit(indices: number[]): void {
    for (const index of indices) {
      const target = this.targets[index]!;
      const held = this.held.get(index);
      if (held === undefined) renameTempFile(stagedPath(target, this.token, index), target);
      else {
        mkdirSync(dirname(target), { recursive: true });
        writeFileAtomic(target, held);
      }
      this.committed.add(index);
    }
  }

  /** Removes every staged file not committed (after a failed or interrupted run; nothing is left after a good one). */
  discard(): void {
    const indices = this.complete ? this.staged : this.targets.keys();
    for (const index of indices) {
      if (!this.committed.has(index)) rmSync(stagedPath(this.targets[index]!, this.token, index), { force: true });
    }
    this.held.clear();
  }
}

const SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** Thrown by gen's pass when a signal came: the caller discards what was staged, then the signal is raised again. */
export class Interrupted extends Error {}

/**
 * Catches SIGINT, SIGTERM and SIGHUP while files are staged, so an interrupted run removes them: the signal is only
 * recorded (and `onSignal` asks the workers to stop), gen's pass sees it between configs and throws Interrupted,
 * and once the staged files are removed reraise() ends the process as the signal would have.
 */
export function watchSignals(onSignal: () => void): { readonly signal: NodeJS.Signals | undefined; release(): void; reraise(): void } {
  let caught: NodeJS.Signals | undefined;
  const handler = (signal: NodeJS.Signals): void => {
    caught ??= signal;
    onSignal();
  };
  const release = (): void => {
    for (const signal of SIGNALS) process.off(signal, handler);
  };
  for (const signal of SIGNALS) process.on(signal, handler);
  return {
    get signal() {
      return caught;
    },
    release,
    reraise() {
      release();
      if (!caught) return;
      // With no listener left, Node restores the default action, which ends the process; the exit code is the
      // shell's for that signal should it still be running when the signal lands.
      process.exitCode = 128 + constants.signals[caught];
      process.kill(process.pid, caught);
    },
  };
}
