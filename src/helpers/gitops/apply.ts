// Runs a manifest edit either in place (files under --workdir) or against a manifests repository (clone, commit, push with retries), and shapes the shared result fields.
import { resolve } from 'node:path';
import { git } from '../shared/git.js';
import { editThroughGitHub, type GitHubOptions } from './github.js';
import { editAndPush, type Commit, type RepoOptions, type RetryRecord } from './write-back.js';

export type GitRun = (args: string[]) => Promise<string>;
export type TreeEdit<T> = (root: string, run: GitRun) => Promise<{ value: T; commit: Commit | null }>;

export interface ApplyResult<T> {
  value: T;
  /** A commit was pushed (repository mode). */
  pushed: boolean;
  commit: string | null;
  attempts: number;
  retries: RetryRecord[];
  /** Pushes rejected because another writer got there first, each followed by a re-applied edit. */
  nonFastForwardRetries: number;
  mode: 'repository' | 'workdir' | 'github-api';
  pullRequest?: { number: number; url: string; branch: string; reused: boolean } | null;
}

/** Where an edit happens: a manifests repository (repo set) or a folder edited in place. */
export interface Destination {
  repo: RepoOptions | null;
  workdir: string;
  /** Write through the GitHub API instead of git (bump-image --method github-api|pull-request). */
  github?: GitHubOptions | null;
}

/** `apiFiles`: the repository files the edit reads or writes, fetched first when writing through the GitHub API. */
export async function applyEdit<T>(destination: Destination, edit: TreeEdit<T>, fullHistory = false, apiFiles: string[] = []): Promise<ApplyResult<T>> {
  if (destination.github) {
    const noGit: GitRun = () => Promise.reject(new Error('git history is not available through the GitHub API'));
    const r = await editThroughGitHub(destination.github, apiFiles, (root) => edit(root, noGit));
    return { ...r, nonFastForwardRetries: r.retries.filter((x) => x.kind === 'non-fast-forward').length, mode: 'github-api' };
  }
  const repo = destination.repo;
  if (repo === null) {
    const root = resolve(destination.workdir);
    const run: GitRun = (args) => git(args, { cwd: root, timeoutMs: 60_000 });
    const { value } = await edit(root, run);
    return { value, pushed: false, commit: null, attempts: 1, retries: [], nonFastForwardRetries: 0, mode: 'workdir' };
  }
  const result = await editAndPush(repo, (dir, checkout) => edit(dir, (args) => checkout.run(args)), fullHistory);
  return { ...result, nonFastForwardRetries: result.retries.filter((r) => r.kind === 'non-fast-forward').length, mode: 'repository' };
}

/** The result fields every GitOps helper reports about the write. */
export function writeFields<T>(r: ApplyResult<T>): Record<string, unknown> {
  return {
    mode: r.mode,
    pushed: r.pushed,
    commit: r.commit,
    attempts: r.attempts,
    nonFastForwardRetries: r.nonFastForwardRetries,
    retries: r.retries,
    ...(r.mode === 'github-api' ? { pullRequest: r.pullRequest ?? null } : {}),
  };
}
