// Test support for helper fault injection: helpers spawned in their own process group (so a test can SIGKILL the whole tree as Jenkins does), git hooks that signal and block, a tiny tmpfs, and checks that a repository or checkout holds nothing half-written.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync, statfsSync, writeFileSync, openSync, writeSync, closeSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './cli.js';
import { gitSync } from './git-repo.js';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

export interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface SpawnedHelper {
  pid: number;
  /** SIGKILLs the helper and every process in its group (git, its transport helpers, hooks). */
  killGroup(): void;
  done: Promise<Outcome>;
}

/**
 * Runs dist/helpers/<name>.cjs in its own process group, bounded by timeoutMs (then the group is killed).
 * `prefix` runs the helper under another program (strace, prlimit).
 */
export function spawnHelper(name: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; prefix?: string[] } = {}): SpawnedHelper {
  const command = [...(options.prefix ?? []), process.execPath, join(ROOT, 'dist', 'helpers', `${name}.cjs`), ...args];
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...GIT_ENV, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // the group is gone already
    }
  };
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Outcome>((resolve) => {
    const timer = setTimeout(killGroup, options.timeoutMs ?? 60_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { pid: child.pid!, killGroup, done };
}

export function runHelperToEnd(
  name: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; prefix?: string[] } = {},
): Promise<Outcome> {
  return spawnHelper(name, args, options).done;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `file` exists; fails after timeoutMs (a bound, not a timing assertion). */
export async function waitForFile(file: string, timeoutMs = 30_000): Promise<void> {
  for (const start = Date.now(); !existsSync(file); await sleep(20)) {
    if (Date.now() - start > timeoutMs) throw new Error(`${file} did not appear within ${timeoutMs} ms`);
  }
}

/** Writes an executable hook into a repository's hooks folder (`gitDir` is the bare repository or a checkout's .git). */
export function installHook(gitDir: string, name: string, body: string): string {
  const file = join(gitDir, 'hooks', name);
  writeFileSync(file, `#!/bin/sh\n${body}\n`);
  chmodSync(file, 0o755);
  return file;
}

/** A hook body that says it was reached (touches `mark`) and then blocks, at most 60 s, until the test kills it. */
export function signalAndBlock(mark: string): string {
  return `touch '${mark}'\nn=0\nwhile [ $n -lt 1200 ]; do sleep 0.05; n=$((n+1)); done\nexit 1`;
}

/** Mounts a tmpfs of `sizeKb` at dir; false when this machine does not permit it (not root). */
export function mountTmpfs(dir: string, sizeKb: number): boolean {
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKb}k`, 'tmpfs', dir], { encoding: 'utf8', timeout: 10_000 });
  return r.status === 0;
}

export function unmount(dir: string): void {
  spawnSync('umount', [dir], { timeout: 10_000 });
}

/** Fills the file system holding dir until `leaveBytes` remain free (counted in whole 4 KiB pages); returns the filler file. */
export function fillDisk(dir: string, leaveBytes: number): string {
  const filler = join(dir, 'filler');
  const fd = openSync(filler, 'w');
  try {
    const page = Buffer.alloc(4096, 1);
    for (;;) {
      const fs = statfsSync(dir);
      if (fs.bavail * fs.bsize <= leaveBytes) break;
      writeSync(fd, page);
    }
  } finally {
    closeSync(fd);
  }
  return filler;
}

export function freeBytes(dir: string): number {
  const fs = statfsSync(dir);
  return fs.bavail * fs.bsize;
}

export function removeFile(file: string): void {
  rmSync(file, { force: true });
}

export interface RemoteState {
  head: string;
  commits: number;
  /** Commits with more than one parent: must stay empty (linear history). */
  merges: string;
}

/** The branch head, its commit count and merges; throws when `git fsck` finds the repository broken. */
export function remoteState(bare: string, branch = 'main'): RemoteState {
  gitSync(bare, ['fsck', '--no-dangling', '--no-progress']);
  return {
    head: gitSync(bare, ['rev-parse', branch]).trim(),
    commits: Number(gitSync(bare, ['rev-list', '--count', branch]).trim()),
    merges: gitSync(bare, ['rev-list', '--min-parents=2', branch]).trim(),
  };
}

/** Everything in a checkout that is not a committed file: untracked, ignored (temp files) or modified; and git lock files. */
export function leftovers(checkout: string): string[] {
  const status = gitSync(checkout, ['status', '--porcelain', '--ignored', '--untracked-files=all']).split('\n').filter(Boolean);
  const locks = readdirSync(join(checkout, '.git'))
    .filter((f) => f.endsWith('.lock'))
    .map((f) => `.git/${f}`);
  return [...status, ...locks];
}

/** Live processes whose command line contains `needle` (e.g. a loopback port): orphans a helper left behind. */
export function processesMentioning(needle: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((e) => /^\d+$/.test(e))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (cmd.includes(needle) && Number(pid) !== process.pid) found.push(`${pid}: ${cmd}`);
    } catch {
      // gone
    }
  }
  return found;
}
