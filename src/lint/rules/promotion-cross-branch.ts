// A promotion moves the same image along one branch's builds; "after" on another branch can never be satisfied.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'promotion-cross-branch',
  description: '"after" names an environment on the same branch',
  severity: 'error',
  check(model, report) {
    const byName = new Map(model.environments.map((e) => [e.name, e]));
    for (const env of model.environments) {
      const from = env.after !== null ? byName.get(env.after) : undefined;
      if (from && from !== env && from.branch !== env.branch) {
        report(
          ['environments', env.name, 'after'],
          `environment "${env.name}" (branch "${env.branch}") is promoted from "${from.name}" on branch "${from.branch}", which never runs in the same build; put both on one branch or remove "after"`,
        );
      }
    }
  },
};
