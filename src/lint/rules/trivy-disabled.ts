// An image that is published is scanned first (the seed: critical vulnerabilities block deployment).
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'trivy-disabled',
  description: 'the Trivy scan runs whenever an image is built',
  severity: 'error',
  check(model, report) {
    if (model.image && !model.security.trivy.enabled) {
      report(['security', 'trivy', 'enabled'], 'the image is published without a Trivy scan; remove "enabled: false" from "security.trivy"');
    }
  },
};
