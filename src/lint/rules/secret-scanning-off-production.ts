// A production image is scanned for secrets baked into its layers (the seed: secrets management compliance).
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'secret-scanning-off-production',
  description: 'the Trivy scan looks for secrets when the image reaches production',
  severity: 'error',
  check(model, report) {
    const trivy = model.security.trivy;
    const prod = model.environments.find((e) => e.production);
    // With the scan off altogether, trivy-disabled reports it.
    if (!model.image || !prod || !trivy.enabled || trivy.scanners.includes('secret')) return;
    report(
      ['security', 'trivy', 'scanners'],
      `the image deploys to production ("${prod.name}") without a secret scan; add "secret" to "security.trivy.scanners"`,
    );
  },
};
