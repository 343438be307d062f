// The seed's deployment table: prod runs 3 or more replicas, dev and staging 2.
import type { Rule } from '../rule.js';

const NON_PRODUCTION_MIN: Record<string, number> = { dev: 2, staging: 2 };
const PRODUCTION_MIN = 3;

export const rule: Rule = {
  id: 'replicas-below-seed',
  description: "replicas meet the seed's table: production 3 or more, dev and staging 2",
  severity: 'warning',
  check(model, report) {
    for (const env of model.environments) {
      const min = env.production ? PRODUCTION_MIN : NON_PRODUCTION_MIN[env.name];
      if (env.replicas !== null && min !== undefined && env.replicas < min) {
        report(
          ['environments', env.name, 'replicas'],
          `environment "${env.name}" runs ${env.replicas} replica${env.replicas === 1 ? '' : 's'}, under the ${min} the deployment table asks for${env.production ? ' in production' : ''}; set "replicas: ${min}"`,
        );
      }
    }
  },
};
