// Promotions ("after") form chains, never cycles: in a cycle no environment can deploy first.
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'promotion-cycle',
  description: 'promotions ("after") do not form a cycle',
  severity: 'error',
  check(model, report) {
    const after = new Map(model.environments.map((e) => [e.name, e.after]));
    for (const env of model.environments) {
      const chain = [env.name];
      for (let next = env.after; next !== null && after.has(next); next = after.get(next) ?? null) {
        if (next === env.name) {
          report(
            ['environments', env.name, 'after'],
            `environment "${env.name}" is promoted in a cycle (${[...chain, env.name].join(' -> ')}); remove "after" from the one that should deploy first`,
          );
          break;
        }
        if (chain.includes(next)) break;
        chain.push(next);
      }
    }
  },
};
