// The command-line options the database helpers share (connection, tools, names), declared with their checks, and the connection they make.
import type { OptionSpecs, ParsedOptions } from '../shared/options.js';
import { BUILD_PATTERN, NAME_PATTERN } from './catalog.js';
import { CLEARTEXT_MODES, TLS_MODES, type PgConnection } from './pg-tools.js';
import { assertHostAllowed } from '../shared/allowed-hosts.js';

const HOST_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9.:-]{0,252})$/;
const DATABASE_PATTERN = /^[A-Za-z_][A-Za-z0-9_$-]{0,62}$/;

export const DATABASE_CHECK = { valid: DATABASE_PATTERN, problem: 'is not a database name' };
/** An app or environment name, as the schema allows them: it becomes part of file names. */
export const NAME_CHECK = { valid: NAME_PATTERN, problem: 'must be lower-case letters, digits and dashes' };
export const BUILD_CHECK = { valid: BUILD_PATTERN, problem: 'must be letters, digits, dots and dashes' };

export const CONNECTION_OPTIONS = {
  host: {
    type: 'string',
    valueName: 'HOST',
    required: true,
    check: { valid: HOST_PATTERN, problem: 'is not a host name or address' },
    description: 'database server host name or address',
  },
  port: { type: 'integer', valueName: 'PORT', min: 1, max: 65535, default: 5432, description: 'database server port' },
  database: { type: 'string', valueName: 'NAME', required: true, check: DATABASE_CHECK, description: 'database name' },
  'pg-bin': { type: 'string', valueName: 'DIR', description: 'folder holding pg_dump and pg_restore (default: PATH, then pg_config --bindir)' },
  timeout: { type: 'duration', default: '60m', description: 'time limit for pg_dump or pg_restore (e.g. 30m, 2h)' },
  sslmode: {
    type: 'string',
    valueName: 'MODE',
    default: 'require',
    choices: [...TLS_MODES, ...CLEARTEXT_MODES],
    description: `libpq sslmode: ${TLS_MODES.join(', ')} (TLS required), or ${CLEARTEXT_MODES.join(', ')} (allows cleartext: an explicit opt-out, for a server without TLS)`,
  },
} as const satisfies OptionSpecs;

export const DIR_OPTION = {
  dir: { type: 'string', valueName: 'DIR', required: true, description: 'the backup folder (shared storage the agents mount)' },
} as const satisfies OptionSpecs;

/** Environment variables the helpers read credentials from; named here for --help and the docs. */
export const CREDENTIAL_ENV_NOTE = 'Credentials come only from the environment: PGUSER and PGPASSWORD (or PGPASSFILE); never pass them as arguments.';

export function readConnection(options: ParsedOptions<typeof CONNECTION_OPTIONS>): PgConnection {
  // The password goes only to a host the policy compiled into the library allows (PW_ALLOWED_HOSTS_DATABASE from pwPolicy).
  assertHostAllowed('database', `postgres://${options.host}`);
  return { host: options.host, port: options.port, database: options.database, sslmode: options.sslmode };
}
