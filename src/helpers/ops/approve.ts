// The approval decision: four eyes, the allow-list and the review rule evaluated together, and the audit record archived with the build.
import type { Octokit } from '@octokit/rest';
import { writeFileAtomic } from '../shared/atomic.js';
import { git } from '../shared/git.js';
import { HelperUsageError } from '../shared/cli.js';
import { fourEyesChecks, type Check, type FourEyesInput } from './four-eyes.js';
import { reviewCheck, type ReviewEvidence, type ReviewQuery } from './review.js';

export interface DecisionInput extends Omit<FourEyesInput, 'authorEmail'> {
  /** The commit author's e-mail; read from git when absent. */
  authorEmail: string | undefined;
  commit: string | undefined;
  repoDir: string;
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
  startedBy: string | null;
  buildUrl: string | null;
  checks: Check[];
  passedChecks: Check['id'][];
  failedChecks: Check['id'][];
  review: ReviewEvidence | null;
}

async function authorOf(input: DecisionInput): Promise<string> {
  if (input.authorEmail) return input.authorEmail;
  if (!input.commit) throw new HelperUsageError('give --author-email, or --commit to read the author from git');
  const email = (await git(['log', '-1', '--format=%ae', input.commit, '--'], { cwd: input.repoDir, timeoutMs: 30_000 })).trim();
  if (!email) throw new HelperUsageError(`git has no author e-mail for ${input.commit}`);
  return email;
}

export async function decide(input: DecisionInput, now = new Date()): Promise<{ approved: boolean; record: AuditRecord }> {
  const authorEmail = await authorOf(input);
  const checks = fourEyesChecks({ ...input, authorEmail });
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
    author: authorEmail,
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
