// Secret masking: every known secret value is replaced by "****" in all text a helper prints or writes.

const MASK = '****';
const secrets = new Set<string>();

/** Environment variables whose values are always treated as secrets (Jenkins credential bindings use such names). */
const SECRET_ENV_NAME = /(TOKEN|PASSWORD|PASSWD|SECRET|WEBHOOK|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i;

/** The body of a JSON string literal holding `text` (what a JSON document, ours or a server's, shows of it). */
const jsonEscaped = (text: string): string => JSON.stringify(text).slice(1, -1);

/**
 * Every form a secret can take in text a helper prints or writes: raw; JSON-escaped once (our result file, a server's
 * JSON error) and twice (a server's JSON quoting a request body that was JSON); JSON with `<`, `>`, `&` and `'` as
 * \u escapes (Go's encoding/json, which Argo CD answers with); URL-encoded (upper- and lower-case hex, and the
 * form encoding that writes a space as `+`); base64 (basic auth headers).
 */
export function secretEncodings(value: string): string[] {
  const uri = encodeURIComponent(value);
  const json = jsonEscaped(value);
  return [
    value,
    json,
    jsonEscaped(json),
    json.replace(/[<>&']/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`),
    uri,
    uri.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase()),
    new URLSearchParams([['', value]]).toString().slice(1),
    Buffer.from(value).toString('base64'),
  ];
}

/** Registers a value to mask, in every encoding; values shorter than 4 characters would mask ordinary text, so they are refused. */
export function addSecret(value: string | undefined | null): void {
  if (!value || value.length < 4) return;
  for (const form of secretEncodings(value)) secrets.add(form);
}

/** Registers the values of every environment variable whose name says it holds a secret, plus the names listed. */
export function addSecretsFromEnv(env: NodeJS.ProcessEnv = process.env, extraNames: string[] = []): void {
  for (const [name, value] of Object.entries(env)) {
    if (SECRET_ENV_NAME.test(name) || extraNames.includes(name)) addSecret(value);
  }
}

/**
 * The environment without credentials: variables whose name says they hold a secret, and variables holding a
 * registered secret, are left out. For child processes that need no credential (git reading a workspace).
 */
export function withoutSecrets(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (SECRET_ENV_NAME.test(name) || (value !== undefined && value.length >= 4 && secrets.has(value))) continue;
    out[name] = value;
  }
  return out;
}

/** Returns text with every registered secret replaced; the longest first, so a secret containing another is masked whole. */
export function mask(text: string): string {
  if (secrets.size === 0) return text;
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  return out;
}

/**
 * At most `max` characters of server text for a message: masked first, then cut, so a cut can never leave the
 * beginning of a secret that mask() would no longer recognise.
 */
export function maskedExcerpt(text: string, max = 200): string {
  return mask(text.trim()).slice(0, max);
}

/** Routes process.stdout and process.stderr through mask(), so nothing printed can leak a registered secret. */
export function maskProcessOutput(): void {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) =>
      write(typeof chunk === 'string' ? mask(chunk) : Buffer.isBuffer(chunk) ? mask(chunk.toString('utf8')) : chunk, ...rest)) as typeof stream.write;
  }
}

/** Forgets every registered secret (tests only). */
export function clearSecrets(): void {
  secrets.clear();
}
