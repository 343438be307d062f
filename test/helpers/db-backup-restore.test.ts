// db-backup, db-restore and db-list end to end against a real PostgreSQL 15 on loopback, spawned as Jenkins runs them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { startPostgres, type PgServer } from '../support/postgres.js';

// ":" and "\" must survive the passfile's escaping; the password only ever travels in the environment.
const PASSWORD = 'S3cret-pa:ss\\word';
const HELPERS = join(ROOT, 'dist', 'helpers');

let server: PgServer;
let work: string;
let backups: string;
let wrapBin: string;
let argvLog: string;

interface HelperRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  result: Record<string, unknown> | null;
  resultText: string;
  args: string[];
}

let runCount = 0;
/** Spawns a bundled helper with node, as the Jenkins step does: credentials in the environment, never in argv. */
function helper(name: string, args: string[], env: NodeJS.ProcessEnv = { PGUSER: 'app', PGPASSWORD: PASSWORD }): HelperRun {
  const resultFile = join(work, `result-${++runCount}.json`);
  const fullArgs = [join(HELPERS, `${name}.cjs`), ...args, '--result', resultFile];
  const { PGPASSWORD: _, PGUSER: __, ...inherited } = process.env;
  const r = spawnSync(process.execPath, fullArgs, {
    env: { ...inherited, PW_PG_ARGV_LOG: argvLog, ...env },
    encoding: 'utf8',
    timeout: 120_000,
    killSignal: 'SIGKILL',
  });
  const resultText = existsSync(resultFile) ? readFileSync(resultFile, 'utf8') : '';
  return {
    code: r.status,
    signal: r.signal,
    stdout: r.stdout,
    stderr: r.stderr,
    result: resultText ? JSON.parse(resultText) : null,
    resultText,
    args: fullArgs,
  };
}

function connection(): string[] {
  return ['--host', server.host, '--port', String(server.port), '--database', 'shop', '--pg-bin', wrapBin];
}

function backup(build: number | string, retention = 3, env = 'prod'): HelperRun {
  return helper('db-backup', [
    ...connection(),
    '--app',
    'orders-api',
    '--environment',
    env,
    '--build',
    String(build),
    '--dir',
    backups,
    '--retention',
    String(retention),
  ]);
}

function restore(extra: string[]): HelperRun {
  return helper('db-restore', [...connection(), '--environment', 'prod', '--dir', backups, ...extra]);
}

/** Every row the test cares about, in one comparable string. */
function snapshot(): string {
  return (
    server.sql('shop', "SELECT string_agg(format('%s|%s|%s', id, customer, total), ',' ORDER BY id) FROM orders") +
    ' / ' +
    server.sql('shop', "SELECT coalesce((SELECT string_agg(name, ',' ORDER BY name) FROM customers), '<none>')")
  );
}

function tableExists(name: string): boolean {
  return server.sql('shop', `SELECT to_regclass('public.${name}') IS NOT NULL`) === 't';
}

/** What the wrapper pg_dump and pg_restore recorded: one record per run, argv and what the environment held. */
function recordedRuns(): Array<{ tool: string; args: string[]; pgpasswordSet: string; passfile: string; passfileMode: string }> {
  if (!existsSync(argvLog)) return [];
  return readFileSync(argvLog, 'utf8')
    .split('\nend\n')
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n');
      const value = (key: string): string => lines.find((l) => l.startsWith(`${key}=`))?.slice(key.length + 1) ?? '';
      return {
        tool: value('tool'),
        args: lines.filter((l) => l.startsWith('arg=')).map((l) => l.slice(4)),
        pgpasswordSet: value('pgpassword_set'),
        passfile: value('pgpassfile'),
        passfileMode: value('passfile_mode'),
      };
    });
}

function assertNoPassword(run: HelperRun): void {
  for (const [where, text] of [
    ['argv', run.args.join(' ')],
    ['stdout', run.stdout],
    ['stderr', run.stderr],
    ['result file', run.resultText],
  ] as const) {
    assert.not.ok(text.includes(PASSWORD), `the password appears in the helper's ${where}`);
  }
}

function ownBackups(): string[] {
  return readdirSync(backups)
    .filter((f) => f.startsWith('orders-api_prod_') && f.endsWith('.dump'))
    .sort();
}

