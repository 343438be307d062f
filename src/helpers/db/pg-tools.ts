// Runs the PostgreSQL client programs (pg_dump, pg_restore) with argument arrays, a time limit, and the password in a private passfile.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { HelperFailure } from '../shared/cli.js';
import { mask } from '../shared/mask.js';
import { cleanupOnSignal } from './on-signal.js';

export type PgTool = 'pg_dump' | 'pg_restore';

/** libpq sslmodes that refuse a server without TLS; `require` is the default (issue #16 item 6). */
export const TLS_MODES = ['require', 'verify-ca', 'verify-full'] as const;
/** Modes that let the password exchange and the data cross the network in cleartext: only by explicit choice. */
export const CLEARTEXT_MODES = ['prefer', 'allow', 'disable'] as const;
export type SslMode = (typeof TLS_MODES)[number] | (typeof CLEARTEXT_MODES)[number];

/** Where the server is; the credentials never travel here, only in the environment (PGUSER, PGPASSWORD or PGPASSFILE). */
export interface PgConnection {
  host: string;
  port: number;
  database: string;
  /** Absent means `require`. */
  sslmode?: SslMode;
}

/** Inherited libpq variables that could weaken or replace the sslmode (a service file may set its own); dropped. */
const TLS_OVERRIDING_ENV = ['PGSSLMODE', 'PGREQUIRESSL', 'PGSERVICE', 'PGSERVICEFILE', 'PGSSLNEGOTIATION'];

/** The folder holding pg_dump and pg_restore: the one given, else PATH, else `pg_config --bindir`, else the newest Debian versioned folder. */
export function findPgBin(given: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  if (given) {
    if (!existsSync(join(given, 'pg_dump'))) throw new HelperFailure(`no pg_dump in --pg-bin "${given}"`);
    return given;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, 'pg_dump'))) return dir;
  }
  const pgConfig = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8', timeout: 10_000 });
  const bindir = pgConfig.status === 0 ? pgConfig.stdout.trim() : '';
  if (bindir && existsSync(join(bindir, 'pg_dump'))) return bindir;
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v) && existsSync(join(debian, v, 'bin', 'pg_dump')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions.length) return join(debian, versions[0]!, 'bin');
  }
  throw new HelperFailure('pg_dump not found: install the PostgreSQL client (Debian: postgresql-client) or pass --pg-bin DIR');
}

/** libpq's passfile format: fields separated by ":", with "\" and ":" escaped by a backslash. */
function passfileField(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/:/g, '\\:');
}

export interface PgEnvironment {
  env: NodeJS.ProcessEnv;
  /** Removes the temporary passfile; safe to call twice. */
  dispose(): void;
}

/**
 * The child's environment: PGPASSWORD moves into a passfile (mode 0600, in a private temp folder) so the
 * long-running pg_dump or pg_restore does not carry the password in its environment either.
 */
export function pgEnvironment(env: NodeJS.ProcessEnv = process.env, sslmode: SslMode = 'require'): PgEnvironment {
  const childEnv: NodeJS.ProcessEnv = { ...env, PGCONNECT_TIMEOUT: env.PGCONNECT_TIMEOUT ?? '30' };
  for (const name of TLS_OVERRIDING_ENV) delete childEnv[name];
  // libpq reads sslmode from the environment; the option, not the agent's environment, decides it.
  childEnv.PGSSLMODE = sslmode;
  const password = env.PGPASSWORD;
  // A line break cannot be written into a passfile; such a password stays in PGPASSWORD.
  if (!password || /[\r\n]/.test(password)) return { env: childEnv, dispose: () => undefined };
  const dir = mkdtempSync(join(tmpdir(), 'pw-pgpass-'));
  const file = join(dir, 'pgpass');
  writeFileSync(file, `*:*:*:${passfileField(env.PGUSER ?? '*')}:${passfileField(password)}\n`, { mode: 0o600 });
  delete childEnv.PGPASSWORD;
  childEnv.PGPASSFILE = file;
  const remove = (): void => rmSync(dir, { recursive: true, force: true });
  const release = cleanupOnSignal(remove);
  return {
    env: childEnv,
    dispose() {
      release();
      remove();
    },
  };
}

/** The connection arguments: host, port and database only (never a user or password). */
export function connectionArgs(connection: PgConnection): string[] {
  return ['--host', connection.host, '--port', String(connection.port), '--dbname', connection.database, '--no-password'];
}

export interface PgRunOptions {
  bin: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

/** Runs a PostgreSQL program; resolves with its stdout, or throws a HelperFailure quoting its (masked) stderr. */
export function runPgTool(tool: PgTool, args: string[], options: PgRunOptions): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(options.bin, tool), args, { env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (d: Buffer) => out.push(d));
    // Keep the end of stderr: with --exit-on-error the decisive line is the last one.
    child.stderr.on('data', (d: Buffer) => (err = (err + d.toString('utf8')).slice(-8192)));
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs);
    const release = cleanupOnSignal(() => child.kill('SIGKILL'));
    child.on('error', (error) => {
      clearTimeout(timer);
      release();
      reject(new HelperFailure(`${tool} could not start: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      release();
      if (code === 0) return resolve(Buffer.concat(out).toString('utf8'));
      const why = timedOut ? `timed out after ${Math.round(options.timeoutMs / 1000)} s` : signal ? `was killed by ${signal}` : `failed (exit ${code})`;
      const detail = mask(err.trim().split('\n').slice(-5).join('\n'));
      if (/server does not support SSL, but SSL was required/.test(err)) {
        const why =
          `${tool} refused to connect: the database server does not offer TLS, and connections require it (--sslmode ${options.env.PGSSLMODE ?? 'require'}); ` +
          'turn ssl on at the server, or pass --sslmode disable where cleartext is acceptable (the password exchange and the data then cross the network unencrypted)';
        return reject(new HelperFailure(why, { tool, toolExitCode: code, tls: 'refused' }));
      }
      reject(new HelperFailure(`${tool} ${why}${detail ? `: ${detail}` : ''}`, { tool, toolExitCode: code }));
    });
  });
}

/** The program's version line, e.g. "pg_dump (PostgreSQL) 15.18". */
export async function pgToolVersion(tool: PgTool, options: PgRunOptions): Promise<string> {
  return (await runPgTool(tool, ['--version'], { ...options, timeoutMs: Math.min(options.timeoutMs, 30_000) })).trim();
}
