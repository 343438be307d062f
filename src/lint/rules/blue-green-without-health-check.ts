// Blue-green switches traffic only when the new colour is healthy: without a health check it switches blind.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'blue-green-without-health-check',
  description: 'a blue-green environment has a health check',
  severity: 'error',
  check(model, report) {
    for (const env of model.environments) {
      if (env.strategy === 'blue-green' && env.healthCheck === null) {
        report(
          ['environments', env.name, 'strategy'],
          `environment "${env.name}" deploys blue-green without a health check, so traffic switches to an unchecked version; add "healthCheck.url"`,
        );
      }
    }
  },
};
