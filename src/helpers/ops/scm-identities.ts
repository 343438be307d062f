// Who wrote and who merged a commit, as the SCM (GitHub) records them: identities the commit's author cannot set, unlike a git author e-mail.
import type { Octokit } from '@octokit/rest';
import { mask } from '../shared/mask.js';
import type { ReviewQuery } from './review.js';

export interface ScmPeople {
  /** The merged pull requests the commit came through. */
  pullRequests: number[];
  /** GitHub logins of their authors and of whoever merged them. */
  logins: string[];
}

/** GET /repos/{o}/{r}/commits/{sha}/pulls, then each merged pull's user and merged_by (only the single-pull endpoint returns merged_by). */
export async function scmPeople(octokit: Octokit, query: ReviewQuery): Promise<ScmPeople> {
  const [owner, repo] = query.repository.split('/') as [string, string];
  try {
    const pulls = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ owner, repo, commit_sha: query.commit, per_page: 100 });
    const people: ScmPeople = { pullRequests: [], logins: [] };
    for (const listed of pulls.data.filter((p) => p.merged_at)) {
      const pull = (await octokit.rest.pulls.get({ owner, repo, pull_number: listed.number })).data;
      people.pullRequests.push(pull.number);
      for (const login of [pull.user?.login, pull.merged_by?.login]) if (login && !people.logins.includes(login)) people.logins.push(login);
    }
    return people;
  } catch (error) {
    const status = (error as { status?: number }).status;
    throw new Error(
      `GitHub could not say who authored and merged ${query.commit.slice(0, 12)} in ${query.repository}${status ? ` (${status})` : `: ${mask((error as Error).message)}`}`,
    );
  }
}
