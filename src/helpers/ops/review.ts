// The code review rule through the GitHub API (Octokit): the commit reached the branch through a merged pull request that someone other than its author approved.
import { Octokit } from '@octokit/rest';
import { retryingFetch, type RetryPolicy } from '../shared/http.js';
import { mask } from '../shared/mask.js';
import { assertHostAllowed } from '../shared/allowed-hosts.js';
import type { Check } from './four-eyes.js';

export interface ReviewQuery {
  /** owner/name */
  repository: string;
  commit: string;
}

export interface ReviewEvidence {
  pullRequest: number | null;
  url: string | null;
  approvedBy: string[];
  changesRequestedBy: string[];
}

const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export function githubClient(options: { baseUrl: string; token: string; policy: RetryPolicy }): Octokit {
  // The token goes to the API root only when the policy's GitHub hosts allow it (PW_ALLOWED_HOSTS_GITHUB from pwPolicy).
  assertHostAllowed('github', options.baseUrl);
  return new Octokit({
    auth: options.token,
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    userAgent: 'pipewright-approve',
    log: quiet,
    request: { fetch: retryingFetch(options.policy) },
  });
}

/** Each reviewer's standing decision: the last APPROVED, CHANGES_REQUESTED or DISMISSED review; comments do not change it. */
function standing(reviews: Array<{ user: { login: string } | null; state: string }>): Map<string, string> {
  const latest = new Map<string, string>();
  for (const r of reviews) {
    if (!r.user || !['APPROVED', 'CHANGES_REQUESTED', 'DISMISSED'].includes(r.state)) continue;
    latest.set(r.user.login, r.state);
  }
  return latest;
}

export async function reviewCheck(octokit: Octokit, query: ReviewQuery): Promise<{ check: Check; evidence: ReviewEvidence }> {
  const [owner, repo] = query.repository.split('/') as [string, string];
  const none: ReviewEvidence = { pullRequest: null, url: null, approvedBy: [], changesRequestedBy: [] };
  let pulls;
  try {
    pulls = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: query.commit, per_page: 100 });
  } catch (error) {
    const status = (error as { status?: number }).status;
    const why =
      status === 401
        ? 'GitHub refused the token (401)'
        : status === 404 || status === 422
          ? `GitHub knows no commit ${query.commit} in ${query.repository} (${status})`
          : mask((error as Error).message);
    return { check: { id: 'pull-request-review', passed: false, detail: why }, evidence: none };
  }
  const merged = pulls.data.filter((p) => p.merged_at);
  if (merged.length === 0) {
    return {
      check: { id: 'pull-request-review', passed: false, detail: `commit ${query.commit.slice(0, 12)} did not come through a merged pull request` },
      evidence: none,
    };
  }
  let best: ReviewEvidence = none;
  for (const pull of merged) {
    const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { owner, repo, pull_number: pull.number, per_page: 100 });
    const decisions = standing(reviews);
    const author = pull.user?.login;
    const evidence: ReviewEvidence = {
      pullRequest: pull.number,
      url: pull.html_url,
      approvedBy: [...decisions].filter(([login, s]) => s === 'APPROVED' && login !== author).map(([login]) => login),
      changesRequestedBy: [...decisions].filter(([, s]) => s === 'CHANGES_REQUESTED').map(([login]) => login),
    };
    if (evidence.approvedBy.length > 0 && evidence.changesRequestedBy.length === 0) {
      return {
        check: { id: 'pull-request-review', passed: true, detail: `pull request #${pull.number} approved by ${evidence.approvedBy.join(', ')}` },
        evidence,
      };
    }
    if (best === none) best = evidence;
  }
  const detail = best.changesRequestedBy.length
    ? `pull request #${best.pullRequest} has changes requested by ${best.changesRequestedBy.join(', ')}`
    : `pull request #${best.pullRequest} was merged without an approving review from someone other than its author`;
  return { check: { id: 'pull-request-review', passed: false, detail }, evidence: best };
}
