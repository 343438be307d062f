// An environment without a manifest bumps nothing, yet would sync Argo CD, check health and announce a deployment.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'environment-manifest-missing',
  description: 'every environment names its "manifest", or says "deploy: none" explicitly',
  severity: 'error',
  check(model, report) {
    for (const env of model.environments) {
      if (env.deploy === 'gitops' && env.manifest === null) {
        report(
          ['environments', env.name],
          `environment "${env.name}" has no "manifest", so nothing would be deployed, yet Argo CD would be synced and a deployment announced; add "manifest: <file in the manifests repository>", or "deploy: none" if it deploys nothing`,
        );
      } else if (env.deploy === 'none' && env.manifest !== null) {
        report(
          ['environments', env.name, 'manifest'],
          `environment "${env.name}" says "deploy: none" yet names a manifest, which would never be bumped; remove "manifest" or "deploy: none"`,
        );
      }
    }
  },
};
