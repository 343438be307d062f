// The database helpers' argument contract without a server: usage errors exit 2, refusals exit 1, names and listings are stable.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, runCli } from '../support/cli.js';
import { backupName, readCatalog } from '../../src/helpers/db/catalog.js';
import { formatTable } from '../../src/helpers/db-list.js';

const dir = mkdtempSync(join(tmpdir(), 'pw-db-usage-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function helper(name: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(ROOT, 'dist', 'helpers', `${name}.cjs`), ...args], { encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const BACKUP = ['--host', '127.0.0.1', '--port', '1', '--database', 'shop', '--app', 'orders-api', '--environment', 'prod', '--build', '7', '--dir', dir];

test('backup names sort by time within an app and environment, and carry the build', () => {
  const earlier = backupName('orders-api', 'prod', '9', new Date('2026-01-02T03:04:05.006Z'));
  const later = backupName('orders-api', 'prod', '10', new Date('2026-01-02T03:04:05.007Z'));
  assert.is(earlier, 'orders-api_prod_20260102T030405.006Z_b9');
  assert.ok([later, earlier].sort()[0] === earlier);
});

test('missing or malformed options are usage errors (exit 2)', () => {
  for (const [args, message] of [
    [BACKUP.filter((a, i) => a !== '--host' && BACKUP[i - 1] !== '--host'), /missing required option --host/],
    [BACKUP.map((a) => (a === 'orders-api' ? 'Orders_API' : a)), /--app "Orders_API" must be lower-case letters, digits and dashes/],
    [BACKUP.map((a) => (a === '7' ? '../7' : a)), /--build "\.\.\/7" must be letters, digits, dots and dashes/],
    [[...BACKUP, '--retention', '0'], /--retention takes a whole number from 1 to 1000/],
    [[...BACKUP, '--password', 'x'], /Unknown option '--password'/],
  ] as const) {
    const r = helper('db-backup', [...args]);
    assert.is(r.code, 2, r.stderr);
    assert.match(r.stderr, message);
  }
});

test('a missing backup folder is refused before pg_dump runs (exit 1)', () => {
  const r = helper(
    'db-backup',
    BACKUP.map((a) => (a === dir ? join(dir, 'not-mounted') : a)),
  );
  assert.is(r.code, 1);
  assert.match(r.stderr, /backup folder ".*not-mounted" does not exist; mount the shared storage or create it/);
});

test('db-restore refuses a backup name that is not one, and an empty folder has no latest', () => {
  const base = ['--host', '127.0.0.1', '--database', 'shop', '--environment', 'prod', '--dir', dir, '--confirm', 'shop'];
  const traversal = helper('db-restore', [...base, '--backup', '../etc/passwd']);
  assert.is(traversal.code, 1);
  assert.match(traversal.stderr, /"\.\.\/etc\/passwd" is not a backup name; use "latest" or a name from db-list/);
  const none = helper('db-restore', [...base, '--backup', 'latest']);
  assert.is(none.code, 1);
  assert.match(none.stderr, /no backups of environment "prod", database "shop" in/);
});

test('the catalogue ignores JSON files and dumps db-backup did not write', () => {
  writeFileSync(join(dir, 'package.json'), '{"name":"x"}');
  writeFileSync(
    join(dir, 'orders-api_prod_20260102T030405.006Z_b9.json'),
    '{"format":"pipewright-db-backup/1","name":"orders-api_prod_20260102T030405.006Z_b9","file":"orders-api_prod_20260102T030405.006Z_b9.dump"}',
  );
  assert.equal(readCatalog(dir), [], 'a manifest without its dump is not a backup');
  const r = runCli(['helper', 'db-list', '--dir', dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^db-list: 0 backups in ".*"\n$/);
});

test('the listing table aligns its columns', () => {
  const row = {
    name: 'a_b_20260102T030405.006Z_b9',
    time: '2026-01-02T03:04:05.006Z',
    size: 1234,
    build: '9',
    app: 'a',
    env: 'b',
    database: 'd',
    sha256: 'x',
    file: 'f',
  };
  assert.is(
    formatTable([row, { ...row, build: '10', size: 5 }]),
    'NAME                         DATABASE  TIME (UTC)                SIZE  BUILD\n' +
      'a_b_20260102T030405.006Z_b9  d         2026-01-02T03:04:05.006Z  1234  9\n' +
      'a_b_20260102T030405.006Z_b9  d         2026-01-02T03:04:05.006Z  5     10\n',
  );
});

test.run();
