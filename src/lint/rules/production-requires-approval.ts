// A production environment deploys only after a person approves it (the seed: main -> prod, approval required).
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'production-requires-approval',
  description: 'production environments (flagged, or named prod or production) deploy only after an approval',
  severity: 'error',
  check(model, report, raw) {
    const written = (raw.environments ?? {}) as Record<string, { autoDeploy?: boolean }>;
    for (const env of model.environments) {
      // An explicit autoDeploy: true is production-auto-deploy's finding.
      if (env.production && env.approval === null && written[env.name]?.autoDeploy !== true) {
        report(['environments', env.name], `environment "${env.name}" is production but deploys without approval; add an "approval" block with "submitters"`);
      }
    }
  },
};
