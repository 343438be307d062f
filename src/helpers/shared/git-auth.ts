// Git credentials from the environment only (GIT_USERNAME with GIT_PASSWORD or GIT_TOKEN), handed to git by a GIT_ASKPASS script in a private temp file: never in a URL or argv.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addSecret } from './mask.js';

/** The script reads the secret from its own environment when git asks; the file holds no secret. */
const ASKPASS_SCRIPT = `#!/bin/sh
case "$1" in
  Username*|username*) printf '%s\\n' "\${GIT_USERNAME:-x-access-token}" ;;
  *) printf '%s\\n' "\${GIT_PASSWORD:-$GIT_TOKEN}" ;;
esac
`;

export interface GitAuth {
  /** Environment for git: GIT_ASKPASS set, interactive prompts off, and the git credential the script hands over (git's environment holds no other). */
  env: NodeJS.ProcessEnv;
  /** Config arguments placed before the git subcommand: no stored credential helper may answer instead. */
  configArgs: string[];
  dispose(): void;
}

/** Throws when a URL carries a password or token, which would leak through process lists and logs. */
export function assertNoCredentialsInUrl(url: string): void {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return; // a path or scp-like address: no user info to leak
  }
  if (parsed.password) throw new Error('the repository URL carries a password or token; set GIT_USERNAME and GIT_PASSWORD (or GIT_TOKEN) instead');
}

/** Only the variables the askpass script reads, and only those set. */
function credentialEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return Object.fromEntries(['GIT_USERNAME', 'GIT_PASSWORD', 'GIT_TOKEN'].filter((name) => env[name] !== undefined).map((name) => [name, env[name]]));
}

export function gitAuthFromEnv(env: NodeJS.ProcessEnv = process.env): GitAuth {
  addSecret(env.GIT_PASSWORD);
  addSecret(env.GIT_TOKEN);
  const dir = mkdtempSync(join(tmpdir(), 'pw-askpass-'));
  const script = join(dir, 'askpass.sh');
  writeFileSync(script, ASKPASS_SCRIPT, { mode: 0o700 });
  chmodSync(script, 0o700);
  return {
    env: { GIT_ASKPASS: script, GIT_TERMINAL_PROMPT: '0', SSH_ASKPASS: script, ...credentialEnv(env) },
    configArgs: ['-c', 'credential.helper=', '-c', 'core.askPass=' + script],
    dispose: () => rmSync(dir, { recursive: true, force: true }),
  };
}
