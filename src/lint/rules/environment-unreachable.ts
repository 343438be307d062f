// An environment promoted from one that can never deploy is never reached by any branch either.
import type { Rule } from '../rule.js';
import { neverMatchReason } from '../support/branches.js';
import type { Environment } from '../../config/model.js';

/** Why `env` itself can never deploy, judged on its own fields (the promotion rules report these at their source). */
function ownProblem(env: Environment, byName: Map<string, Environment>): boolean {
  if (neverMatchReason(env.branch)) return true;
  if (env.after === null) return false;
  const from = byName.get(env.after);
  return !from || from === env || from.branch !== env.branch;
}

export const rule: Rule = {
  id: 'environment-unreachable',
  description: 'every environment is reached by a branch: its promotion chain leads back to an environment that deploys',
  severity: 'warning',
  check(model, report) {
    const byName = new Map(model.environments.map((e) => [e.name, e]));
    for (const env of model.environments) {
      if (ownProblem(env, byName)) continue;
      const seen = new Set([env.name]);
      for (let up = env.after !== null ? byName.get(env.after) : undefined; up; up = up.after !== null ? byName.get(up.after) : undefined) {
        if (seen.has(up.name)) break; // a cycle: promotion-cycle reports it on every member
        seen.add(up.name);
        if (ownProblem(up, byName)) {
          report(
            ['environments', env.name, 'after'],
            `environment "${env.name}" can never deploy: it is promoted from "${up.name}", which no build reaches; fix "${up.name}" first`,
          );
          break;
        }
      }
    }
  },
};
