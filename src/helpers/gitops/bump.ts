// The bump edit: refuse while a hold stands or for a failed tag, check the deployment table, splice the new tag into the manifest, and describe the commit.
import { existsSync } from 'node:fs';
import { InputRefused, readBoundedText } from '../shared/bounded-read.js';
import { writeFileAtomic } from '../shared/atomic.js';
import { resolveInside, type InsidePath } from '../shared/inside-root.js';
import { HelperFailure } from '../shared/cli.js';
import { deployCommitMessage } from './commit-message.js';
import { checkDeployment, type DeploymentCheck, type DeploymentExpectation } from './deployment-check.js';
import { unifiedDiff } from '../../core/diff.js';
import { setImage, type FormatChoice, type ImageChange } from './manifest.js';
import type { ImageTarget, ManifestFormat } from './occurrence.js';
import { readRecord } from './records.js';
import type { Commit } from './write-back.js';

export interface BumpRequest {
  app: string;
  env: string;
  manifest: string;
  format: FormatChoice;
  target: ImageTarget;
  tag: string | null;
  digest: string | null;
  buildUrl: string | null;
  force: boolean;
  dryRun: boolean;
  expect: DeploymentExpectation;
  onMismatch: 'warn' | 'fail';
}

export interface BumpOutcome {
  changed: boolean;
  format: ManifestFormat;
  manifest: string;
  image: string;
  oldTag: string | null;
  newTag: string | null;
  newDigest: string | null;
  occurrences: number;
  changes: ImageChange[];
  deploymentCheck: DeploymentCheck;
  warnings: string[];
  diff: string;
}

/** The manifest's real path inside the repository (links inside it followed, links out of it refused) and its text. */
export function readManifest(root: string, manifest: string): { source: string; file: InsidePath } {
  const file = resolveInside(root, manifest);
  if (!existsSync(file.path)) throw new HelperFailure(`manifest "${manifest}" does not exist in the repository`, { refused: 'manifest-not-found' });
  try {
    return { source: readBoundedText(file.path, `the manifest "${manifest}"`, 'manifest'), file };
  } catch (error) {
    if (error instanceof InputRefused) throw new HelperFailure(`refused: ${error.message}`, { refused: 'unreadable-manifest' });
    throw error;
  }
}

/** Distinct old tags, in file order, joined for the message ("v1" or "v1,v2" when containers disagreed). */
export function oldTagOf(changes: ImageChange[], fallback: string | null): string | null {
  const tags = [...new Set(changes.map((c) => c.oldTag ?? '(none)'))];
  return tags.length ? tags.join(',') : fallback;
}

/** A tag and digest for people: "1.2", "1.2@sha256:…", "sha256:…" when only a digest is set, "(none)". */
export function describeVersion(tag: string | null, digest: string | null): string {
  if (tag && digest) return `${tag}@${digest}`;
  return tag || digest || '(none)';
}

/** What the changed places ran before, distinct, in file order. */
export function oldVersionsOf(changes: ImageChange[]): string {
  return [...new Set(changes.map((c) => describeVersion(c.oldTag, c.oldDigest)))].join(',');
}

export function refuseIfHeldOrFailed(root: string, req: Pick<BumpRequest, 'app' | 'env' | 'tag' | 'force'>): void {
  const record = readRecord(root, req.app, req.env);
  if (record.hold) {
    throw new HelperFailure(
      `refused: ${req.app} in ${req.env} is held at ${record.hold.tag} by a manual rollback (${record.hold.reason}); run release-hold to allow bumps again`,
      { refused: 'hold', hold: record.hold },
    );
  }
  const failed = req.tag ? record.failedTags.find((f) => f.tag === req.tag) : undefined;
  if (failed && !req.force) {
    throw new HelperFailure(
      `refused: ${req.tag} was rolled back automatically in ${req.env} (${failed.at}); bump a new tag, or pass --force to deploy it again`,
      {
        refused: 'failed-tag',
        failedTag: failed,
      },
    );
  }
}

export async function bumpEdit(root: string, req: BumpRequest): Promise<{ value: BumpOutcome; commit: Commit | null }> {
  refuseIfHeldOrFailed(root, req);
  const { source, file } = readManifest(root, req.manifest);
  const edit = setImage(req.manifest, source, req.format, req.target, req.tag, req.digest);
  if (edit.occurrences.length === 0) {
    const where = req.target.helmKeyPath && edit.format === 'helm' ? ` at --helm-key-path "${req.target.helmKeyPath}" (no such key)` : '';
    throw new HelperFailure(`image "${req.target.image}" not found${where} in ${req.manifest} (${edit.format}); the file is unchanged`, {
      refused: 'image-not-found',
      format: edit.format,
    });
  }
  const aliases = edit.occurrences.flatMap((o) => o.aliases ?? []);
  const deploymentCheck = checkDeployment(file.path, source, edit.format, [req.target.image, ...aliases], req.expect, root);
  const warnings = deploymentCheck.mismatches.map((m) => m.message);
  if (warnings.length > 0 && req.onMismatch === 'fail') {
    throw new HelperFailure(`refused: ${req.manifest} does not match the deployment table for ${req.env}: ${warnings.join('; ')}`, {
      refused: 'deployment-mismatch',
      deploymentCheck,
    });
  }
  const oldTag = oldTagOf(edit.changes, edit.occurrences[0]!.tag);
  const value: BumpOutcome = {
    changed: edit.changes.length > 0,
    format: edit.format,
    manifest: req.manifest,
    image: req.target.image,
    oldTag,
    newTag: req.tag ?? edit.occurrences[0]!.tag,
    newDigest: req.digest,
    occurrences: edit.occurrences.length,
    changes: edit.changes,
    deploymentCheck,
    warnings,
    diff: unifiedDiff(source, edit.content, `a/${req.manifest}`, `b/${req.manifest}`),
  };
  if (!value.changed || req.dryRun) return { value, commit: null };
  writeFileAtomic(file.path, edit.content);
  const message = deployCommitMessage({
    action: 'bump',
    app: req.app,
    env: req.env,
    image: req.target.image,
    oldTag,
    newTag: value.newTag,
    buildUrl: req.buildUrl,
  });
  return { value, commit: { message, files: [file.relative] } };
}
