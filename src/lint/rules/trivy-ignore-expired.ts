// An accepted vulnerability is accepted until a date; past it, the entry is stale and should go or be renewed.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'trivy-ignore-expired',
  description: 'entries in "security.trivy.ignore" have not expired',
  severity: 'warning',
  check(model, report, _raw, context) {
    model.security.trivy.ignore.forEach((entry, i) => {
      if (entry.until < context.today) {
        report(
          ['security', 'trivy', 'ignore', i, 'until'],
          `the exception for "${entry.id}" expired on ${entry.until} and no longer applies; remove it, or renew "until" after a fresh review`,
        );
      }
    });
  },
};
