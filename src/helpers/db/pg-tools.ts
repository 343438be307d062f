// Runs the PostgreSQL client programs (pg_dump, pg_restore) with argument arrays, a time limit, and the password in a private passfile.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { HelperFailure } from '../shared/cli.js';
import { mask } from '../shared/mask.js';
import { cleanupOnSignal } from './on-signal.js';

export type PgTool = 'pg_dump' | 'pg_restore';

/** Where the server is; the credentials never travel here, only in the environment (PGUSER, PGPASSWORD or PGPASSFILE). */
export interface PgConnection {
  host: string;
  port: number;
  database: string;
}

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
export function pgEnvironment(env: NodeJS.ProcessEnv = process.env): PgEnvironment {
  const childEnv: NodeJS.ProcessEnv = { ...env, PGCONNECT_TIMEOUT: env.PGCONNECT_TIMEOUT ?? '30' };
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
      reject(new HelperFailure(`${tool} ${why}${detail ? `: ${detail}` : ''}`, { tool, toolExitCode: code }));
    });
  });
}

/** The program's version line, e.g. "pg_dump (PostgreSQL) 15.18". */
export async function pgToolVersion(tool: PgTool, options: PgRunOptions): Promise<string> {
  return (await runPgTool(tool, ['--version'], { ...options, timeoutMs: Math.min(options.timeoutMs, 30_000) })).trim();
}
