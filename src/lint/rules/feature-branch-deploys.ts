// Feature branches build and test but never deploy (the seed's branch table: feature/* -> no environment).
import type { Rule } from '../rule.js';
import { isFeatureBranchPattern } from '../support/branches.js';

export const rule: Rule = {
  id: 'feature-branch-deploys',
  description: 'no environment deploys from feature branches (feature/*)',
  severity: 'error',
  check(model, report) {
    for (const env of model.environments) {
      if (isFeatureBranchPattern(env.branch)) {
        report(['environments', env.name, 'branch'], `environment "${env.name}" deploys from branch pattern "${env.branch}", which feature branches match; deploy from "develop" or "main" instead`);
      }
    }
  },
};
