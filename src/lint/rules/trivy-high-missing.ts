// The seed's security gate is "no critical/high vulnerabilities": HIGH fails the build too.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'trivy-high-missing',
  description: 'the Trivy gate fails on HIGH',
  severity: 'warning',
  check(model, report) {
    const { enabled, failOn } = model.security.trivy;
    if (!model.image || !enabled || failOn.includes('HIGH') || !failOn.includes('CRITICAL')) return;
    report(
      ['security', 'trivy', 'failOn'],
      `"security.trivy.failOn" lets HIGH vulnerabilities through; add HIGH, or accept single findings in "security.trivy.ignore"`,
    );
  },
};
