// Checks the `lint.rules` section itself: a severity set for an id that no rule has would silently do nothing.
import { didYouMean } from '../config/suggest.js';
import type { Model } from '../config/model.js';
import type { JsonPath } from '../core/diagnostic.js';

export const UNKNOWN_RULE = 'unknown-rule';

export function unknownRuleSettings(model: Model, knownIds: string[]): Array<{ path: JsonPath; message: string }> {
  return Object.keys(model.lint.rules)
    .filter((id) => !knownIds.includes(id))
    .map((id) => {
      if (id === 'policy')
        return { path: ['lint', 'rules', id], message: '"policy" findings cannot be configured: they enforce the platform\'s policy; remove the key' };
      if (id === 'org-lock')
        return { path: ['lint', 'rules', id], message: '"org-lock" findings cannot be configured: they enforce the org defaults\' locks; remove the key' };
      const suggestion = didYouMean(id, knownIds);
      return {
        path: ['lint', 'rules', id],
        message: `"${id}" is not a rule id${suggestion ? `; did you mean "${suggestion}"?` : '; see docs/rules/README.md for the ids'}`,
      };
    });
}

/** A severity set for a rule that cannot be configured (gen refuses what it finds) would be ignored: say so. */
export function fixedRuleSettings(model: Model, fixedIds: string[]): Array<{ path: JsonPath; message: string }> {
  return Object.keys(model.lint.rules)
    .filter((id) => fixedIds.includes(id) && model.lint.rules[id] !== 'error')
    .map((id) => ({ path: ['lint', 'rules', id], message: `"${id}" cannot be turned down: gen cannot write a Jenkinsfile that breaks it; remove the key` }));
}
