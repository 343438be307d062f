// What a secret looks like in pipeline.yaml, and masking so lint output never prints one back (at most 4 characters).
import { strings } from '../../core/raw.js';

/** Secrets recognisable by their shape, wherever they appear. */
export const SECRET_PATTERNS: Array<{ what: string; pattern: RegExp }> = [
  { what: 'an AWS access key', pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: 'a GitHub token', pattern: /\b(gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b/ },
  { what: 'a Slack token', pattern: /\bxox[abposr]-[A-Za-z0-9-]{10,}/ },
  { what: 'a Slack webhook URL', pattern: /hooks\.slack\.com\/services\/T[A-Za-z0-9]+\/B[A-Za-z0-9]+\/[A-Za-z0-9]+/ },
  { what: 'a private key', pattern: /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY( BLOCK)?-----/ },
];

/** Keys whose values are secrets by name; IDs, names and paths of secrets are not. */
const SECRET_KEY = /(password|passwd|pwd|token|secret|api[-_]?key|private[-_]?key|access[-_]?key)/i;
const REFERENCE_KEY = /(id|ids|name|file|path|variable|var|env|ref)$/i;

/** `scheme://userinfo@`: group 1 is the userinfo. */
export const URL_USERINFO = /\b[a-z][a-z0-9+.-]*:\/\/([^\s/@'"]+)@/i;

/** Shannon entropy in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const ch of text) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) bits -= (n / text.length) * Math.log2(n / text.length);
  return bits;
}

const looksLikePassword = (value: string): boolean => value.length >= 8 && !/\s/.test(value) && !value.includes('$') && entropy(value) >= 3;

/** A value under a key that names a secret (`password: ...`) and looks like one, not a reference to one. */
export const isSecretByKey = (key: string, value: string): boolean => SECRET_KEY.test(key) && !REFERENCE_KEY.test(key) && looksLikePassword(value);

const MASK = '****';

/** Shows at most the first 4 characters, and none of a short secret (4 of 8 would give half of it away). */
export const maskOne = (secret: string): string => (secret.length >= 16 ? secret.slice(0, 4) : '') + MASK;

/** Secret values of the config that no shape reveals (passwords under secret-named keys), to mask wherever they appear. */
export function secretValues(raw: unknown): string[] {
  if (raw === null || typeof raw !== 'object') return [];
  return strings(raw)
    .filter(({ key, value }) => isSecretByKey(key, value))
    .map(({ value }) => value);
}

const global = (pattern: RegExp): RegExp => new RegExp(pattern.source, `${pattern.flags.replace('g', '')}g`);
const SHAPES = SECRET_PATTERNS.filter((p) => p.what !== 'a private key').map((p) => global(p.pattern));
const USERINFO_PASSWORD = /(\b[a-z][a-z0-9+.-]*:\/\/[^\s/@'":]*:)([^\s/@'"]+)@/gi;

/** Text with every secret masked: known values of this config, token shapes, and passwords in URLs. */
export function maskSecrets(text: string, values: readonly string[] = []): string {
  let out = text;
  for (const value of [...values].sort((a, b) => b.length - a.length)) {
    if (out.includes(value)) out = out.split(value).join(maskOne(value));
  }
  for (const shape of SHAPES) out = out.replace(shape, maskOne);
  return out.replace(USERINFO_PASSWORD, (_all, before: string, password: string) =>
    password.includes('$') ? `${before}${password}@` : `${before}${maskOne(password)}@`,
  );
}
