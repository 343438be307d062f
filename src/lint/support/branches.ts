// Branch patterns as Jenkins' `when { branch }` reads them (Ant-style globs): patterns no branch can have, feature branches.
import { commonBranch } from '../../config/branch-pattern.js';

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

/**
 * Branches that build and test but never deploy: the seed's feature branches (`feature/**`, written so the bare name
 * "feature" is not one, since Ant's "**" also matches no part) and Jenkins' pull-request branches (`PR-<number>`).
 */
export const NON_DEPLOYING_BRANCHES = ['feature/*/**', 'PR-*'];

/** A feature or pull-request branch `pattern` matches, as Jenkins matches it, or null. */
export const featureBranchMatched = (pattern: string): string | null =>
  NON_DEPLOYING_BRANCHES.map((feature) => commonBranch(pattern, feature)).find((w) => w !== null) ?? null;
