// Pushing to a registry needs a Jenkins credential; without one the push fails, or relies on whatever the agent has.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'registry-credentials-missing',
  description: 'the image registry names a Jenkins credential for the push',
  severity: 'error',
  check(model, report) {
    const registry = model.image?.registry;
    if (registry && registry.credentialsId === null) {
      const kind = registry.type === 'ecr' ? 'an AWS credential' : 'a username/password credential';
      report(['image', 'registry'], `registry "${registry.url}" has no "credentialsId"; add the ID of ${kind} stored in Jenkins`);
    }
  },
};
