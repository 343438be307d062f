// Issue #16 item 9: backups are keyed by app, environment and database. Another pipeline's backup of database "evil" under the same app and environment neither prunes the real backups nor gets restored into the real database.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runBundledHelper, tempDir, type HelperRun } from '../support/run-helper.js';
import { startPostgres, type PgServer } from '../support/postgres.js';

const PASSWORD = 'k3y-test-pw';
let server: PgServer;
let work: string;
let backups: string;

function helper(name: string, args: string[]): Promise<HelperRun> {
  return runBundledHelper(name, args, { PGUSER: 'app', PGPASSWORD: PASSWORD }, 120_000);
}

function backup(database: string, build: string, retention: number): Promise<HelperRun> {
  return helper('db-backup', [
    '--host',
    server.host,
    '--port',
    String(server.port),
    '--database',
    database,
    '--app',
    'orders-api',
    '--environment',
    'prod',
    '--build',
    build,
    '--dir',
    backups,
    '--retention',
    String(retention),
  ]);
}

function restore(selector: string): Promise<HelperRun> {
  return helper('db-restore', [
    '--host',
    server.host,
    '--port',
    String(server.port),
    '--database',
    'orders',
    '--environment',
    'prod',
    '--app',
    'orders-api',
    '--dir',
    backups,
    '--backup',
    selector,
    '--confirm',
    'orders',
  ]);
}

const rows = (database: string): string => server.sql(database, "SELECT string_agg(note, ',' ORDER BY note) FROM t");

test.before(async () => {
  server = await startPostgres().catch((error: Error) => {
    process.stderr.write(`cannot start PostgreSQL: ${error.message}\n`);
    throw error;
  });
  work = tempDir('pw-db-keys-');
  backups = join(work, 'backups');
  mkdirSync(backups);
  server.sql('postgres', `CREATE ROLE app LOGIN PASSWORD '${PASSWORD}'`);
  for (const [database, note] of [
    ['orders', 'real-order'],
    ['evil', 'planted-by-another-pipeline'],
  ]) {
    server.sql('postgres', `CREATE DATABASE ${database} OWNER app`);
    server.sql(database, `SET ROLE app; CREATE TABLE t (note text); INSERT INTO t VALUES ('${note}')`);
  }
});

test.after(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

test('the attack from the issue: an "evil" backup with --retention 1 keeps the real backups, and restore latest restores database "orders"', async () => {
  for (const build of ['1', '2']) {
    const r = await backup('orders', build, 7);
    assert.is(r.code, 0, r.stderr);
  }
  const evil = await backup('evil', '3', 1);
  assert.is(evil.code, 0, evil.stderr);
  assert.equal(evil.result.deleted, [], 'retention of database "evil" deleted nothing of database "orders"');
  assert.is(evil.result.kept, 1);
  assert.is(readdirSync(backups).filter((f) => f.endsWith('.dump')).length, 3, 'all three backups remain');

  server.sql('orders', 'DELETE FROM t');
  const r = await restore('latest');
  assert.is(r.code, 0, r.stderr);
  assert.is(r.result.sourceDatabase, 'orders');
  assert.match(r.result.backup, /_b2$/, 'latest means the newest backup of database "orders", not the newer one of "evil"');
  assert.is(rows('orders'), 'real-order');
});

test('restore refuses a named backup of another database, clearly, and leaves the target alone', async () => {
  const list = await helper('db-list', ['--dir', backups, '--app', 'orders-api', '--environment', 'prod']);
  assert.is(list.code, 0, list.stderr);
  const evilName = (list.result.backups as Array<{ name: string; database: string }>).find((b) => b.database === 'evil')!.name;
  const r = await restore(evilName);
  assert.is(r.code, 1, r.stderr);
  assert.match(r.stderr, new RegExp(`backup "${evilName}" is of database "evil", not "orders"; refusing to restore it into "orders"`));
  assert.is(rows('orders'), 'real-order');
});

test('retention of database "orders" counts and deletes only backups of "orders"', async () => {
  const r = await backup('orders', '4', 1);
  assert.is(r.code, 0, r.stderr);
  assert.is(r.result.kept, 1);
  assert.equal((r.result.deleted as string[]).map((n) => n.replace(/^.*_b/, 'b')).sort(), ['b1', 'b2']);
  const left = readdirSync(backups)
    .filter((f) => f.endsWith('.dump'))
    .map((f) => f.replace(/^.*_b(\d+)\.dump$/, 'b$1'))
    .sort();
  assert.equal(left, ['b3', 'b4'], 'the "evil" backup b3 is still there');
  const listed = await helper('db-list', ['--dir', backups, '--app', 'orders-api', '--environment', 'prod', '--database', 'orders']);
  assert.is(listed.code, 0, listed.stderr);
  assert.equal(
    (listed.result.backups as Array<{ build: string }>).map((b) => b.build),
    ['4'],
  );
});

test.run();
