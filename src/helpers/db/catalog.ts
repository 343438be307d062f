// The backup folder's catalogue: how backups are named, the manifest beside each dump, listing, checksums and retention.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, lstatSync, readdirSync, rmSync, statSync } from 'node:fs';
import { readBoundedText } from '../shared/bounded-read.js';
import { basename, join } from 'node:path';
import { HelperFailure } from '../shared/cli.js';

/** Marks a manifest as written by db-backup: retention and listing touch nothing else in the folder. */
export const MANIFEST_FORMAT = 'pipewright-db-backup/1';

export interface BackupManifest {
  format: typeof MANIFEST_FORMAT;
  /** The backup's name: `<app>_<env>_<UTC time>_b<build>`; sorts by time within an app and environment. */
  name: string;
  /** The dump file (pg_dump custom format) beside the manifest. */
  file: string;
  size: number;
  sha256: string;
  app: string;
  env: string;
  build: string;
  /** UTC time the dump started, ISO 8601. */
  time: string;
  database: string;
  host: string;
  port: number;
  pgDumpVersion: string;
  /** Entries in the archive's table of contents, as `pg_restore --list` read them back after the dump. */
  tocEntries: number;
}

/** A backup found in the folder, with the paths of its three files. */
export interface CatalogEntry {
  manifest: BackupManifest;
  dumpPath: string;
  checksumPath: string;
  manifestPath: string;
}

/** App and environment names as the schema allows them (Kubernetes-style), so they cannot carry "_" or a path. */
export const NAME_PATTERN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;
/** Jenkins build numbers, or any short identifier without path characters. */
export const BUILD_PATTERN = /^[A-Za-z0-9][A-Za-z0-9.-]{0,63}$/;
const BACKUP_NAME_PATTERN = /^[a-z0-9][a-z0-9-]*_[a-z0-9][a-z0-9-]*_\d{8}T\d{6}\.\d{3}Z_b[A-Za-z0-9][A-Za-z0-9.-]*$/;

/** `orders-api_prod_20261125T205913.097Z_b42`: app and environment first, so names sort by time within them. */
export function backupName(app: string, env: string, build: string, time: Date): string {
  const stamp = time.toISOString().replace(/[-:]/g, '');
  return `${app}_${env}_${stamp}_b${build}`;
}

export function backupPaths(dir: string, name: string): { dumpPath: string; checksumPath: string; manifestPath: string } {
  return { dumpPath: join(dir, `${name}.dump`), checksumPath: join(dir, `${name}.sha256`), manifestPath: join(dir, `${name}.json`) };
}

/** The fields both db-backup and db-restore report about a backup. */
export function backupSummary(m: BackupManifest): Record<string, unknown> {
  return { backup: m.name, size: m.size, sha256: m.sha256, app: m.app, env: m.env, build: m.build, time: m.time, pgDumpVersion: m.pgDumpVersion };
}

/** The checksum file in `sha256sum` format, so `sha256sum -c NAME.sha256` verifies a backup by hand. */
export function checksumFileText(manifest: Pick<BackupManifest, 'sha256' | 'file'>): string {
  return `${manifest.sha256}  ${manifest.file}\n`;
}

export function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * Only a regular file directly in the folder is part of a backup: db-backup writes nothing else, and a link (planted
 * by another pipeline sharing the folder) would make a listing read, a restore load, or a checksum trust a file
 * outside the folder.
 */
const regularFile = (path: string): boolean => lstatSync(path, { throwIfNoEntry: false })?.isFile() === true;

function readManifest(path: string): BackupManifest | null {
  if (!regularFile(path)) return null;
  try {
    const m = JSON.parse(readBoundedText(path, `the backup manifest "${path}"`, 'record')) as Partial<BackupManifest>;
    if (m.format !== MANIFEST_FORMAT || typeof m.name !== 'string' || !BACKUP_NAME_PATTERN.test(m.name)) return null;
    if (`${m.name}.json` !== basename(path) || m.file !== `${m.name}.dump`) return null;
    return m as BackupManifest;
  } catch {
    return null;
  }
}

/** Which backups belong together: retention, `latest` and listings work within one app, environment and database. */
export interface BackupKey {
  app?: string;
  env?: string;
  database?: string;
}

