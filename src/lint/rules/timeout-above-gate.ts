// The seed's performance gates: build under 10 minutes, deployment under 5, health check under 30 seconds.
import type { Rule } from '../rule.js';
import { durationSeconds } from '../../core/durations.js';

const GATES = { build: '10m', deploy: '5m', healthCheck: '30s' } as const;

export const rule: Rule = {
  id: 'timeout-above-gate',
  description: "timeouts stay within the seed's gates (build 10m, deploy 5m, health check 30s)",
  severity: 'warning',
  check(model, report) {
    for (const [name, gate] of Object.entries(GATES) as Array<[keyof typeof GATES, string]>) {
      const value = model.gates.timeouts[name];
      if (durationSeconds(value) > durationSeconds(gate)) {
        report(
          ['gates', 'timeouts', name],
          `"gates.timeouts.${name}" is ${value}, above the ${gate} quality gate; make the ${name === 'healthCheck' ? 'health check' : name} faster and set ${gate} or less`,
        );
      }
    }
    for (const env of model.environments) {
      const timeout = env.healthCheck?.timeout;
      if (timeout && timeout !== model.gates.timeouts.healthCheck && durationSeconds(timeout) > durationSeconds(GATES.healthCheck)) {
        report(
          ['environments', env.name, 'healthCheck', 'timeout'],
          `the health check of "${env.name}" may take ${timeout}, above the ${GATES.healthCheck} quality gate; set ${GATES.healthCheck} or less`,
        );
      }
    }
  },
};
