// Secrets never appear in pipeline.yaml: only Jenkins credential IDs do. Finds tokens, keys and password-like values.
import type { Rule } from '../rule.js';
import { strings } from '../support/raw.js';

const PATTERNS: Array<{ what: string; pattern: RegExp }> = [
  { what: 'an AWS access key', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: 'a GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { what: 'a Slack webhook URL', pattern: /hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/ },
  { what: 'a private key', pattern: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/ },
];

/** Keys whose values are secrets by name; IDs, names and paths of secrets are not. */
const SECRET_KEY = /(password|passwd|pwd|token|secret|api[-_]?key|private[-_]?key|access[-_]?key)/i;
const REFERENCE_KEY = /(id|ids|name|file|path|variable|var|env|ref)$/i;

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

const looksLikePassword = (value: string): boolean =>
  value.length >= 8 && !/\s/.test(value) && !value.includes('$') && entropy(value) >= 3;

export const rule: Rule = {
  id: 'secret-in-config',
  description: 'no secret values (tokens, keys, passwords) in the file; only Jenkins credential IDs',
  severity: 'error',
  check(_model, report, raw) {
    for (const { path, key, value } of strings(raw)) {
      const found = PATTERNS.find((p) => p.pattern.test(value))?.what ?? (SECRET_KEY.test(key) && !REFERENCE_KEY.test(key) && looksLikePassword(value) ? `a secret under "${key}"` : null);
      if (found) report(path, `this looks like ${found}; remove it, revoke it, store it as a Jenkins credential and name its ID in a "credentialsId" field`);
    }
  },
};