/** The backups in `dir` (optionally of one key), oldest first; a manifest without its dump is not a backup. */
export function readCatalog(dir: string, filter: BackupKey = {}): CatalogEntry[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new HelperFailure(`backup folder "${dir}" does not exist; mount the shared storage or create it`);
  const entries: CatalogEntry[] = [];
  for (const file of readdirSync(dir)) {
    if (!file.endsWith('.json') || file.startsWith('.')) continue;
    const manifest = readManifest(join(dir, file));
    if (!manifest) continue;
    if (
      (filter.app && manifest.app !== filter.app) ||
      (filter.env && manifest.env !== filter.env) ||
      (filter.database && manifest.database !== filter.database)
    )
      continue;
    const paths = backupPaths(dir, manifest.name);
    // A checksum file is optional (verifyBackup checks it when present), but never a link.
    if (regularFile(paths.dumpPath) && (regularFile(paths.checksumPath) || !lstatSync(paths.checksumPath, { throwIfNoEntry: false })))
      entries.push({ manifest, ...paths });
  }
  return entries.sort((a, b) => a.manifest.time.localeCompare(b.manifest.time) || a.manifest.name.localeCompare(b.manifest.name));
}

/**
 * Finds `latest` or a named backup of an environment and database; refuses a name from another environment,
 * app or database, so a backup another pipeline put in a shared folder is never restored into this database.
 */
export function resolveBackup(dir: string, selector: string, filter: { app?: string; env: string; database: string }): CatalogEntry {
  const entries = readCatalog(dir, filter);
  const scope = `${filter.app ? `app "${filter.app}", ` : ''}environment "${filter.env}", database "${filter.database}"`;
  if (selector === 'latest') {
    const apps = [...new Set(entries.map((e) => e.manifest.app))];
    if (apps.length > 1)
      throw new HelperFailure(
        `backups of several apps (${apps.join(', ')}) in "${dir}" for environment "${filter.env}" and database "${filter.database}"; pass --app`,
      );
    const latest = entries.at(-1);
    if (!latest) throw new HelperFailure(`no backups of ${scope} in "${dir}"`);
    return latest;
  }
  const name = selector.replace(/\.(dump|json|sha256)$/, '');
  if (!BACKUP_NAME_PATTERN.test(name)) throw new HelperFailure(`"${selector}" is not a backup name; use "latest" or a name from db-list`);
  const found = entries.find((e) => e.manifest.name === name);
  if (found) return found;
  const other = readCatalog(dir).find((e) => e.manifest.name === name);
  if (other && other.manifest.database !== filter.database) {
    throw new HelperFailure(
      `backup "${name}" is of database "${other.manifest.database}", not "${filter.database}"; refusing to restore it into "${filter.database}"`,
    );
  }
  if (other) throw new HelperFailure(`backup "${name}" belongs to app "${other.manifest.app}", environment "${other.manifest.env}", not ${scope}`);
  throw new HelperFailure(`no backup "${name}" in "${dir}"; db-list shows the backups there`);
}

/** Checks the dump against its manifest and checksum file; throws before anything touches a database. */
export async function verifyBackup(entry: CatalogEntry): Promise<void> {
  const { manifest, dumpPath, checksumPath } = entry;
  const refuse = (why: string): never => {
    throw new HelperFailure(`backup "${manifest.name}" failed verification: ${why}; refusing to restore, the database was not touched`, {
      backup: manifest.name,
      verified: false,
    });
  };
  if (existsSync(checksumPath)) {
    const recorded = readBoundedText(checksumPath, `the checksum file "${checksumPath}"`, 'record').trim().split(/\s+/)[0];
    if (recorded !== manifest.sha256) refuse(`the checksum file says ${recorded}, the manifest ${manifest.sha256}`);
  }
  const size = statSync(dumpPath).size;
  if (size !== manifest.size) refuse(`size is ${size} bytes, the manifest says ${manifest.size}`);
  const actual = await sha256File(dumpPath);
  if (actual !== manifest.sha256) refuse(`checksum mismatch (sha256 ${actual}, expected ${manifest.sha256})`);
}

/** Deletes the oldest backups of one app, environment and database beyond `keep`, never `protect`; returns the names deleted. */
export function pruneBackups(dir: string, key: Required<BackupKey>, keep: number, protect: string): string[] {
  const entries = readCatalog(dir, key);
  const excess = entries.filter((e) => e.manifest.name !== protect).slice(0, Math.max(0, entries.length - keep));
  for (const entry of excess) {
    // The manifest goes first: a deletion cut short leaves no listed backup with missing files.
    rmSync(entry.manifestPath, { force: true });
    rmSync(entry.dumpPath, { force: true });
    rmSync(entry.checksumPath, { force: true });
  }
  return excess.map((e) => e.manifest.name);
}
