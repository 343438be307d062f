// Automatic rollback triggers on a failed health check; an environment without one is never rolled back.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'rollback-without-health-check',
  description: 'with automatic rollback on, every environment has a health check',
  severity: 'warning',
  check(model, report) {
    if (!model.rollback.automatic) return;
    for (const env of model.environments) {
      // blue-green-without-health-check reports blue-green environments.
      if (env.healthCheck === null && env.strategy !== 'blue-green') {
        report(['environments', env.name], `environment "${env.name}" has no health check, so automatic rollback never triggers there; add "healthCheck.url"`);
      }
    }
  },
};
