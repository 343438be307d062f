// The approval decision: four eyes, the allow-list and the review rule evaluated together, and the audit record archived with the build.
import type { Octokit } from '@octokit/rest';
import { writeFileAtomic } from '../shared/atomic.js';
import { git } from '../shared/git.js';
import { HelperUsageError } from '../shared/cli.js';
import { fourEyesChecks, type Check, type FourEyesInput } from './four-eyes.js';
import { reviewCheck, type ReviewEvidence, type ReviewQuery } from './review.js';
import { scmPeople, type ScmPeople } from './scm-identities.js';

export interface DecisionInput extends Omit<FourEyesInput, 'authorEmails' | 'scmLogins'> {
  /** The commit author's e-mail; read from git when absent. */
  authorEmail: string | undefined;
  commit: string | undefined;
  repoDir: string;
  /** The SCM, when one is configured: who authored and merged the pull request comes from it. */
  scm: { query: ReviewQuery; client: () => Octokit } | null;
  /** Set when the review rule applies. */
  review: { query: ReviewQuery; client: () => Octokit } | null;
  record: { app: string; version: string | null; environment: string | null; buildUrl: string | null };
  audit: string | undefined;
}

export interface AuditRecord {
  kind: 'pipewright-approval';
  version: 1;
  decision: 'approved' | 'refused';
  approver: string;
  at: string;
  app: string;
  appVersion: string | null;
  environment: string | null;
  commit: string | null;
  author: string;
  /** Every author counted: a merge commit's merged commits included. */
  authors: string[];
  /** The SCM's pull requests and people (authors, mergers), when an SCM is configured. */
  scm: ScmPeople | null;
  startedBy: string | null;
  buildUrl: string | null;
  checks: Check[];
  passedChecks: Check['id'][];
  failedChecks: Check['id'][];
  review: ReviewEvidence | null;
}

/** The commit's author e-mails; a merge commit counts every commit it merged (git log of first-parent..commit), so a merged author cannot hide behind the merger. */
async function authorsOf(input: DecisionInput): Promise<string[]> {
  if (input.authorEmail) return [input.authorEmail];
  if (!input.commit) throw new HelperUsageError('give --author-email, or --commit to read the author from git');
  const run = (args: string[]) => git(args, { cwd: input.repoDir, timeoutMs: 30_000 });
  const parents = (await run(['rev-list', '--parents', '-n', '1', input.commit, '--'])).trim().split(' ').slice(1);
  const range = parents.length > 1 ? [`${input.commit}^1..${input.commit}`] : ['-1', input.commit];
  const emails = [
    ...new Set(
      (await run(['log', '--format=%ae', ...range, '--']))
        .split('\n')
        .map((e) => e.trim())
        .filter(Boolean),
    ),
  ];
  if (emails.length === 0) throw new HelperUsageError(`git has no author e-mail for ${input.commit}`);
  return emails;
}

export async function decide(input: DecisionInput, now = new Date()): Promise<{ approved: boolean; record: AuditRecord }> {
  const authorEmails = await authorsOf(input);
  let scm: ScmPeople | null = null;
  let scmFailure: Check | null = null;
  if (input.scm) {
    try {
      scm = await scmPeople(input.scm.client(), input.scm.query);
    } catch (error) {
      // Without the SCM's answer nobody can say the approver is not the author: refuse rather than trust git's e-mails.
      scmFailure = { id: 'not-author', passed: false, detail: (error as Error).message };
    }
  }
  const checks = fourEyesChecks({ ...input, authorEmails, scmLogins: scm?.logins ?? null });
  if (scmFailure) checks[0] = scmFailure;
  let review: ReviewEvidence | null = null;
  if (input.review) {
    const outcome = await reviewCheck(input.review.client(), input.review.query);
    checks.push(outcome.check);
    review = outcome.evidence;
  }
  const approved = checks.every((c) => c.passed);
  const record: AuditRecord = {
    kind: 'pipewright-approval',
    version: 1,
    decision: approved ? 'approved' : 'refused',
    approver: input.approver,
    at: now.toISOString(),
    app: input.record.app,
    appVersion: input.record.version,
    environment: input.record.environment,
    commit: input.commit ?? null,
    author: authorEmails[0]!,
    authors: authorEmails,
    scm,
    startedBy: input.startedBy ?? null,
    buildUrl: input.record.buildUrl,
    checks,
    passedChecks: checks.filter((c) => c.passed).map((c) => c.id),
    failedChecks: checks.filter((c) => !c.passed).map((c) => c.id),
    review,
  };
  if (input.audit) writeFileAtomic(input.audit, `${JSON.stringify(record, null, 2)}\n`);
  return { approved, record };
}
