// The command-line options the database helpers share (connection, tools, names), and their checked reading.
import { HelperUsageError, integerOption, parseDurationMs, requireString, type OptionSpecs, type ParsedOptions } from '../shared/cli.js';
import { BUILD_PATTERN, NAME_PATTERN } from './catalog.js';
import { CLEARTEXT_MODES, TLS_MODES, type PgConnection, type SslMode } from './pg-tools.js';
import { assertHostAllowed } from '../shared/allowed-hosts.js';

export const CONNECTION_OPTIONS: OptionSpecs = {
  host: { type: 'string', valueName: 'HOST', required: true, description: 'database server host name or address' },
  port: { type: 'string', valueName: 'PORT', default: '5432', description: 'database server port' },
  database: { type: 'string', valueName: 'NAME', required: true, description: 'database name' },
  'pg-bin': { type: 'string', valueName: 'DIR', description: 'folder holding pg_dump and pg_restore (default: PATH, then pg_config --bindir)' },
  timeout: { type: 'string', valueName: 'DURATION', default: '60m', description: 'time limit for pg_dump or pg_restore (e.g. 30m, 2h)' },
  sslmode: {
    type: 'string',
    valueName: 'MODE',
    default: 'require',
    description: `libpq sslmode: ${TLS_MODES.join(', ')} (TLS required), or ${CLEARTEXT_MODES.join(', ')} (allows cleartext: an explicit opt-out, for a server without TLS)`,
  },
};

export const DIR_OPTION: OptionSpecs = {
  dir: { type: 'string', valueName: 'DIR', required: true, description: 'the backup folder (shared storage the agents mount)' },
};

/** Environment variables the helpers read credentials from; named here for --help and the docs. */
export const CREDENTIAL_ENV_NOTE = 'Credentials come only from the environment: PGUSER and PGPASSWORD (or PGPASSFILE); never pass them as arguments.';

const HOST_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9.:-]{0,252})$/;
const DATABASE_PATTERN = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;

export function readDatabase(options: ParsedOptions): string {
  const database = requireString(options, 'database');
  if (!DATABASE_PATTERN.test(database)) throw new HelperUsageError(`--database "${database}" is not a database name`);
  return database;
}

export function readConnection(options: ParsedOptions): PgConnection {
  const host = requireString(options, 'host');
  if (!HOST_PATTERN.test(host)) throw new HelperUsageError(`--host "${host}" is not a host name or address`);
  const database = readDatabase(options);
  const sslmode = (options.sslmode ?? 'require') as SslMode;
  if (![...TLS_MODES, ...CLEARTEXT_MODES].includes(sslmode)) throw new HelperUsageError(`--sslmode "${sslmode}" is not one of ${[...TLS_MODES, ...CLEARTEXT_MODES].join(', ')}`);
  // The password goes only to a host the policy compiled into the library allows (PW_ALLOWED_HOSTS_DATABASE from pwPolicy).
  assertHostAllowed('database', `postgres://${host}`);
  return { host, port: integerOption(options, 'port', 5432, 1, 65535), database, sslmode };
}

export function readTimeoutMs(options: ParsedOptions): number {
  return parseDurationMs(requireString(options, 'timeout'));
}

export function optionalString(options: ParsedOptions, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** An app or environment name, as the schema allows them: it becomes part of file names. */
export function readName(options: ParsedOptions, name: 'app' | 'env'): string {
  const value = requireString(options, name);
  if (!NAME_PATTERN.test(value)) throw new HelperUsageError(`--${name} "${value}" must be lower-case letters, digits and dashes`);
  return value;
}

export function readBuild(options: ParsedOptions): string {
  const value = requireString(options, 'build');
  if (!BUILD_PATTERN.test(value)) throw new HelperUsageError(`--build "${value}" must be letters, digits, dots and dashes`);
  return value;
}
