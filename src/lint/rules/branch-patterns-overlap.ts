// Two environments whose branch patterns share a branch both deploy from it, in an order nobody declared.
import { commonBranch } from '../../config/branch-pattern.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'branch-patterns-overlap',
  description: 'no two environments can deploy from one branch unless one is promoted from the other ("after")',
  severity: 'error',
  check(model, report) {
    // An environment with "after" is ordered behind the one it names, on that one's branch (promotion-cross-branch
    // checks the branch), so only the first environment of each promotion chain can clash with another chain.
    const firsts = model.environments.filter((e) => e.after === null);
    firsts.forEach((env, i) => {
      for (const earlier of firsts.slice(0, i)) {
        // The same pattern written twice is promotion-order-missing's finding.
        if (earlier.branch === env.branch) continue;
        const shared = commonBranch(earlier.branch, env.branch);
        if (shared === null) continue;
        report(
          ['environments', env.name, 'branch'],
          `environments "${earlier.name}" ("${earlier.branch}") and "${env.name}" ("${env.branch}") both deploy branch "${shared}" (Jenkins matches branches case-insensitively), in no declared order; make the patterns disjoint, or put both on one branch with "after: ${earlier.name}"`,
        );
        return; // one finding per environment is enough to act on
      }
    });
  },
};
