// Restores one backup: explicit confirmation, then checksum verification, then pg_restore in a single transaction.
import { HelperFailure } from '../shared/cli.js';
import { resolveBackup, verifyBackup, type CatalogEntry } from './catalog.js';
import { connectionArgs, findPgBin, pgEnvironment, pgToolVersion, runPgTool, type PgConnection } from './pg-tools.js';

export interface RestoreOptions {
  connection: PgConnection;
  dir: string;
  /** "latest" or a backup name from db-list. */
  backup: string;
  env: string;
  app?: string;
  /** Must equal the target database's name; the guard against restoring by accident. */
  confirm?: string;
  /** Verify the backup and report it, without confirmation and without touching the database. */
  verifyOnly: boolean;
  pgBin?: string;
  timeoutMs: number;
  processEnv: NodeJS.ProcessEnv;
}

export interface RestoreOutcome {
  entry: CatalogEntry;
  restored: boolean;
  pgRestoreVersion: string | null;
  durationMs: number;
}

/**
 * pg_restore's flags: drop what the dump recreates (quietly when already gone), leave ownership to the
 * connecting role, and run as one transaction that stops at the first error, so a failure changes nothing.
 */
export const PG_RESTORE_FLAGS = ['--clean', '--if-exists', '--no-owner', '--single-transaction', '--exit-on-error'];

export async function restoreDatabase(options: RestoreOptions): Promise<RestoreOutcome> {
  const started = Date.now();
  const entry = resolveBackup(options.dir, options.backup, {
    env: options.env,
    database: options.connection.database,
    ...(options.app ? { app: options.app } : {}),
  });
  const target = options.connection.database;
  if (!options.verifyOnly && options.confirm !== target) {
    throw new HelperFailure(
      `refusing to restore backup "${entry.manifest.name}" into database "${target}" without confirmation; ` +
        `pass --confirm ${target} (the target database's name)${options.confirm ? `, not "${options.confirm}"` : ''}`,
      { backup: entry.manifest.name, restored: false },
    );
  }
  await verifyBackup(entry);
  if (options.verifyOnly) return { entry, restored: false, pgRestoreVersion: null, durationMs: Date.now() - started };
  const bin = findPgBin(options.pgBin, options.processEnv);
  const pg = pgEnvironment(options.processEnv, options.connection.sslmode);
  try {
    const run = { bin, env: pg.env, timeoutMs: options.timeoutMs };
    const pgRestoreVersion = await pgToolVersion('pg_restore', run);
    try {
      await runPgTool('pg_restore', [...connectionArgs(options.connection), ...PG_RESTORE_FLAGS, entry.dumpPath], run);
    } catch (error) {
      if (!(error instanceof HelperFailure)) throw error;
      throw new HelperFailure(
        `restoring "${entry.manifest.name}" into "${target}" failed and nothing was changed (pg_restore runs as one transaction): ${error.message}`,
        {
          ...error.details,
          backup: entry.manifest.name,
          restored: false,
        },
      );
    }
    return { entry, restored: true, pgRestoreVersion, durationMs: Date.now() - started };
  } finally {
    pg.dispose();
  }
}