test.before(async () => {
  // uvu does not print why a hook failed: say it, then fail every test (a missing PostgreSQL is a failure, never a skip).
  server = await startPostgres().catch((error: Error) => {
    process.stderr.write(`cannot start PostgreSQL: ${error.message}\n`);
    throw error;
  });
  work = mkdtempSync(join(tmpdir(), 'pw-db-test-'));
  backups = join(work, 'backups');
  mkdirSync(backups);
  // Wrappers that record how the helper calls pg_dump and pg_restore (argv, whether PGPASSWORD is set, the passfile's mode), then run the real ones.
  wrapBin = join(work, 'wrap-bin');
  argvLog = join(work, 'pg-argv.log');
  mkdirSync(wrapBin);
  for (const tool of ['pg_dump', 'pg_restore']) {
    writeFileSync(
      join(wrapBin, tool),
      [
        '#!/bin/sh',
        '{',
        `  printf 'tool=%s\\n' '${tool}'`,
        '  for a in "$@"; do printf \'arg=%s\\n\' "$a"; done',
        '  if [ -n "${PGPASSWORD+x}" ]; then echo pgpassword_set=yes; else echo pgpassword_set=no; fi',
        '  printf \'pgpassfile=%s\\n\' "${PGPASSFILE-}"',
        '  if [ -n "${PGPASSFILE-}" ]; then printf \'passfile_mode=%s\\n\' "$(stat -c %a "$PGPASSFILE")"; fi',
        '  echo end',
        '} >> "$PW_PG_ARGV_LOG"',
        `exec '${join(server.binDir, tool)}' "$@"`,
        '',
      ].join('\n'),
    );
    chmodSync(join(wrapBin, tool), 0o755);
  }
  server.sql('postgres', `CREATE ROLE app LOGIN PASSWORD '${PASSWORD.replace(/'/g, "''")}'`);
  server.sql('postgres', 'CREATE DATABASE shop OWNER app');
  server.sql(
    'shop',
    `SET ROLE app;
     CREATE TABLE customers (name text PRIMARY KEY);
     CREATE TABLE orders (id int PRIMARY KEY, customer text REFERENCES customers(name), total numeric(10,2) NOT NULL);
     INSERT INTO customers VALUES ('ada'), ('grace'), ('linus');
     INSERT INTO orders VALUES (1, 'ada', 10.50), (2, 'grace', 99.99), (3, 'linus', 0.01);`,
  );
});

