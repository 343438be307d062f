// Issue #16 item 6 (PostgreSQL): the database helpers connect with TLS required unless --sslmode explicitly allows cleartext; a real server with Debian's snakeoil certificate is accepted, one without TLS is refused clearly.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runBundledHelper, tempDir, type HelperRun } from '../support/run-helper.js';
import { startPostgres, type PgServer } from '../support/postgres.js';

const PASSWORD = 'tls-test-pw';
let withTls: PgServer;
let withoutTls: PgServer;
let work: string;
let backups: string;
let build = 0;

function backup(server: PgServer, extra: string[] = [], env: Record<string, string> = {}): Promise<HelperRun> {
  return runBundledHelper(
    'db-backup',
    [
      '--host',
      server.host,
      '--port',
      String(server.port),
      '--database',
      'orders',
      '--app',
      'orders-api',
      '--environment',
      'prod',
      '--build',
      String(++build),
      '--dir',
      backups,
      ...extra,
    ],
    { PGUSER: 'app', PGPASSWORD: PASSWORD, ...env },
    120_000,
  );
}

function prepare(server: PgServer): void {
  server.sql('postgres', `CREATE ROLE app LOGIN PASSWORD '${PASSWORD}'`);
  server.sql('postgres', 'CREATE DATABASE orders OWNER app');
  server.sql('orders', "SET ROLE app; CREATE TABLE t (note text); INSERT INTO t VALUES ('row')");
}

test.before(async () => {
  const start = (tls: boolean) =>
    startPostgres({ tls }).catch((error: Error) => {
      process.stderr.write(`cannot start PostgreSQL (tls ${tls}): ${error.message}\n`);
      throw error;
    });
  withTls = await start(true);
  withoutTls = await start(false);
  work = tempDir('pw-db-tls-');
  backups = join(work, 'backups');
  mkdirSync(backups);
  prepare(withTls);
  prepare(withoutTls);
  // The TLS server rejects every connection over TCP that is not encrypted, so a success proves the helper used TLS.
  const hba = join(withTls.root, 'data', 'pg_hba.conf');
  writeFileSync(hba, `hostnossl all all 0.0.0.0/0 reject\n${readFileSync(hba, 'utf8')}`);
  withTls.sql('postgres', 'SELECT pg_reload_conf()');
});

test.after(async () => {
  await withTls?.stop();
  await withoutTls?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('a server with TLS on (snakeoil certificate) is accepted by default, over an encrypted connection', async () => {
  const r = await backup(withTls);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /backed up database "orders"/);
});

test('a server without TLS is refused by default with a clear message, and nothing is written', async () => {
  const before = readdirSync(backups).sort();
  const r = await backup(withoutTls);
  assert.is(r.code, 1, r.stderr);
  assert.match(
    r.stderr,
    /the database server does not offer TLS, and connections require it \(--sslmode require\); turn ssl on at the server, or pass --sslmode disable/,
  );
  assert.is(r.result.tls, 'refused');
  assert.equal(readdirSync(backups).sort(), before);
});

test('the agent environment cannot weaken the mode: PGSSLMODE=disable and a PGSERVICE are ignored', async () => {
  const service = join(work, 'pg_service.conf');
  writeFileSync(service, '[weak]\nsslmode=disable\n');
  const r = await backup(withoutTls, [], { PGSSLMODE: 'disable', PGSERVICEFILE: service, PGSERVICE: 'weak' });
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, /does not offer TLS/);
});

test('--sslmode disable is the explicit opt-out: the same server is then accepted', async () => {
  const r = await backup(withoutTls, ['--sslmode', 'disable']);
  assert.is(r.code, 0, r.stderr);
  const bad = await backup(withTls, ['--sslmode', 'sometimes']);
  assert.is(bad.code, 2);
  assert.match(bad.stderr, /--sslmode "sometimes" is not one of require, verify-ca, verify-full, prefer, allow, disable/);
});

test.run();
