// A branch pattern no git branch can have (or that Jenkins never reports) silently disables what it guards.
import type { Rule } from '../rule.js';
import { neverMatchReason } from '../support/branches.js';

export const rule: Rule = {
  id: 'branch-pattern-never-matches',
  description: 'branch patterns of environments and custom stages can match a branch',
  severity: 'error',
  check(model, report) {
    const patterns = [
      ...model.environments.map((e) => ({ path: ['environments', e.name, 'branch'], pattern: e.branch, what: `environment "${e.name}"` })),
      ...model.custom.flatMap((c, i) => (c.branch === null ? [] : [{ path: ['custom', i, 'branch'], pattern: c.branch, what: `stage "${c.name}"` }])),
    ];
    for (const { path, pattern, what } of patterns) {
      const reason = neverMatchReason(pattern);
      if (reason)
        report(path, `branch pattern "${pattern}" of ${what} can never match: ${reason}; write the branch as Jenkins names it, e.g. "main" or "release/*"`);
    }
  },
};
