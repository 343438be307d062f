// Critical vulnerabilities always block a deployment (the seed's security gate).
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'trivy-critical-missing',
  description: 'the Trivy gate fails on CRITICAL',
  severity: 'error',
  check(model, report) {
    const { enabled, failOn } = model.security.trivy;
    // An empty or LOW-only list is trivy-gate-never-fails' finding.
    if (!model.image || !enabled || failOn.includes('CRITICAL') || !failOn.some((s) => s === 'HIGH' || s === 'MEDIUM')) return;
    report(['security', 'trivy', 'failOn'], `"security.trivy.failOn" lets CRITICAL vulnerabilities through; add CRITICAL`);
  },
};
