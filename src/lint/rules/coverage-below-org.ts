// The coverage gate is no weaker than the org's default (the seed's 80 when no org file is extended).
import type { Rule } from '../rule.js';
import { valueAt } from '../../core/raw.js';

export const SEED_COVERAGE_MIN = 80;

export const rule: Rule = {
  id: 'coverage-below-org',
  description: 'the coverage gate is on and its minimum is at least the org default (80 without one)',
  severity: 'warning',
  check(model, report, _raw, context) {
    const orgMin = valueAt(context.org?.values, ['gates', 'coverage', 'min']);
    const floor = typeof orgMin === 'number' ? orgMin : SEED_COVERAGE_MIN;
    const source = typeof orgMin === 'number' ? `org defaults "${context.org!.name}"` : 'the seed';
    const { enabled, min } = model.gates.coverage;
    if (!enabled && model.build.coverage !== null) {
      report(['gates', 'coverage', 'enabled'], `the coverage gate is off; remove "enabled: false" so coverage under ${floor}% fails the build`);
    } else if (enabled && min < floor && min >= 0) {
      report(['gates', 'coverage', 'min'], `"gates.coverage.min" is ${min}, below ${floor} from ${source}; raise it to ${floor}`);
    }
  },
};
