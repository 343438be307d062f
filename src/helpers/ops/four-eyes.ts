// Four eyes and the allow-list: relating Jenkins user IDs to git author e-mails, and the checks an approval must pass.

/** Jenkins user ID -> the git author e-mails of the same person (pipeline.yaml `identities`). */
export type Identities = Record<string, string[]>;

export interface Check {
  id: 'not-author' | 'not-starter' | 'allow-list' | 'pull-request-review';
  passed: boolean;
  detail: string;
}

const lower = (s: string) => s.trim().toLowerCase();

/** The e-mail's local part, without a +tag and without GitHub's numeric noreply prefix (12345+alice@users.noreply.github.com). */
export function localPart(email: string): string {
  const local = lower(email).split('@')[0] ?? '';
  const noreply = /^\d+\+(.+)$/.exec(local);
  if (noreply && lower(email).endsWith('@users.noreply.github.com')) return noreply[1]!;
  return local.split('+')[0]!;
}

/**
 * Whether a Jenkins user and a git e-mail are the same person. Either relation counts, so the
 * check errs towards refusing: the mapping lists the e-mail for the user, or the e-mail's local
 * part equals the user ID (case-insensitive).
 */
export function samePerson(userId: string, email: string, identities: Identities): { same: boolean; how: string } {
  const id = lower(userId);
  const mail = lower(email);
  for (const [user, emails] of Object.entries(identities)) {
    if (lower(user) === id && emails.some((e) => lower(e) === mail)) return { same: true, how: 'identities mapping' };
  }
  if (localPart(mail) === id) return { same: true, how: "e-mail's local part" };
  return { same: false, how: '' };
}

export interface FourEyesInput {
  approver: string;
  /** Every author of the change: the commit's, or for a merge commit each merged commit's too. */
  authorEmails: string[];
  /** SCM logins of the pull requests' authors and mergers, when an SCM is configured; null otherwise. */
  scmLogins: string[] | null;
  /** The user who started the build; undefined for a build started by a webhook, timer or upstream job. */
  startedBy: string | undefined;
  identities: Identities;
  /** Allowed approvers (user IDs or groups); empty means anyone Jenkins' input let through. */
  submitters: string[];
  /** Groups the approver belongs to, when the step knows them. */
  approverGroups: string[];
}

/** Whether a Jenkins user is an SCM login: the same name (case-insensitive), or the identities list the login for the user. */
function sameLogin(userId: string, login: string, identities: Identities): boolean {
  if (lower(userId) === lower(login)) return true;
  return Object.entries(identities).some(([user, names]) => lower(user) === lower(userId) && names.some((n) => lower(n) === lower(login)));
}

function notAuthorCheck(input: FourEyesInput): Check {
  for (const login of input.scmLogins ?? []) {
    if (sameLogin(input.approver, login, input.identities)) {
      return {
        id: 'not-author',
        passed: false,
        detail: `"${input.approver}" authored or merged the pull request (GitHub user "${login}"); someone else must approve`,
      };
    }
  }
  for (const email of input.authorEmails) {
    const author = samePerson(input.approver, email, input.identities);
    if (author.same)
      return { id: 'not-author', passed: false, detail: `"${input.approver}" is the commit author ${email} (by ${author.how}); someone else must approve` };
  }
  const scm = input.scmLogins?.length ? `, nor pull request author or merger (${input.scmLogins.join(', ')})` : '';
  return { id: 'not-author', passed: true, detail: `"${input.approver}" is not the commit author ${input.authorEmails.join(', ')}${scm}` };
}

export function fourEyesChecks(input: FourEyesInput): Check[] {
  const checks: Check[] = [notAuthorCheck(input)];
  if (input.startedBy === undefined) {
    checks.push({ id: 'not-starter', passed: true, detail: 'the build was not started by a user (webhook, timer or upstream)' });
  } else {
    const same = lower(input.startedBy) === lower(input.approver);
    checks.push({
      id: 'not-starter',
      passed: !same,
      detail: same
        ? `"${input.approver}" started this build; someone else must approve`
        : `"${input.approver}" did not start this build (started by "${input.startedBy}")`,
    });
  }
  if (input.submitters.length === 0) {
    checks.push({ id: 'allow-list', passed: true, detail: 'no allow-list configured' });
  } else {
    const allowed = new Set(input.submitters.map(lower));
    const match = [input.approver, ...input.approverGroups].find((n) => allowed.has(lower(n)));
    checks.push({
      id: 'allow-list',
      passed: match !== undefined,
      detail: match !== undefined ? `"${match}" is on the allow-list` : `"${input.approver}" is not on the allow-list (${input.submitters.join(', ')})`,
    });
  }
  return checks;
}
