// Helper db-list: lists the backups in a backup folder (name, time, size, build), to choose one to restore.
import { main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs } from './shared/options.js';
import { readCatalog } from './db/catalog.js';
import { DATABASE_CHECK, DIR_OPTION, NAME_CHECK } from './db/options.js';

export interface DbListOptions {
  dir: string;
  app?: string;
  env?: string;
  database?: string;
  /** Where the table goes; the result file carries the same rows as `backups`. */
  print?: (text: string) => void;
}

export interface BackupListing {
  name: string;
  time: string;
  size: number;
  build: string;
  app: string;
  env: string;
  database: string;
  sha256: string;
  file: string;
}

export function formatTable(rows: BackupListing[]): string {
  const header = ['NAME', 'DATABASE', 'TIME (UTC)', 'SIZE', 'BUILD'];
  const cells = rows.map((r) => [r.name, r.database, r.time, String(r.size), r.build]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  return (
    [header, ...cells]
      .map((c) =>
        c
          .map((cell, i) => cell.padEnd(widths[i]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

export async function run(options: DbListOptions): Promise<HelperResult> {
  const filter = {
    ...(options.app ? { app: options.app } : {}),
    ...(options.env ? { env: options.env } : {}),
    ...(options.database ? { database: options.database } : {}),
  };
  // Newest first: the top row is what --backup latest restores.
  const backups: BackupListing[] = readCatalog(options.dir, filter)
    .reverse()
    .map(({ manifest: m, dumpPath }) => ({
      name: m.name,
      time: m.time,
      size: m.size,
      build: m.build,
      app: m.app,
      env: m.env,
      database: m.database,
      sha256: m.sha256,
      file: dumpPath,
    }));
  if (backups.length) (options.print ?? ((text) => process.stdout.write(text)))(formatTable(backups));
  const scope = [
    options.app ? `app "${options.app}"` : '',
    options.env ? `environment "${options.env}"` : '',
    options.database ? `database "${options.database}"` : '',
  ]
    .filter(Boolean)
    .join(', ');
  return {
    ok: true,
    message: `${backups.length} backup${backups.length === 1 ? '' : 's'}${scope ? ` of ${scope}` : ''} in "${options.dir}"${backups[0] ? `; latest ${backups[0].name}` : ''}`,
    dir: options.dir,
    count: backups.length,
    backups,
  };
}

export const options = {
  ...DIR_OPTION,
  app: { type: 'string', valueName: 'APP', check: NAME_CHECK, description: 'only this application' },
  environment: { type: 'string', deprecatedAlias: 'env', valueName: 'ENV', check: NAME_CHECK, description: 'only this environment' },
  database: { type: 'string', valueName: 'NAME', check: DATABASE_CHECK, description: 'only backups of this database' },
} as const satisfies OptionSpecs;

export const spec: HelperSpec<typeof options> = {
  name: 'db-list',
  summary: 'List the backups db-backup made in a backup folder, newest first (name, database, time, size, build), to choose one for db-restore.',
  options,
  examples: ['db-list --dir /mnt/backups/orders-api --app orders-api --environment prod --database orders --result backups.json'],
  run: (o) =>
    run({
      dir: o.dir,
      ...(o.app !== undefined ? { app: o.app } : {}),
      ...(o.environment !== undefined ? { env: o.environment } : {}),
      ...(o.database !== undefined ? { database: o.database } : {}),
    }),
};

main(spec);
