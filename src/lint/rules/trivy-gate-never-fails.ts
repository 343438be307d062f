// A Trivy gate with nothing (or only LOW) in failOn passes every image, like `--exit-code 0` or `|| true`.
import type { Rule } from '../rule.js';

const HARMLESS = new Set(['LOW', 'UNKNOWN']);

export const rule: Rule = {
  id: 'trivy-gate-never-fails',
  description: 'the Trivy gate fails on something more severe than LOW',
  severity: 'error',
  check(model, report) {
    const { enabled, failOn } = model.security.trivy;
    if (!model.image || !enabled || failOn.some((s) => !HARMLESS.has(s))) return;
    const what = failOn.length === 0 ? 'is empty' : `holds only ${failOn.join(' and ')}`;
    report(['security', 'trivy', 'failOn'], `"security.trivy.failOn" ${what}, so the scan can never fail the build; set it to [CRITICAL, HIGH]`);
  },
};
