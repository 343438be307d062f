// Auto-deploy goes to non-production environments, or to production only as an approved promotion.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'production-auto-deploy',
  description: 'a production environment auto-deploys only as an approved promotion ("after" plus "approval")',
  severity: 'error',
  check(model, report, raw) {
    const written = (raw.environments ?? {}) as Record<string, { autoDeploy?: boolean }>;
    for (const env of model.environments) {
      if (!env.production || written[env.name]?.autoDeploy !== true || (env.after !== null && env.approval !== null)) continue;
      const fix = env.approval ? `add "after" naming the environment it is promoted from` : `remove "autoDeploy: true" and add an "approval" block`;
      report(['environments', env.name, 'autoDeploy'], `environment "${env.name}" is production and deploys automatically; ${fix}`);
    }
  },
};
