// Helper db-restore: restores an environment's PostgreSQL database from a backup, after explicit confirmation and checksum verification.
import { main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs, ParsedOptions } from './shared/options.js';
import { restoreDatabase, type RestoreOptions } from './db/restore.js';
import { backupSummary } from './db/catalog.js';
import { CONNECTION_OPTIONS, CREDENTIAL_ENV_NOTE, DIR_OPTION, NAME_CHECK, readConnection } from './db/options.js';

/** The restore's options as the entry takes them: the environment defaults to the process's own, and --verify-only to off. */
export type DbRestoreOptions = Omit<RestoreOptions, 'processEnv' | 'verifyOnly'> & { verifyOnly?: boolean; processEnv?: NodeJS.ProcessEnv };

export async function run(options: DbRestoreOptions): Promise<HelperResult> {
  const outcome = await restoreDatabase({ ...options, verifyOnly: options.verifyOnly ?? false, processEnv: options.processEnv ?? process.env });
  const m = outcome.entry.manifest;
  const target = `database "${options.connection.database}" on ${options.connection.host}:${options.connection.port}`;
  const source = `${m.name} (app ${m.app}, environment ${m.env}, build ${m.build}, taken ${m.time} from database "${m.database}")`;
  return {
    ok: true,
    message: outcome.restored ? `restored ${target} from ${source}` : `verified ${source}; checksum matches, nothing restored (--verify-only)`,
    ...backupSummary(m),
    file: outcome.entry.dumpPath,
    verified: true,
    restored: outcome.restored,
    database: options.connection.database,
    host: options.connection.host,
    port: options.connection.port,
    sourceDatabase: m.database,
    pgRestoreVersion: outcome.pgRestoreVersion,
    durationMs: outcome.durationMs,
  };
}

export const options = {
  ...CONNECTION_OPTIONS,
  ...DIR_OPTION,
  environment: {
    type: 'string',
    deprecatedAlias: 'env',
    valueName: 'ENV',
    required: true,
    check: NAME_CHECK,
    description: 'the environment whose backup to restore',
  },
  backup: {
    type: 'string',
    valueName: 'latest|NAME',
    required: true,
    description: 'the newest backup of the environment and --database, or a name from db-list (a backup of another database is refused)',
  },
  app: { type: 'string', valueName: 'APP', check: NAME_CHECK, description: 'the application, when the folder holds backups of several' },
  confirm: { type: 'string', valueName: 'DATABASE', description: 'the target database name again: the restore refuses without it' },
  'verify-only': { type: 'boolean', description: 'verify the backup and report it; restore nothing' },
} as const satisfies OptionSpecs;

function fromArgs(o: ParsedOptions<typeof options>): DbRestoreOptions {
  return {
    connection: readConnection(o),
    dir: o.dir,
    backup: o.backup,
    env: o.environment,
    ...(o.app ? { app: o.app } : {}),
    ...(o.confirm ? { confirm: o.confirm } : {}),
    verifyOnly: o['verify-only'],
    ...(o['pg-bin'] ? { pgBin: o['pg-bin'] } : {}),
    timeoutMs: o.timeout,
  };
}

export const spec: HelperSpec<typeof options> = {
  name: 'db-restore',
  summary: `Restore a PostgreSQL database from a db-backup backup: refuses without --confirm naming the target database, verifies the checksum first, then runs pg_restore --clean --if-exists --no-owner in a single transaction. ${CREDENTIAL_ENV_NOTE}`,
  options,
  examples: [
    'PGUSER=app PGPASSWORD=… db-restore --environment prod --backup latest --dir /mnt/backups/orders-api --host db.internal --database orders --confirm orders',
    'db-restore --environment prod --backup latest --dir /mnt/backups/orders-api --host db.internal --database orders --verify-only',
  ],
  run: (o) => run(fromArgs(o)),
};

main(spec);
