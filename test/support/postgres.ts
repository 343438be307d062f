// A real, throwaway PostgreSQL server on loopback for helper tests: initdb in a temp folder, a free port, password auth over TCP, bounded waits.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { accessSync, chownSync, closeSync, constants, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PgServer {
  host: '127.0.0.1';
  port: number;
  /** The folder with initdb, postgres, pg_dump, pg_restore and psql. */
  binDir: string;
  /** The temp folder holding data, socket and log; removed by stop(). */
  root: string;
  /** Runs SQL as the superuser over the Unix socket; returns psql's unaligned, tuples-only output. */
  sql(database: string, text: string): string;
  stop(): Promise<void>;
}

const STEP_TIMEOUT_MS = 60_000;

/** The PostgreSQL server binaries: `pg_config --bindir`, else the newest Debian versioned folder. A missing server fails the test. */
export function findServerBin(): string {
  const r = spawnSync('pg_config', ['--bindir'], { encoding: 'utf8', timeout: 10_000 });
  const fromConfig = r.status === 0 ? r.stdout.trim() : '';
  if (fromConfig && existsSync(join(fromConfig, 'initdb'))) return fromConfig;
  const debian = '/usr/lib/postgresql';
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => existsSync(join(debian, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions[0]) return join(debian, versions[0], 'bin');
  throw new Error('PostgreSQL server binaries not found (initdb); run scripts/install-test-deps.sh (Debian: apt-get install postgresql)');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function postgresUser(): { uid: number; gid: number } {
  const id = (flag: string): number => Number(spawnSync('id', [flag, 'postgres'], { encoding: 'utf8', timeout: 10_000 }).stdout.trim());
  const uid = id('-u');
  const gid = id('-g');
  if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('no "postgres" user to run the server as (initdb refuses root)');
  return { uid, gid };
}

/** initdb and postgres refuse to run as root: as root, run them as the postgres user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

/** Debian's ssl-cert snakeoil pair (scripts/install-test-deps.sh makes it); the key is root:ssl-cert 0640, which PostgreSQL accepts. */
export const SNAKEOIL = { cert: '/etc/ssl/certs/ssl-cert-snakeoil.pem', key: '/etc/ssl/private/ssl-cert-snakeoil.key' };

/** The server options that turn TLS on, after checking the server's user can read the key (a failure names the fix). */
function tlsSettings(): string[] {
  for (const file of [SNAKEOIL.cert, SNAKEOIL.key]) {
    if (!existsSync(file))
      throw new Error(`${file} is missing; run scripts/install-test-deps.sh (Debian: apt-get install ssl-cert; make-ssl-cert generate-default-snakeoil)`);
  }
  const readable =
    process.getuid?.() === 0
      ? spawnSync('runuser', ['-u', 'postgres', '--', 'test', '-r', SNAKEOIL.key], { timeout: 10_000 }).status === 0
      : (() => {
          try {
            accessSync(SNAKEOIL.key, constants.R_OK);
            return true;
          } catch {
            return false;
          }
        })();
  if (!readable) throw new Error(`the PostgreSQL server's user cannot read ${SNAKEOIL.key}; add it to the ssl-cert group (adduser postgres ssl-cert)`);
  return ['-c', 'ssl=on', '-c', `ssl_cert_file=${SNAKEOIL.cert}`, '-c', `ssl_key_file=${SNAKEOIL.key}`];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `tls` (default on): the server offers TLS with the snakeoil certificate, as the helpers require by default. */
export async function startPostgres(options: { tls?: boolean } = {}): Promise<PgServer> {
  const binDir = findServerBin();
  const tls = (options.tls ?? true) ? tlsSettings() : ['-c', 'ssl=off'];
  const root = mkdtempSync(join(tmpdir(), 'pw-pg-'));
  const data = join(root, 'data');
  const socketDir = join(root, 'sock');
  mkdirSync(socketDir);
  if (process.getuid?.() === 0) {
    const { uid, gid } = postgresUser();
    for (const path of [root, socketDir]) chownSync(path, uid, gid);
  }
  const [initCommand, initArgs] = asServerUser(join(binDir, 'initdb'), [
    '-D',
    data,
    '-U',
    'postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--no-sync',
    '-E',
    'UTF8',
    '--locale=C',
  ]);
  const init = spawnSync(initCommand, initArgs, { encoding: 'utf8', timeout: STEP_TIMEOUT_MS, killSignal: 'SIGKILL' });
  if (init.status !== 0) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`initdb failed (${init.status ?? init.signal}): ${init.stderr || init.error?.message}`);
  }
  const port = await freePort();
  const logPath = join(root, 'server.log');
  const logFd = openSync(logPath, 'a');
  const [serverCommand, serverArgs] = asServerUser(join(binDir, 'postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-k',
    socketDir,
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'fsync=off',
    '-c',
    'full_page_writes=off',
    ...tls,
  ]);
  const child: ChildProcess = spawn(serverCommand, serverArgs, { stdio: ['ignore', logFd, logFd] });
  closeSync(logFd);
  let exited = false;
  child.on('exit', () => (exited = true));

  const postmasterPid = (): number | null => {
    try {
      return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
    } catch {
      return null;
    }
  };
  const kill = (signal: NodeJS.Signals): void => {
    for (const pid of [postmasterPid(), child.pid]) {
      if (!pid) continue;
      try {
        process.kill(pid, signal);
      } catch {
        // already gone
      }
    }
  };
  // Whatever happens to the test, the server does not outlive it.
  const onExit = (): void => kill('SIGKILL');
  process.on('exit', onExit);

  const sql = (database: string, text: string): string => {
    const r = spawnSync(
      join(binDir, 'psql'),
      ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-At', '-h', socketDir, '-p', String(port), '-U', 'postgres', '-d', database, '-c', text],
      {
        encoding: 'utf8',
        timeout: STEP_TIMEOUT_MS,
        killSignal: 'SIGKILL',
      },
    );
    if (r.status !== 0) throw new Error(`psql failed (${r.status ?? r.signal}): ${r.stderr || r.error?.message}`);
    return r.stdout.trim();
  };

  const stop = async (): Promise<void> => {
    // SIGINT is PostgreSQL's fast shutdown; runuser does not forward signals, so the postmaster gets it directly.
    kill('SIGINT');
    const deadline = Date.now() + 30_000;
    while (!exited && Date.now() < deadline) await sleep(50);
    if (!exited) kill('SIGKILL');
    process.off('exit', onExit);
    rmSync(root, { recursive: true, force: true });
  };

  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    if (exited) {
      const log = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
      rmSync(root, { recursive: true, force: true });
      throw new Error(`postgres exited during start-up:\n${log}`);
    }
    const ready = spawnSync(join(binDir, 'pg_isready'), ['-q', '-h', '127.0.0.1', '-p', String(port), '-t', '2'], { timeout: 10_000 });
    if (ready.status === 0) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`postgres did not accept connections on 127.0.0.1:${port} within ${STEP_TIMEOUT_MS} ms`);
    }
    await sleep(100);
  }
  return { host: '127.0.0.1', port, binDir, root, sql, stop };
}
