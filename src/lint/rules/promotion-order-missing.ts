// Environments sharing a branch deploy one after another, so all but the first need "after".
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'promotion-order-missing',
  description: 'environments on the same branch form a promotion order with "after"',
  severity: 'error',
  check(model, report) {
    const firstByBranch = new Map<string, string>();
    for (const env of model.environments) {
      if (env.after !== null) continue;
      const first = firstByBranch.get(env.branch);
      if (first === undefined) firstByBranch.set(env.branch, env.name);
      else
        report(
          ['environments', env.name],
          `environments "${first}" and "${env.name}" both deploy from branch "${env.branch}" with no order; add "after: ${first}" to "${env.name}"`,
        );
    }
  },
};
