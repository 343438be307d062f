// Branch patterns as Jenkins' `when { branch }` reads them (Ant-style globs): matching, and patterns no branch can have.

/** `**` crosses "/", `*` and `?` do not. */
export function branchMatches(pattern: string, branch: string): boolean {
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '*' && pattern[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else source += ch.replace(/[.+^${}()|[\]\\-]/g, '\\$&');
  }
  return new RegExp(`^${source}$`).test(branch);
}

/** Why no git branch (as Jenkins names it, without refs/heads/ or a remote) can match `pattern`, or null. */
export function neverMatchReason(pattern: string): string | null {
  if (/^refs\//.test(pattern)) return 'Jenkins names branches without "refs/heads/"';
  if (/^origin\//.test(pattern)) return 'Jenkins names branches without the remote ("origin/")';
  if (pattern.startsWith('/') || pattern.endsWith('/')) return 'a branch name cannot start or end with "/"';
  if (pattern.includes('//')) return 'a branch name cannot contain "//"';
  if (pattern.includes('..')) return 'a branch name cannot contain ".."';
  if (pattern.startsWith('-')) return 'a branch name cannot start with "-"';
  if (/(^|\/)\./.test(pattern)) return 'no part of a branch name can start with "."';
  if (/\.lock(\/|$)/.test(pattern) || pattern.endsWith('.')) return 'a branch name cannot end with "." or ".lock"';
  if (/\*\*\*/.test(pattern)) return 'a glob has at most "**"';
  return null;
}

/** The seed's feature branches, which build but never deploy. */
export const FEATURE_BRANCH_SAMPLES = ['feature/login', 'feature/JIRA-12-new-form'];

export const isFeatureBranchPattern = (pattern: string): boolean =>
  FEATURE_BRANCH_SAMPLES.some((b) => branchMatches(pattern, b));
