// Secrets never appear in pipeline.yaml: only Jenkins credential IDs do. Finds tokens, keys and password-like values.
import type { Rule } from '../rule.js';
import { strings } from '../../core/raw.js';
import { isSecretByKey, SECRET_PATTERNS } from '../support/secrets.js';

export const rule: Rule = {
  id: 'secret-in-config',
  description: 'no secret values (tokens, keys, passwords) in the file; only Jenkins credential IDs',
  severity: 'error',
  check(_model, report, raw) {
    for (const string of strings(raw)) {
      const { key, value } = string;
      const found = SECRET_PATTERNS.find((p) => p.pattern.test(value))?.what ?? (isSecretByKey(key, value) ? `a secret under "${key}"` : null);
      if (found)
        report(string.path, `this looks like ${found}; remove it, revoke it, store it as a Jenkins credential and name its ID in a "credentialsId" field`);
    }
  },
};
