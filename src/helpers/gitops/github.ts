// Write-back through the GitHub REST API (Octokit): one commit per edit built from git data (tree, commit, non-forced ref update), or a pull request per app and environment, reused while open.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Octokit } from '@octokit/rest';
import { HelperFailure } from '../shared/cli.js';
import { assertHostAllowed } from '../shared/allowed-hosts.js';
import type { Commit, RetryRecord } from './write-back.js';

export interface GitHubOptions {
  /** "owner/name". */
  repository: string;
  branch: string;
  /** API root, e.g. https://api.github.com or https://github.example.com/api/v3 (tests: a loopback server). */
  baseUrl: string;
  token: string;
  mode: 'commit' | 'pull-request';
  /** Branch for reviewed promotions; one per app and environment. */
  pullRequestBranch: string;
  attempts: number;
  backoffMs: number;
}

export interface GitHubWriteResult<T> {
  value: T;
  pushed: boolean;
  commit: string | null;
  attempts: number;
  retries: RetryRecord[];
  pullRequest: { number: number; url: string; branch: string; reused: boolean } | null;
}

type Edit<T> = (root: string) => Promise<{ value: T; commit: Commit | null }>;

interface ApiError {
  status?: number;
  message?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function classify(error: unknown): 'conflict' | 'transient' | 'fatal' {
  const status = (error as ApiError).status;
  if (status === 409 || (status === 422 && /fast forward|fast-forward/i.test((error as ApiError).message ?? ''))) return 'conflict';
  if (status === undefined || status >= 500 || status === 429 || status === 408) return 'transient';
  return 'fatal';
}

function describe(error: unknown): string {
  const e = error as ApiError;
  return `${e.status ? `HTTP ${e.status}: ` : ''}${(e.message ?? String(error)).split('\n')[0]}`;
}

export function createOctokit(options: Pick<GitHubOptions, 'baseUrl' | 'token'>): Octokit {
  // The token goes to the API root only when the policy's GitHub hosts allow it (PW_ALLOWED_HOSTS_GITHUB from pwPolicy).
  assertHostAllowed('github', options.baseUrl);
  return new Octokit({ auth: options.token, baseUrl: options.baseUrl.replace(/\/$/, ''), userAgent: 'pipewright-helper', request: { timeout: 30_000 } });
}

/**
 * Reads `files` at the head, lets `edit` change them in a scratch folder, and writes the changed ones
 * as one commit whose parent is that head; a non-fast-forward ref update starts over from the new head.
 */
export async function editThroughGitHub<T>(
  options: GitHubOptions,
  files: string[],
  edit: Edit<T>,
  octokit = createOctokit(options),
): Promise<GitHubWriteResult<T>> {
  const [owner, repo] = options.repository.split('/') as [string, string];
  const retries: RetryRecord[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'pw-github-'));
  try {
    let lastError: unknown;
    for (let attempt = 1; attempt <= options.attempts; attempt++) {
      try {
        let pullRequest: GitHubWriteResult<T>['pullRequest'] = null;
        let targetRef = `heads/${options.branch}`;
        if (options.mode === 'pull-request') {
          const open = await octokit.rest.pulls.list({ owner, repo, state: 'open', base: options.branch, head: `${owner}:${options.pullRequestBranch}` });
          const existing = open.data[0];
          if (existing) {
            pullRequest = { number: existing.number, url: existing.html_url, branch: existing.head.ref, reused: true };
            targetRef = `heads/${existing.head.ref}`;
          }
        }
        const head = (await octokit.rest.git.getRef({ owner, repo, ref: targetRef })).data.object.sha;
        rmSync(scratch, { recursive: true, force: true });
        mkdirSync(scratch, { recursive: true });
        for (const path of files) {
          try {
            const got = await octokit.rest.repos.getContent({ owner, repo, path, ref: head });
            const data = got.data as { type?: string; content?: string; encoding?: string };
            if (data.type !== 'file' || data.content === undefined) continue;
            mkdirSync(dirname(join(scratch, path)), { recursive: true });
            writeFileSync(join(scratch, path), Buffer.from(data.content, (data.encoding as BufferEncoding) ?? 'base64'));
          } catch (error) {
            if ((error as ApiError).status !== 404) throw error;
          }
        }
        const { value, commit } = await edit(scratch);
        if (commit === null) return { value, pushed: false, commit: null, attempts: attempt, retries, pullRequest };
        const baseTree = (await octokit.rest.git.getCommit({ owner, repo, commit_sha: head })).data.tree.sha;
        const tree = await octokit.rest.git.createTree({
          owner,
          repo,
          base_tree: baseTree,
          tree: commit.files
            .filter((f) => existsSync(join(scratch, f)))
            .map((path) => ({ path, mode: '100644' as const, type: 'blob' as const, content: readFileSync(join(scratch, path), 'utf8') })),
        });
        const created = await octokit.rest.git.createCommit({ owner, repo, message: commit.message, tree: tree.data.sha, parents: [head] });
        const sha = created.data.sha;
        if (options.mode === 'pull-request' && pullRequest === null) {
          let branch = options.pullRequestBranch;
          try {
            await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
          } catch (error) {
            // A leftover branch from a closed pull request: never force it; use a fresh name.
            if ((error as ApiError).status !== 422) throw error;
            branch = `${options.pullRequestBranch}-${sha.slice(0, 8)}`;
            await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
          }
          const title = commit.message.split('\n')[0]!;
          const body = commit.message.split('\n').slice(2).join('\n');
          const pr = await octokit.rest.pulls.create({ owner, repo, base: options.branch, head: branch, title, body });
          return {
            value,
            pushed: true,
            commit: sha,
            attempts: attempt,
            retries,
            pullRequest: { number: pr.data.number, url: pr.data.html_url, branch, reused: false },
          };
        }
        await octokit.rest.git.updateRef({ owner, repo, ref: targetRef, sha, force: false });
        return { value, pushed: true, commit: sha, attempts: attempt, retries, pullRequest };
      } catch (error) {
        if (error instanceof HelperFailure) throw error;
        lastError = error;
        const kind = classify(error);
        if (kind === 'fatal' || attempt === options.attempts) break;
        const delayMs = Math.round(Math.min(5000, options.backoffMs * 2 ** (attempt - 1)) * (0.5 + Math.random()));
        retries.push({ attempt, step: 'push', kind: kind === 'conflict' ? 'non-fast-forward' : 'transient', reason: describe(error), delayMs });
        await sleep(delayMs);
      }
    }
    throw new HelperFailure(`GitHub API write to ${options.repository} (${options.branch}) failed: ${describe(lastError)}`, { retries, pushed: false });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
