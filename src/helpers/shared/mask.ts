// Secret masking: every known secret value is replaced by "****" in all text a helper prints or writes.

const MASK = '****';
const secrets = new Set<string>();

/** Environment variables whose values are always treated as secrets (Jenkins credential bindings use such names). */
const SECRET_ENV_NAME = /(TOKEN|PASSWORD|PASSWD|SECRET|WEBHOOK|API_?KEY|PRIVATE_?KEY|CREDENTIALS?)$/i;

/** Registers a value to mask; values shorter than 4 characters would mask ordinary text, so they are refused. */
export function addSecret(value: string | undefined | null): void {
  if (!value || value.length < 4) return;
  secrets.add(value);
  // A URL-encoded or base64 copy of a secret leaks it just as well (basic auth headers, URLs).
  secrets.add(encodeURIComponent(value));
  secrets.add(Buffer.from(value).toString('base64'));
}

/** Registers the values of every environment variable whose name says it holds a secret, plus the names listed. */
export function addSecretsFromEnv(env: NodeJS.ProcessEnv = process.env, extraNames: string[] = []): void {
  for (const [name, value] of Object.entries(env)) {
    if (SECRET_ENV_NAME.test(name) || extraNames.includes(name)) addSecret(value);
  }
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
