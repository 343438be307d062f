// An approval with no submitters lets anyone who can open the build approve it.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'approval-without-submitters',
  description: 'an approval names who may approve ("submitters")',
  severity: 'warning',
  check(model, report) {
    for (const env of model.environments) {
      if (env.approval && env.approval.submitters.length === 0) {
        report(
          ['environments', env.name, 'approval'],
          `anyone with access to the job can approve deploys to "${env.name}"; list the users or groups in "approval.submitters"`,
        );
      }
    }
  },
};
