// "after" names an environment that exists.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'promotion-unknown-environment',
  description: '"after" names an environment defined in the file',
  severity: 'error',
  check(model, report) {
    const names = new Set(model.environments.map((e) => e.name));
    for (const env of model.environments) {
      if (env.after !== null && !names.has(env.after)) {
        report(
          ['environments', env.name, 'after'],
          `environment "${env.name}" is promoted from "${env.after}", which is not an environment; name one of: ${[...names].filter((n) => n !== env.name).join(', ') || 'none defined'}`,
        );
      }
    }
  },
};
