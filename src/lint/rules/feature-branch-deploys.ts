// Feature and pull-request branches build and test but never deploy (the seed's branch table: feature/* -> no
// environment); decided from the patterns themselves, as Jenkins matches them (case-insensitive Ant globs).
import type { Rule } from '../rule.js';
import { featureBranchMatched } from '../support/branches.js';

export const rule: Rule = {
  id: 'feature-branch-deploys',
  description: 'no environment deploys from feature or pull-request branches (feature/**, PR-*)',
  severity: 'error',
  check(model, report) {
    for (const env of model.environments) {
      const branch = featureBranchMatched(env.branch);
      if (branch !== null) {
        report(
          ['environments', env.name, 'branch'],
          `environment "${env.name}" deploys from branch pattern "${env.branch}", which matches the feature or pull-request branch "${branch}" as Jenkins matches it; deploy from "develop", "main" or "release/*" instead`,
        );
      }
    }
  },
};
