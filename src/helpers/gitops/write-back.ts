// Write-back to a manifests repository: clone (shallow) or reuse a checkout, apply an edit, commit, push; on a rejected push fetch the new head, re-apply the edit there and retry with backoff. Never force-pushes.
import { existsSync, mkdtempSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { HelperFailure, HelperUsageError } from '../shared/cli.js';
import { git, GitError } from '../shared/git.js';
import { assertNoCredentialsInUrl, gitAuthFromEnv, type GitAuth } from '../shared/git-auth.js';
import { assertHostAllowed } from '../shared/allowed-hosts.js';
import { systemErrorCode } from '../shared/system-error.js';

export interface RepoOptions {
  /** A URL (https, ssh, file) or a local path to any git repository, bare or not. */
  repo: string;
  branch: string;
  /** Reuse (or create) this checkout instead of a temporary clone. */
  checkout: string | null;
  /** Attempts in all for each network step and for the push loop. */
  attempts: number;
  backoffMs: number;
  maxBackoffMs?: number;
  timeoutMs?: number;
  author?: { name: string; email: string };
}

export interface RetryRecord {
  attempt: number;
  step: 'clone' | 'fetch' | 'push';
  kind: 'non-fast-forward' | 'transient';
  reason: string;
  delayMs: number;
}

export interface Commit {
  message: string;
  /** Paths relative to the checkout root to stage. */
  files: string[];
}

export interface WriteBackResult<T> {
  value: T;
  pushed: boolean;
  commit: string | null;
  attempts: number;
  retries: RetryRecord[];
}

export interface Checkout {
  dir: string;
  run(args: string[], timeoutMs?: number): Promise<string>;
}

const NON_FAST_FORWARD =
  /non-fast-forward|fetch first|\[rejected\]|stale info|cannot lock ref|failed to update ref|reference already exists|incorrect old value/i;
const TRANSIENT =
  /RPC failed|returned error: 5\d\d|HTTP 5\d\d|unexpected disconnect|early EOF|remote end hung up|Connection (reset|refused)|Empty reply|timed out|Could not resolve host|transfer closed|the remote end hung up|couldn't connect|SSL_|broken pipe|unable to access/i;

function classify(error: unknown): 'non-fast-forward' | 'transient' | 'fatal' {
  if (!(error instanceof GitError)) return 'fatal';
  const text = `${error.stderr}\n${error.message}`;
  if (
    /returned error: 40[134]|Authentication failed|could not read Username|Permission denied|repository not found|does not appear to be a git repository/i.test(
      text,
    )
  )
    return 'fatal';
  if (NON_FAST_FORWARD.test(text)) return 'non-fast-forward';
  if (TRANSIENT.test(text) || error.exitCode === null) return 'transient';
  return 'fatal';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function backoff(options: RepoOptions, retry: number): number {
  const exponential = Math.min(options.maxBackoffMs ?? 5000, options.backoffMs * 2 ** Math.min(retry - 1, 10));
  return Math.round(exponential * (0.5 + Math.random()));
}

function lastLine(error: unknown): string {
  if (error instanceof GitError && error.timedOut) {
    return `no answer within ${seconds(error)} (git ${error.args.find((a) => !a.startsWith('-') && !a.includes('=')) ?? ''} timed out; --git-timeout sets the limit)`;
  }
  const text = error instanceof GitError ? error.stderr || error.message : String((error as Error)?.message ?? error);
  const lines = text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  const telling = [/\[rejected\]|\[remote rejected\]/, /RPC failed|returned error|fatal:/i, /error/i];
  for (const pattern of telling) {
    const line = lines.find((l) => pattern.test(l));
    if (!line) continue;
    // What a server-side hook printed ("remote: …") is the reason a person needs; git's own line alone says only "declined".
    const said = /\[remote rejected\]/.test(line) ? lines.filter((l) => /^remote: \S/.test(l)).map((l) => l.slice(8).trim()) : [];
    return said.length ? `${line}: ${said.join(' ')}` : line;
  }
  return lines[lines.length - 1] ?? 'unknown error';
}

function seconds(error: GitError): string {
  const ms = Number(/timed out after (\d+) ms/.exec(error.message)?.[1] ?? NaN);
  return Number.isNaN(ms) ? 'the time limit' : ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/** Names a full disk under `dir`, which git reports in many words ("Out of diskspace", "unable to write …") or none. */
function diskNote(dir: string, error: unknown): string {
  const text = error instanceof GitError ? error.stderr : String((error as Error)?.message ?? '');
  let free: number | null = null;
  for (let d = dir; free === null; d = join(d, '..')) {
    try {
      const fs = statfsSync(d);
      free = fs.bavail * fs.bsize;
    } catch {
      if (d === join(d, '..')) break;
    }
  }
  if (/No space left on device|Out of diskspace|ENOSPC/i.test(text) || (free !== null && free < 1024 * 1024)) {
    return `; the file system holding ${dir} is full (ENOSPC${free === null ? '' : `, ${Math.floor(free / 1024)} KiB free`})`;
  }
  return '';
}

/** Runs a network step, retrying transient failures with backoff; records each retry. */
async function withRetries<R>(options: RepoOptions, step: RetryRecord['step'], retries: RetryRecord[], action: () => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      const kind = classify(error);
      if (kind !== 'transient' || attempt >= options.attempts) throw error;
      const delayMs = backoff(options, attempt);
      retries.push({ attempt, step, kind, reason: lastLine(error), delayMs });
      await sleep(delayMs);
    }
  }
}

/** The remote without user info, for messages. */
function safeRemote(repo: string): string {
  return repo.replace(/\/\/[^/@]*@/, '//');
}

function remoteFor(repo: string): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(repo) || /^[^/]+@[^:]+:/.test(repo)) return repo;
  return resolve(repo);
}

