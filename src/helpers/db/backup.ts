// Takes one backup: pg_dump (custom format) into a hidden temp file, then rename, checksum and manifest, then retention.
import { closeSync, existsSync, openSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../shared/atomic.js';
import { HelperFailure } from '../shared/cli.js';
import { MANIFEST_FORMAT, backupName, backupPaths, checksumFileText, pruneBackups, readCatalog, sha256File, type BackupManifest } from './catalog.js';
import { cleanupOnSignal } from './on-signal.js';
import { connectionArgs, findPgBin, pgEnvironment, pgToolVersion, runPgTool, type PgConnection } from './pg-tools.js';

/** Owner reads and writes, the group (operators restoring by hand) reads, nobody else. */
export const DUMP_MODE = 0o640;

export interface BackupOptions {
  connection: PgConnection;
  app: string;
  env: string;
  build: string;
  dir: string;
  /** How many backups of this app, environment and database to keep, the new one included. */
  retention: number;
  pgBin?: string;
  timeoutMs: number;
  /** The environment holding PGUSER and PGPASSWORD (or PGPASSFILE). */
  processEnv: NodeJS.ProcessEnv;
  now?: () => Date;
}

export interface BackupOutcome {
  manifest: BackupManifest;
  dumpPath: string;
  manifestPath: string;
  checksumPath: string;
  /** Names of the older backups retention deleted. */
  deleted: string[];
  /** How many backups of this app, environment and database remain. */
  kept: number;
  durationMs: number;
}

export async function backupDatabase(options: BackupOptions): Promise<BackupOutcome> {
  const started = Date.now();
  // Listing first proves the folder exists (and refuses otherwise) before pg_dump runs for minutes.
  readCatalog(options.dir);
  const bin = findPgBin(options.pgBin, options.processEnv);
  const pg = pgEnvironment(options.processEnv, options.connection.sslmode);
  try {
    const run = { bin, env: pg.env, timeoutMs: options.timeoutMs };
    const pgDumpVersion = await pgToolVersion('pg_dump', run);
    const time = (options.now ?? (() => new Date()))();
    const name = backupName(options.app, options.env, options.build, time);
    const paths = backupPaths(options.dir, name);
    if (existsSync(paths.dumpPath) || existsSync(paths.manifestPath)) throw new HelperFailure(`backup "${name}" already exists in "${options.dir}"`);
    // Hidden and without a manifest, a temp file is never listed, restored or counted by retention.
    const temp = join(options.dir, `.${name}.dump.partial`);
    const removePartial = (): void => {
      rmSync(temp, { force: true });
      rmSync(paths.dumpPath, { force: true });
      rmSync(paths.checksumPath, { force: true });
    };
    const release = cleanupOnSignal(removePartial);
    let manifest: BackupManifest;
    try {
      // Created first, so pg_dump writes into a file only the owner and its group can read: dumps hold production data.
      closeSync(openSync(temp, 'wx', DUMP_MODE));
      await runPgTool('pg_dump', [...connectionArgs(options.connection), '--format=custom', '--file', temp], run);
      // pg_restore reading the table of contents back proves the dump is a complete archive it can restore from.
      const toc = await runPgTool('pg_restore', ['--list', temp], run);
      const tocEntries = toc.split('\n').filter((line) => line.trim() && !line.startsWith(';')).length;
      const size = statSync(temp).size;
      const sha256 = await sha256File(temp);
      manifest = {
        format: MANIFEST_FORMAT,
        name,
        file: `${name}.dump`,
        size,
        sha256,
        app: options.app,
        env: options.env,
        build: options.build,
        time: time.toISOString(),
        database: options.connection.database,
        host: options.connection.host,
        port: options.connection.port,
        pgDumpVersion,
        tocEntries,
      };
      renameSync(temp, paths.dumpPath);
      writeFileAtomic(paths.checksumPath, checksumFileText(manifest));
      // The manifest is written last: it is what makes the dump a backup.
      writeFileAtomic(paths.manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
    } catch (error) {
      removePartial();
      throw error;
    } finally {
      release();
    }
    // Keyed by database too: another pipeline's backup under the same app and environment is not ours to prune.
    const key = { app: options.app, env: options.env, database: options.connection.database };
    const deleted = pruneBackups(options.dir, key, options.retention, name);
    const kept = readCatalog(options.dir, key).length;
    return { manifest, ...paths, deleted, kept, durationMs: Date.now() - started };
  } finally {
    pg.dispose();
  }
}
