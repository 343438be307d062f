// Helper db-backup: backs up an environment's PostgreSQL database right before a deploy (pg_dump custom format, checksum, manifest, retention).
import { main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs, ParsedOptions } from './shared/options.js';
import { backupDatabase, type BackupOptions } from './db/backup.js';
import { backupSummary } from './db/catalog.js';
import { BUILD_CHECK, CONNECTION_OPTIONS, CREDENTIAL_ENV_NOTE, DIR_OPTION, NAME_CHECK, readConnection } from './db/options.js';

/** The backup's options as the entry takes them: the environment defaults to the process's own. */
export type DbBackupOptions = Omit<BackupOptions, 'processEnv' | 'now'> & { processEnv?: NodeJS.ProcessEnv };

export async function run(options: DbBackupOptions): Promise<HelperResult> {
  const outcome = await backupDatabase({ ...options, processEnv: options.processEnv ?? process.env });
  const m = outcome.manifest;
  const retention = outcome.deleted.length ? `; retention deleted ${outcome.deleted.length} older (${outcome.deleted.join(', ')})` : '';
  return {
    ok: true,
    message: `backed up database "${m.database}" on ${m.host}:${m.port} to ${m.name} (${m.size} bytes, sha256 ${m.sha256.slice(0, 12)}); ${outcome.kept} backup${outcome.kept === 1 ? '' : 's'} kept${retention}`,
    ...backupSummary(m),
    file: outcome.dumpPath,
    manifestFile: outcome.manifestPath,
    checksumFile: outcome.checksumPath,
    database: m.database,
    host: m.host,
    port: m.port,
    tocEntries: m.tocEntries,
    deleted: outcome.deleted,
    kept: outcome.kept,
    durationMs: outcome.durationMs,
  };
}

export const options = {
  ...CONNECTION_OPTIONS,
  ...DIR_OPTION,
  app: { type: 'string', valueName: 'APP', required: true, check: NAME_CHECK, description: 'the application name (part of the backup name)' },
  environment: {
    type: 'string',
    deprecatedAlias: 'env',
    valueName: 'ENV',
    required: true,
    check: NAME_CHECK,
    description: 'the environment name (part of the backup name)',
  },
  build: { type: 'string', valueName: 'N', required: true, check: BUILD_CHECK, description: 'the Jenkins build number (part of the backup name)' },
  retention: {
    type: 'integer',
    valueName: 'N',
    min: 1,
    max: 1000,
    default: 7,
    description: 'how many backups of this app, environment and database to keep, the new one included',
  },
} as const satisfies OptionSpecs;

function fromArgs(o: ParsedOptions<typeof options>): DbBackupOptions {
  return {
    connection: readConnection(o),
    app: o.app,
    env: o.environment,
    build: o.build,
    dir: o.dir,
    retention: o.retention,
    ...(o['pg-bin'] ? { pgBin: o['pg-bin'] } : {}),
    timeoutMs: o.timeout,
  };
}

export const spec: HelperSpec<typeof options> = {
  name: 'db-backup',
  summary: `Back up a PostgreSQL database with pg_dump (custom format) into the backup folder, with a SHA-256 checksum and a JSON manifest, then delete the oldest backups of the same app, environment and database beyond --retention (never another database's). ${CREDENTIAL_ENV_NOTE}`,
  options,
  examples: [
    'PGUSER=app PGPASSWORD=… db-backup --host db.internal --database orders --app orders-api --environment prod --build 42 --dir /mnt/backups/orders-api --retention 7 --result db-backup.json',
  ],
  run: (o) => run(fromArgs(o)),
};

main(spec);