/** A failure of a step on this machine (git in the checkout, a file write), named with what was being done. */
function localFailure(step: string, dir: string, error: unknown, details: Record<string, unknown>): HelperFailure {
  if (error instanceof HelperFailure) return new HelperFailure(error.message, { ...details, ...error.details });
  const code = systemErrorCode(error);
  if (code) return new HelperFailure(`${(error as Error).message}; nothing was pushed`, { ...details, systemError: code });
  if (!(error instanceof GitError)) throw error; // a bug: let the entry point report it as one
  return new HelperFailure(`${step} failed in ${dir}: ${lastLine(error)}${diskNote(dir, error)}; nothing was pushed`, details);
}

/**
 * Clones or reuses a checkout of the branch, runs `work` inside it, and cleans up a temporary clone.
 * With fullHistory the clone is not shallow (history and rollback read old revisions).
 */
export async function withCheckout<R>(
  options: RepoOptions,
  fullHistory: boolean,
  retries: RetryRecord[],
  work: (checkout: Checkout, auth: GitAuth) => Promise<R>,
): Promise<R> {
  try {
    assertNoCredentialsInUrl(options.repo);
  } catch (error) {
    throw new HelperUsageError(`--repo: ${(error as Error).message}`);
  }
  // Before any credential exists for git to send: the policy's git hosts (PW_ALLOWED_HOSTS_GIT from pwPolicy).
  assertHostAllowed('git', options.repo);
  const auth = gitAuthFromEnv();
  const remote = remoteFor(options.repo);
  let dir = options.checkout ? resolve(options.checkout) : null;
  const timeoutMs = options.timeoutMs ?? 120_000;
  try {
    dir ??= join(mkdtempSync(join(tmpdir(), 'pw-gitops-')), 'repo');
    const where = dir;
    const run = (args: string[], t = timeoutMs) =>
      git([...auth.configArgs, ...args], { cwd: existsSync(where) ? where : tmpdir(), env: auth.env, timeoutMs: t });
    if (!existsSync(join(dir, '.git'))) {
      const depth = fullHistory ? [] : ['--depth', '1'];
      await withRetries(options, 'clone', retries, async () => {
        rmSync(where, { recursive: true, force: true });
        await run(['clone', '--quiet', '--no-tags', '--single-branch', '--branch', options.branch, ...depth, remote, where]);
      }).catch((error: unknown) => {
        // A clone cut short leaves a partial folder; the next run must not mistake it for a checkout.
        rmSync(where, { recursive: true, force: true });
        throw new HelperFailure(
          `could not clone branch ${options.branch} of ${safeRemote(options.repo)}: ${lastLine(error)}${diskNote(options.checkout ? dirname(where) : tmpdir(), error)}`,
          { retries, pushed: false },
        );
      });
    } else {
      await run(['remote', 'set-url', 'origin', remote]).catch((error: unknown) => {
        throw localFailure('git remote set-url', where, error, { retries, pushed: false });
      });
    }
    return await work({ dir, run }, auth);
  } finally {
    auth.dispose();
    if (options.checkout === null && dir !== null) rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}

/** Moves the checkout to the remote branch's current head, discarding any local leftovers (ignored files too: a killed run's temp files). */
async function syncToRemote(checkout: Checkout, options: RepoOptions, fullHistory: boolean, retries: RetryRecord[]): Promise<string> {
  const shallow = (await checkout.run(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  const depth = fullHistory ? (shallow ? ['--unshallow'] : []) : ['--depth', '1'];
  try {
    await withRetries(options, 'fetch', retries, () =>
      checkout.run(['fetch', '--quiet', '--no-tags', ...depth, 'origin', `+refs/heads/${options.branch}:refs/remotes/origin/${options.branch}`]),
    );
  } catch (error) {
    throw new HelperFailure(
      `could not fetch branch ${options.branch} of ${safeRemote(options.repo)}: ${lastLine(error)}${diskNote(checkout.dir, error)}; nothing was pushed`,
      { retries, pushed: false },
    );
  }
  await checkout.run(['checkout', '--quiet', '-B', options.branch, `refs/remotes/origin/${options.branch}`]);
  await checkout.run(['reset', '--quiet', '--hard', `refs/remotes/origin/${options.branch}`]);
  await checkout.run(['clean', '-ffdxq']);
  return (await checkout.run(['rev-parse', 'HEAD'])).trim();
}

/**
 * Refuses a commit that would change a file's mode or type (a link 120000 becoming a file 100644, a script losing its
 * executable bit): the edit replaced what the file was, not only what it said.
 */
async function refuseModeChanges(checkout: Checkout): Promise<void> {
  const raw = await checkout.run(['diff', '--cached', '--raw', '--no-renames']);
  for (const line of raw.split('\n')) {
    const m = /^:(\d{6}) (\d{6}) \S+ \S+ \S+\t(.*)$/.exec(line);
    if (m && m[1] !== '000000' && m[2] !== '000000' && m[1] !== m[2]) {
      throw new HelperFailure(`refused: the edit would change the mode of "${m[3]}" from ${m[1]} to ${m[2]}; nothing was pushed`, {
        refused: 'mode-change',
        pushed: false,
      });
    }
  }
}

/**
 * The edit loop: sync to the remote head, let `edit` change files (it returns null for "nothing to
 * commit"), commit, push; a rejected push starts over from the new head, so the edit is re-applied to
 * whatever others pushed meanwhile. A refusal (HelperFailure) from `edit` ends the loop at once.
 * Any failure leaves a reused checkout at the remote head (nothing half-written) and says what happened.
 */
export async function editAndPush<T>(
  options: RepoOptions,
  edit: (dir: string, checkout: Checkout) => Promise<{ value: T; commit: Commit | null }>,
  fullHistory = false,
): Promise<WriteBackResult<T>> {
  const retries: RetryRecord[] = [];
  return withCheckout(options, fullHistory, retries, async (checkout) => {
    const author = options.author ?? { name: 'pipewright', email: 'pipewright@localhost' };
    const failed = { retries, pushed: false };
    // A push whose answer was lost (reset, timeout) may have landed: the next sync finds out.
    let unanswered: { sha: string; value: T } | null = null;
    let step = 'git';
    try {
      for (let attempt = 1; ; attempt++) {
        if (attempt > 1 || options.checkout !== null) {
          step = 'moving the checkout to the remote head';
          const head = await syncToRemote(checkout, options, fullHistory, retries);
          if (unanswered && head === unanswered.sha) return { value: unanswered.value, pushed: true, commit: head, attempts: attempt - 1, retries };
        }
        step = 'editing the manifest';
        const { value, commit } = await edit(checkout.dir, checkout);
        if (commit === null) return { value, pushed: false, commit: null, attempts: attempt, retries };
        step = 'git commit';
        await checkout.run(['add', '--', ...commit.files]);
        await refuseModeChanges(checkout);
        await checkout.run(['-c', `user.name=${author.name}`, '-c', `user.email=${author.email}`, 'commit', '--quiet', '--no-verify', '-m', commit.message]);
        const sha = (await checkout.run(['rev-parse', 'HEAD'])).trim();
        step = 'git push';
        try {
          await checkout.run(['push', '--quiet', 'origin', `HEAD:refs/heads/${options.branch}`]);
          return { value, pushed: true, commit: sha, attempts: attempt, retries };
        } catch (error) {
          const kind = classify(error);
          if (kind === 'fatal') {
            const refused = /\[remote rejected\]|\[rejected\]/.test(error instanceof GitError ? error.stderr : '');
            throw new HelperFailure(
              `${refused ? `the remote refused the push to ${options.branch}` : `could not push to ${options.branch}`}: ${lastLine(error)}; nothing was pushed`,
              failed,
            );
          }
          if (attempt >= options.attempts) {
            throw new HelperFailure(`could not push to ${options.branch} after ${attempt} attempt${attempt === 1 ? '' : 's'}: ${lastLine(error)}`, failed);
          }
          unanswered = kind === 'transient' ? { sha, value } : null;
          const delayMs = backoff(options, attempt);
          retries.push({ attempt, step: 'push', kind, reason: lastLine(error), delayMs });
          await sleep(delayMs);
        }
      }
    } catch (error) {
      // Nothing half-written: a reused checkout goes back to the remote's head (a temporary clone is removed anyway).
      if (options.checkout !== null) {
        await checkout.run(['reset', '--quiet', '--hard', `refs/remotes/origin/${options.branch}`]).catch(() => undefined);
        await checkout.run(['clean', '-ffdxq']).catch(() => undefined);
      }
      throw localFailure(step, checkout.dir, error, failed);
    }
  });
}
