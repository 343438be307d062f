// Hold and failed-tag records, kept in the manifests repository (.pipewright/deployments/<env>/<app>.json) so every agent sees them; written atomically.
import { existsSync, mkdirSync } from 'node:fs';
import { readBoundedText } from '../shared/bounded-read.js';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../shared/atomic.js';
import { resolveInside } from '../shared/inside-root.js';
import { HelperUsageError } from '../shared/cli.js';

export interface Hold {
  tag: string;
  reason: string;
  buildUrl: string | null;
  at: string;
}

export interface FailedTag {
  tag: string;
  buildUrl: string | null;
  at: string;
}

export interface DeployRecord {
  app: string;
  env: string;
  /** Set by a manual rollback: bumps are refused until release-hold clears it. */
  hold: Hold | null;
  /** Tags an automatic rollback moved away from: bumping them again needs --force. */
  failedTags: FailedTag[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** An app or environment name as the records' paths take it (the option spec and recordPath check the same). */
export const NAME_CHECK = { valid: (value: string) => NAME.test(value) && !value.includes('..'), problem: 'must be letters, digits, ".", "_" or "-"' };

export function checkName(kind: 'app' | 'env', value: string): string {
  if (!NAME_CHECK.valid(value)) throw new HelperUsageError(`--${kind} "${value}" ${NAME_CHECK.problem}`);
  return value;
}

/** The record's path relative to the repository root. */
export function recordPath(app: string, env: string): string {
  return `.pipewright/deployments/${checkName('env', env)}/${checkName('app', app)}.json`;
}

export function readRecord(root: string, app: string, env: string): DeployRecord {
  const file = resolveInside(root, recordPath(app, env)).path;
  if (!existsSync(file)) return { app, env, hold: null, failedTags: [] };
  const data = JSON.parse(readBoundedText(file, `the deployment record "${recordPath(app, env)}"`, 'record')) as Partial<DeployRecord>;
  return { app, env, hold: data.hold ?? null, failedTags: data.failedTags ?? [] };
}

/** Writes the record (stable key order, two-space JSON, final newline); returns its path relative to root. */
export function writeRecord(root: string, record: DeployRecord): string {
  // A .pipewright link out of the repository is refused before any folder is made.
  const { path, relative } = resolveInside(root, recordPath(record.app, record.env));
  mkdirSync(dirname(path), { recursive: true });
  const data = { app: record.app, env: record.env, hold: record.hold, failedTags: record.failedTags };
  writeFileAtomic(path, `${JSON.stringify(data, null, 2)}\n`);
  return relative;
}
