// Helper db-backup: backs up an environment's PostgreSQL database right before a deploy (pg_dump custom format, checksum, manifest, retention).
import { integerOption, main, requireString, type HelperResult, type HelperSpec, type ParsedOptions } from './shared/cli.js';
import { backupDatabase, type BackupOptions } from './db/backup.js';
import { backupSummary } from './db/catalog.js';
import { CONNECTION_OPTIONS, CREDENTIAL_ENV_NOTE, DIR_OPTION, optionalString, readBuild, readConnection, readName, readTimeoutMs } from './db/options.js';

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

function fromArgs(options: ParsedOptions): DbBackupOptions {
  const pgBin = optionalString(options, 'pg-bin');
  return {
    connection: readConnection(options),
    app: readName(options, 'app'),
    env: readName(options, 'env'),
    build: readBuild(options),
    dir: requireString(options, 'dir'),
    retention: integerOption(options, 'retention', 7, 1, 1000),
    ...(pgBin ? { pgBin } : {}),
    timeoutMs: readTimeoutMs(options),
  };
}

export const spec: HelperSpec = {
  name: 'db-backup',
  summary: `Back up a PostgreSQL database with pg_dump (custom format) into the backup folder, with a SHA-256 checksum and a JSON manifest, then delete the oldest backups of the same app, environment and database beyond --retention (never another database's). ${CREDENTIAL_ENV_NOTE}`,
  options: {
    ...CONNECTION_OPTIONS,
    ...DIR_OPTION,
    app: { type: 'string', valueName: 'APP', required: true, description: 'the application name (part of the backup name)' },
    env: { type: 'string', valueName: 'ENV', required: true, description: 'the environment name (part of the backup name)' },
    build: { type: 'string', valueName: 'N', required: true, description: 'the Jenkins build number (part of the backup name)' },
    retention: { type: 'string', valueName: 'N', default: '7', description: 'how many backups of this app, environment and database to keep, the new one included' },
  },
  examples: [
    'PGUSER=app PGPASSWORD=… db-backup --host db.internal --database orders --app orders-api --env prod --build 42 --dir /mnt/backups/orders-api --retention 7 --result db-backup.json',
  ],
  run: (options) => run(fromArgs(options)),
};

main(spec);
