// Manifest paths stay inside the manifests repository: the bump must not write anywhere else on the agent.
import type { Rule } from '../rule.js';
import { pathEscape } from '../support/paths.js';

export const rule: Rule = {
  id: 'manifest-path-unsafe',
  description: 'manifest paths are relative and stay inside the manifests repository',
  severity: 'error',
  check(model, report) {
    for (const env of model.environments) {
      const manifest = env.manifest;
      if (manifest === null) continue;
      const why = pathEscape(manifest);
      if (why) report(['environments', env.name, 'manifest'], `the manifest path of "${env.name}" ${why}; write it relative to the root of "gitops.repo"`);
    }
  },
};
