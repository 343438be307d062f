// Write-back to a manifests repository: clone (shallow) or reuse a checkout, apply an edit, commit, push; on a rejected push fetch the new head, re-apply the edit there and retry with backoff. Never force-pushes.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { HelperFailure, HelperUsageError } from '../shared/cli.js';
import { git, GitError } from '../shared/git.js';
import { assertNoCredentialsInUrl, gitAuthFromEnv, type GitAuth } from '../shared/git-auth.js';

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

const NON_FAST_FORWARD = /non-fast-forward|fetch first|\[rejected\]|stale info|cannot lock ref|failed to update ref|reference already exists|incorrect old value/i;
const TRANSIENT = /RPC failed|returned error: 5\d\d|HTTP 5\d\d|unexpected disconnect|early EOF|remote end hung up|Connection (reset|refused)|Empty reply|timed out|Could not resolve host|transfer closed|the remote end hung up|couldn't connect|SSL_|broken pipe|unable to access/i;

function classify(error: unknown): 'non-fast-forward' | 'transient' | 'fatal' {
  if (!(error instanceof GitError)) return 'fatal';
  const text = `${error.stderr}\n${error.message}`;
  if (/returned error: 40[134]|Authentication failed|could not read Username|Permission denied|repository not found|does not appear to be a git repository/i.test(text)) return 'fatal';
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
  const text = error instanceof GitError ? error.stderr || error.message : String((error as Error)?.message ?? error);
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  const telling = [/\[rejected\]|\[remote rejected\]/, /RPC failed|returned error|fatal:/i, /error/i];
  for (const pattern of telling) {
    const line = lines.find((l) => pattern.test(l));
    if (line) return line;
  }
  return lines[lines.length - 1] ?? 'unknown error';
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

/**
 * Clones or reuses a checkout of the branch, runs `work` inside it, and cleans up a temporary clone.
 * With fullHistory the clone is not shallow (history and rollback read old revisions).
 */
export async function withCheckout<R>(options: RepoOptions, fullHistory: boolean, retries: RetryRecord[], work: (checkout: Checkout, auth: GitAuth) => Promise<R>): Promise<R> {
  try {
    assertNoCredentialsInUrl(options.repo);
  } catch (error) {
    throw new HelperUsageError(`--repo: ${(error as Error).message}`);
  }
  const auth = gitAuthFromEnv();
  const remote = remoteFor(options.repo);
  const temporary = options.checkout === null;
  const dir = options.checkout ? resolve(options.checkout) : join(mkdtempSync(join(tmpdir(), 'pw-gitops-')), 'repo');
  const timeoutMs = options.timeoutMs ?? 120_000;
  const run = (args: string[], t = timeoutMs) => git([...auth.configArgs, ...args], { cwd: existsSync(dir) ? dir : tmpdir(), env: auth.env, timeoutMs: t });
  try {
    if (!existsSync(join(dir, '.git'))) {
      const depth = fullHistory ? [] : ['--depth', '1'];
      await withRetries(options, 'clone', retries, async () => {
        rmSync(dir, { recursive: true, force: true });
        await run(['clone', '--quiet', '--no-tags', '--single-branch', '--branch', options.branch, ...depth, remote, dir]);
      }).catch((error: unknown) => {
        throw new HelperFailure(`could not clone branch ${options.branch} of ${safeRemote(options.repo)}: ${lastLine(error)}`, { retries, pushed: false });
      });
    } else {
      await run(['remote', 'set-url', 'origin', remote]);
    }
    return await work({ dir, run }, auth);
  } finally {
    auth.dispose();
    if (temporary) rmSync(join(dir, '..'), { recursive: true, force: true });
  }
}

/** Moves the checkout to the remote branch's current head, discarding any local leftovers. */
async function syncToRemote(checkout: Checkout, options: RepoOptions, fullHistory: boolean, retries: RetryRecord[]): Promise<string> {
  const shallow = (await checkout.run(['rev-parse', '--is-shallow-repository'])).trim() === 'true';
  const depth = fullHistory ? (shallow ? ['--unshallow'] : []) : ['--depth', '1'];
  await withRetries(options, 'fetch', retries, () => checkout.run(['fetch', '--quiet', '--no-tags', ...depth, 'origin', `+refs/heads/${options.branch}:refs/remotes/origin/${options.branch}`]));
  await checkout.run(['checkout', '--quiet', '-B', options.branch, `refs/remotes/origin/${options.branch}`]);
  await checkout.run(['reset', '--quiet', '--hard', `refs/remotes/origin/${options.branch}`]);
  await checkout.run(['clean', '-fdq']);
  return (await checkout.run(['rev-parse', 'HEAD'])).trim();
}

/**
 * The edit loop: sync to the remote head, let `edit` change files (it returns null for "nothing to
 * commit"), commit, push; a rejected push starts over from the new head, so the edit is re-applied to
 * whatever others pushed meanwhile. A refusal (HelperFailure) from `edit` ends the loop at once.
 */
export async function editAndPush<T>(
  options: RepoOptions,
  edit: (dir: string, checkout: Checkout) => Promise<{ value: T; commit: Commit | null }>,
  fullHistory = false,
): Promise<WriteBackResult<T>> {
  const retries: RetryRecord[] = [];
  return withCheckout(options, fullHistory, retries, async (checkout) => {
    const author = options.author ?? { name: 'pipewright', email: 'pipewright@localhost' };
    let lastError: unknown;
    for (let attempt = 1; attempt <= options.attempts; attempt++) {
      if (attempt > 1 || options.checkout !== null) {
        try {
          await syncToRemote(checkout, options, fullHistory, retries);
        } catch (error) {
          lastError = error;
          break;
        }
      }
      const { value, commit } = await edit(checkout.dir, checkout);
      if (commit === null) return { value, pushed: false, commit: null, attempts: attempt, retries };
      await checkout.run(['add', '--', ...commit.files]);
      await checkout.run(['-c', `user.name=${author.name}`, '-c', `user.email=${author.email}`, 'commit', '--quiet', '--no-verify', '-m', commit.message]);
      try {
        await checkout.run(['push', '--quiet', 'origin', `HEAD:refs/heads/${options.branch}`]);
        const sha = (await checkout.run(['rev-parse', 'HEAD'])).trim();
        return { value, pushed: true, commit: sha, attempts: attempt, retries };
      } catch (error) {
        lastError = error;
        const kind = classify(error);
        if (kind === 'fatal' || attempt === options.attempts) break;
        const delayMs = backoff(options, attempt);
        retries.push({ attempt, step: 'push', kind, reason: lastLine(error), delayMs });
        await sleep(delayMs);
      }
    }
    // Nothing half-written: the push never landed, and a reused checkout goes back to the remote's head.
    if (options.checkout !== null) {
      await checkout.run(['reset', '--quiet', '--hard', `refs/remotes/origin/${options.branch}`]).catch(() => undefined);
    }
    throw new HelperFailure(`could not push to ${options.branch} after ${options.attempts} attempts: ${lastLine(lastError)}`, { retries, pushed: false });
  });
}
