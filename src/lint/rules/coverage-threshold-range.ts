// A coverage minimum is a percentage: below 0 it always passes, at 100 or above it can never pass.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'coverage-threshold-range',
  description: 'the coverage minimum is a percentage from 0 to below 100',
  severity: 'error',
  check(model, report) {
    const { enabled, min } = model.gates.coverage;
    if (!enabled || (min >= 0 && min < 100)) return;
    const effect = min < 0 ? 'every build passes' : 'no build can pass (the coverage must be above the minimum)';
    report(['gates', 'coverage', 'min'], `"gates.coverage.min" is ${min}, so ${effect}; set a percentage such as 80`);
  },
};