test.after(async () => {
  await server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

let original = '';

test('db-backup writes a custom-format dump, its checksum and manifest, with the password only in a 0600 passfile', () => {
  original = snapshot();
  const r = backup(1);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /db-backup: backed up database "shop" on 127\.0\.0\.1:\d+ to orders-api_prod_\d{8}T\d{6}\.\d{3}Z_b1 /);
  const result = r.result!;
  assert.is(result.ok, true);
  assert.is(result.exitCode, 0);
  const name = String(result.backup);
  assert.match(name, /^orders-api_prod_\d{8}T\d{6}\.\d{3}Z_b1$/);
  const dump = readFileSync(join(backups, `${name}.dump`));
  assert.is(statSync(join(backups, `${name}.dump`)).mode & 0o007, 0, 'the dump holds production data: not world-readable');
  assert.is(dump.subarray(0, 5).toString('latin1'), 'PGDMP', 'pg_dump custom format starts with PGDMP');
  const sha256 = createHash('sha256').update(dump).digest('hex');
  assert.is(result.sha256, sha256);
  assert.is(result.size, dump.length);
  assert.is(readFileSync(join(backups, `${name}.sha256`), 'utf8'), `${sha256}  ${name}.dump\n`);
  const manifest = JSON.parse(readFileSync(join(backups, `${name}.json`), 'utf8'));
  assert.equal(
    { ...manifest, time: typeof manifest.time },
    {
      format: 'pipewright-db-backup/1',
      name,
      file: `${name}.dump`,
      size: dump.length,
      sha256,
      app: 'orders-api',
      env: 'prod',
      build: '1',
      time: 'string',
      database: 'shop',
      host: '127.0.0.1',
      port: server.port,
      pgDumpVersion: manifest.pgDumpVersion,
      tocEntries: manifest.tocEntries,
    },
  );
  assert.match(manifest.pgDumpVersion, /^pg_dump \(PostgreSQL\) \d+/);
  // Two tables with data, a primary key each and a foreign key: at least 7 entries in the archive.
  assert.ok(manifest.tocEntries >= 7, `tocEntries ${manifest.tocEntries}`);
  assert.is(result.time, manifest.time);
  // `sha256sum -c` verifies the backup by hand, as the documented manual procedure does.
  const check = spawnSync('sha256sum', ['-c', `${name}.sha256`], { cwd: backups, encoding: 'utf8', timeout: 30_000 });
  assert.is(check.status, 0, check.stderr);
  assert.is(readdirSync(backups).filter((f) => f.startsWith('.')).length, 0, 'no temp file left');

  assertNoPassword(r);
  const dumps = recordedRuns().filter((x) => x.tool === 'pg_dump' && !x.args.includes('--version'));
  assert.is(dumps.length, 1);
  const call = dumps[0]!;
  assert.ok(
    call.args.every((a) => !a.includes(PASSWORD) && !/^(-U|--username)/.test(a)),
    `pg_dump argv carries no credentials: ${call.args.join(' ')}`,
  );
  assert.ok(call.args.includes('--format=custom') && call.args.includes('--no-password'));
  assert.is(call.pgpasswordSet, 'no', 'the password reaches pg_dump through the passfile, not PGPASSWORD');
  assert.is(call.passfileMode, '600');
  assert.not.ok(existsSync(call.passfile), 'the passfile is removed afterwards');
});

test('db-restore --backup latest brings the original rows back after data was changed and dropped', () => {
  server.sql('shop', "UPDATE orders SET total = 0 WHERE id = 2; DELETE FROM orders WHERE id = 3; INSERT INTO orders VALUES (4, 'ada', 5)");
  server.sql('shop', 'DROP TABLE orders; DROP TABLE customers');
  assert.not.ok(tableExists('orders'));
  const r = restore(['--backup', 'latest', '--confirm', 'shop']);
  assert.is(r.code, 0, r.stderr);
  assert.is(snapshot(), original);
  assert.match(
    r.stdout,
    /db-restore: restored database "shop" on 127\.0\.0\.1:\d+ from orders-api_prod_\S+_b1 \(app orders-api, environment prod, build 1, taken /,
  );
  const result = r.result!;
  assert.is(result.restored, true);
  assert.is(result.verified, true);
  assert.is(result.build, '1');
  assert.is(result.sourceDatabase, 'shop');
  assertNoPassword(r);
  const restores = recordedRuns().filter((x) => x.tool === 'pg_restore' && !x.args.includes('--version') && !x.args.includes('--list'));
  assert.is(restores.length, 1);
  for (const flag of ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error']) assert.ok(restores[0]!.args.includes(flag), flag);
  assert.is(restores[0]!.pgpasswordSet, 'no');
  assert.ok(restores[0]!.args.every((a) => !a.includes(PASSWORD)));
});

test('db-restore refuses without the confirmation, or with the wrong one, and leaves the database alone', () => {
  server.sql('shop', 'UPDATE orders SET total = 1');
  const changed = snapshot();
  const before = recordedRuns().length;
  for (const extra of [[], ['--confirm', 'postgres']]) {
    const r = restore(['--backup', 'latest', ...extra]);
    assert.is(r.code, 1);
    assert.match(r.stderr, /refusing to restore backup "orders-api_prod_\S+" into database "shop" without confirmation; pass --confirm shop/);
    assert.is(r.result!.restored, false);
  }
  assert.is(recordedRuns().length, before, 'pg_restore never ran');
  assert.is(snapshot(), changed);
});

test('a corrupted backup (one flipped byte) is refused by its checksum before pg_restore runs', () => {
  const changed = snapshot();
  const name = String(
    JSON.parse(
      readFileSync(
        join(
          backups,
          readdirSync(backups).find((f) => f.endsWith('.json'))!,
        ),
        'utf8',
      ),
    ).name,
  );
  const dumpPath = join(backups, `${name}.dump`);
  const good = readFileSync(dumpPath);
  const bad = Buffer.from(good);
  bad[Math.floor(bad.length / 2)]! ^= 0x01;
  writeFileSync(dumpPath, bad);
  const before = recordedRuns().length;
  const r = restore(['--backup', 'latest', '--confirm', 'shop']);
  writeFileSync(dumpPath, good);
  assert.is(r.code, 1);
  assert.match(
    r.stderr,
    /backup "orders-api_prod_\S+_b1" failed verification: checksum mismatch \(sha256 [0-9a-f]{64}, expected [0-9a-f]{64}\); refusing to restore, the database was not touched/,
  );
  assert.is(r.result!.verified, false);
  assert.is(recordedRuns().length, before, 'pg_restore never ran');
  assert.is(snapshot(), changed);
  // --verify-only on the repaired file passes without touching anything.
  const v = restore(['--backup', 'latest', '--verify-only']);
  assert.is(v.code, 0, v.stderr);
  assert.is(v.result!.restored, false);
  assert.is(snapshot(), changed);
});

test('a dump pg_restore cannot finish changes nothing: the restore is one transaction', () => {
  const changed = snapshot();
  // A truncated dump whose manifest and checksum file agree with it: it passes verification, then pg_restore fails midway.
  const source = JSON.parse(
    readFileSync(
      join(
        backups,
        readdirSync(backups).find((f) => f.endsWith('.json'))!,
      ),
      'utf8',
    ),
  );
  const name = source.name.replace(/_b1$/, '_btruncated');
  const truncated = readFileSync(join(backups, source.file)).subarray(0, Math.floor(source.size - 10));
  const sha256 = createHash('sha256').update(truncated).digest('hex');
  writeFileSync(join(backups, `${name}.dump`), truncated);
  writeFileSync(join(backups, `${name}.sha256`), `${sha256}  ${name}.dump\n`);
  writeFileSync(join(backups, `${name}.json`), JSON.stringify({ ...source, name, file: `${name}.dump`, size: truncated.length, sha256, build: 'truncated' }));
  const r = restore(['--backup', name, '--confirm', 'shop']);
  for (const ext of ['dump', 'sha256', 'json']) rmSync(join(backups, `${name}.${ext}`));
  assert.is(r.code, 1, r.stdout);
  assert.match(
    r.stderr,
    /restoring "orders-api_prod_\S+_btruncated" into "shop" failed and nothing was changed \(pg_restore runs as one transaction\): pg_restore failed/,
  );
  assert.is(snapshot(), changed);
  assert.ok(tableExists('orders') && tableExists('customers'));
});

test('a wrong password fails clearly, masked, and leaves no partial backup', () => {
  const wrong = 'wrong-password-42';
  const before = readdirSync(backups).sort();
  const r = helper('db-backup', [...connection(), '--app', 'orders-api', '--environment', 'prod', '--build', '9', '--dir', backups], {
    PGUSER: 'app',
    PGPASSWORD: wrong,
  });
  assert.is(r.code, 1);
  assert.match(r.stderr, /pg_dump failed \(exit 1\): .*password authentication failed for user "app"/s);
  for (const text of [r.stdout, r.stderr, r.resultText]) assert.not.ok(text.includes(wrong));
  assert.equal(readdirSync(backups).sort(), before);
});

test('retention keeps exactly N backups of the app and environment, the newest, and nothing else is touched', () => {
  // Files retention must not touch: another environment's backup, and files db-backup did not make.
  assert.is(backup('s1', 1, 'staging').code, 0);
  writeFileSync(join(backups, 'hand-made.dump'), 'not ours');
  writeFileSync(join(backups, 'notes.json'), JSON.stringify({ name: 'orders-api_prod_20000101T000000.000Z_b0' }));
  for (const build of [2, 3, 4, 5]) {
    const r = backup(build, 3);
    assert.is(r.code, 0, r.stderr);
    assert.is(r.result!.kept, Math.min(3, build));
  }
  const kept = ownBackups();
  assert.is(kept.length, 3);
  assert.equal(
    kept.map((f) => /_b(\d+)\.dump$/.exec(f)![1]),
    ['3', '4', '5'],
  );
  for (const f of kept) for (const ext of ['.json', '.sha256']) assert.ok(existsSync(join(backups, f.replace(/\.dump$/, ext))));
  assert.is(readdirSync(backups).filter((f) => /_b[12]\./.test(f)).length, 0, 'the oldest backups went with their checksum and manifest');
  assert.ok(existsSync(join(backups, 'hand-made.dump')) && existsSync(join(backups, 'notes.json')));
  assert.is(readdirSync(backups).filter((f) => f.startsWith('orders-api_staging_')).length, 3);
});

test('db-list shows the backups newest first; db-restore restores one by name', () => {
  const r = helper('db-list', ['--dir', backups, '--app', 'orders-api', '--environment', 'prod']);
  assert.is(r.code, 0, r.stderr);
  const rows = r.result!.backups as Array<{ name: string; build: string; size: number; time: string }>;
  assert.equal(
    rows.map((b) => b.build),
    ['5', '4', '3'],
  );
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0]!, /^NAME\s+DATABASE\s+TIME \(UTC\)\s+SIZE\s+BUILD$/);
  assert.match(lines[1]!, new RegExp(`^${rows[0]!.name.replace(/\./g, '\\.')}\\s+shop\\s+${rows[0]!.time.replace(/\./g, '\\.')}\\s+${rows[0]!.size}\\s+5$`));
  assert.match(lines.at(-1)!, /^db-list: 3 backups of app "orders-api", environment "prod" in ".*"; latest orders-api_prod_\S+_b5$/);

  server.sql('shop', 'DELETE FROM orders');
  const byName = restore(['--backup', rows[2]!.name, '--confirm', 'shop']);
  assert.is(byName.code, 0, byName.stderr);
  assert.is(byName.result!.build, '3');
  assert.match(server.sql('shop', 'SELECT count(*) FROM orders'), /^3$/);

  const wrongEnv = helper('db-restore', [...connection(), '--environment', 'staging', '--dir', backups, '--backup', rows[0]!.name, '--confirm', 'shop']);
  assert.is(wrongEnv.code, 1);
  assert.match(wrongEnv.stderr, /backup "orders-api_prod_\S+" belongs to app "orders-api", environment "prod", not environment "staging"/);
});

test('secrets from the environment are masked in everything a helper prints or writes', () => {
  // A folder named like the password makes the helper print it; the foundation masks PGPASSWORD's value.
  const dir = join(work, PASSWORD);
  mkdirSync(dir);
  const r = helper('db-list', ['--dir', dir]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /db-list: 0 backups in ".*\*\*\*\*"/);
  assert.not.ok(r.stdout.includes(PASSWORD) || r.resultText.includes(PASSWORD));
});

test('an aborted backup (SIGTERM, as Jenkins sends) leaves no partial dump and no passfile', async () => {
  const slowBin = join(work, 'slow-bin');
  const marker = join(work, 'slow-started');
  mkdirSync(slowBin);
  // pg_dump that starts writing its file, says where its passfile is, then hangs.
  writeFileSync(
    join(slowBin, 'pg_dump'),
    [
      '#!/bin/sh',
      `[ "$1" = --version ] && exec '${join(server.binDir, 'pg_dump')}' "$@"`,
      'while [ "$#" -gt 0 ]; do if [ "$1" = --file ]; then echo partial > "$2"; fi; shift; done',
      // Written aside, then renamed: the test polls for the marker and must never read it half-written (empty).
      `printf '%s' "$PGPASSFILE" > '${marker}.tmp' && mv '${marker}.tmp' '${marker}'`,
      'exec sleep 60',
      '',
    ].join('\n'),
  );
  chmodSync(join(slowBin, 'pg_dump'), 0o755);
  const before = readdirSync(backups).sort();
  const child = spawn(
    process.execPath,
    [
      join(HELPERS, 'db-backup.cjs'),
      '--host',
      '127.0.0.1',
      '--port',
      String(server.port),
      '--database',
      'shop',
      '--app',
      'orders-api',
      '--environment',
      'prod',
      '--build',
      '77',
      '--dir',
      backups,
      '--pg-bin',
      slowBin,
    ],
    { env: { ...process.env, PGUSER: 'app', PGPASSWORD: PASSWORD }, stdio: 'ignore' },
  );
  const killer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  const deadline = Date.now() + 30_000;
  while (!existsSync(marker) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  assert.ok(existsSync(marker), 'the slow pg_dump started');
  assert.ok(
    readdirSync(backups).some((f) => f.endsWith('.partial')),
    'a partial file exists while pg_dump runs',
  );
  const passfile = readFileSync(marker, 'utf8');
  assert.ok(existsSync(passfile));
  child.kill('SIGTERM');
  const outcome = await exited;
  clearTimeout(killer);
  assert.is(outcome.signal, 'SIGTERM');
  assert.equal(readdirSync(backups).sort(), before);
  assert.not.ok(existsSync(passfile), 'the passfile is removed on abort');
});

test.run();
