// The rollback and release-hold edits: restore an earlier tag from the deployment history as a new commit, and set (manual) or skip (automatic) the hold, recording the failed tag.
import { writeFileAtomic } from '../shared/atomic.js';
import { HelperFailure } from '../shared/cli.js';
import type { GitRun } from './apply.js';
import { oldTagOf, readManifest } from './bump.js';
import { deployCommitMessage } from './commit-message.js';
import { readDeployHistory, type Deployment } from './history.js';
import { findImages, setImage, type FormatChoice, type ImageChange } from './manifest.js';
import type { ImageTarget } from './occurrence.js';
import { readRecord, writeRecord, type FailedTag, type Hold } from './records.js';
import type { Commit } from './write-back.js';

export interface RollbackRequest {
  app: string;
  env: string;
  manifest: string;
  format: FormatChoice;
  target: ImageTarget;
  steps: number | null;
  to: string | null;
  automatic: boolean;
  reason: string | null;
  buildUrl: string | null;
  force: boolean;
}

export interface RollbackOutcome {
  changed: boolean;
  fromTag: string | null;
  toTag: string | null;
  toDigest: string | null;
  /** The commit that first deployed the restored tag. */
  restoredFrom: string | null;
  changes: ImageChange[];
  hold: Hold | null;
  failedTags: FailedTag[];
  automatic: boolean;
}

type Target = { tag: string | null; digest: string | null; commit: string | null };

/**
 * What a rollback decided on its first attempt. A rejected push re-applies the edit on the new head; deciding
 * again there would count the steps from whatever another writer pushed (two rollbacks at once would undo
 * each other), so the retry applies the same move, or stops when the app no longer runs what it moved from.
 */
export interface RollbackPlan {
  from?: { tag: string | null; digest: string | null };
  target?: Target;
}

/** The history --steps counts in: tags an automatic rollback marked as failed are skipped (never restored by counting). */
function restorable(history: Deployment[], failed: Set<string>): Deployment[] {
  const kept = history.filter((d, i) => i === 0 || d.tag === null || !failed.has(d.tag));
  return kept.filter((d, i) => i === 0 || d.tag !== kept[i - 1]!.tag || d.digest !== kept[i - 1]!.digest);
}

function pickTarget(history: Deployment[], failed: Set<string>, req: RollbackRequest): Target {
  if (req.to !== null) {
    const found = history.find((d, i) => i > 0 && d.tag === req.to) ?? history.find((d) => d.tag === req.to);
    if (found) return found;
    if (!req.force) {
      throw new HelperFailure(
        `refused: ${req.to} was never deployed to ${req.env} by ${req.manifest}'s history (${history.map((d) => d.tag).join(', ') || 'none'}); pass --force to set it anyway`,
        {
          refused: 'unknown-tag',
        },
      );
    }
    return { tag: req.to, digest: null, commit: null };
  }
  const steps = req.steps ?? 1;
  const countable = restorable(history, failed);
  const found = countable[steps];
  if (!found) {
    throw new HelperFailure(
      `refused: cannot go back ${steps} deployment(s); ${req.app} in ${req.env} has ${countable.length} in its history${countable.length < history.length ? ' (not counting tags marked as failed)' : ''}`,
      {
        refused: 'not-enough-history',
      },
    );
  }
  return found;
}

export async function rollbackEdit(
  root: string,
  run: GitRun,
  req: RollbackRequest,
  plan: RollbackPlan = {},
): Promise<{ value: RollbackOutcome; commit: Commit | null }> {
  const { source, file } = readManifest(root, req.manifest);
  const current = findImages(req.manifest, source, req.format, req.target).occurrences[0];
  if (!current) throw new HelperFailure(`image "${req.target.image}" not found in ${req.manifest}; nothing to roll back`, { refused: 'image-not-found' });
  const record = readRecord(root, req.app, req.env);
  if (plan.target === undefined) {
    // Counting back from a manual rollback would restore the very tag it moved away from.
    if (record.hold && !req.automatic && req.to === null) {
      throw new HelperFailure(
        `refused: ${req.app} in ${req.env} is already held at ${record.hold.tag} by a manual rollback (${record.hold.reason}); give --to TAG to restore a particular earlier tag, or run release-hold first`,
        { refused: 'hold', hold: record.hold },
      );
    }
    const history = await readDeployHistory(run, req.manifest, req.format, req.target);
    plan.target = pickTarget(history, new Set(record.failedTags.map((f) => f.tag)), req);
    plan.from = { tag: current.tag, digest: current.digest };
  } else {
    const moved = current.tag !== plan.from?.tag || current.digest !== plan.from?.digest;
    const atTarget = current.tag === plan.target.tag && (plan.target.digest === null || current.digest === plan.target.digest);
    if (moved && !atTarget) {
      throw new HelperFailure(
        `refused: ${req.app} in ${req.env} moved from ${plan.from?.tag ?? '(none)'} to ${current.tag ?? '(none)'} while this rollback ran; nothing was committed; run the rollback again to decide from the new state`,
        { refused: 'moved', currentTag: current.tag },
      );
    }
  }
  const target = plan.target;
  const edit = setImage(req.manifest, source, req.format, req.target, target.tag, target.digest);
  const at = new Date().toISOString();
  const fromTag = oldTagOf(edit.changes, current.tag);
  const holdStands = record.hold !== null && record.hold.tag === (target.tag ?? '(none)');
  if (req.automatic) {
    if (edit.changes.length > 0 && current.tag && !record.failedTags.some((f) => f.tag === current.tag))
      record.failedTags.push({ tag: current.tag, buildUrl: req.buildUrl, at });
  } else if (!(edit.changes.length === 0 && holdStands)) {
    record.hold = { tag: target.tag ?? '(none)', reason: req.reason ?? `manual rollback from ${fromTag ?? '(none)'}`, buildUrl: req.buildUrl, at };
  }
  const value: RollbackOutcome = {
    changed: edit.changes.length > 0,
    fromTag,
    toTag: target.tag,
    toDigest: target.digest,
    restoredFrom: target.commit,
    changes: edit.changes,
    hold: record.hold,
    failedTags: record.failedTags,
    automatic: req.automatic,
  };
  // Nothing to record: an automatic rollback that finds the target in place, or a manual one whose hold already stands there.
  if (!value.changed && (req.automatic || holdStands)) return { value, commit: null };
  if (value.changed) writeFileAtomic(file.path, edit.content);
  const recordFile = writeRecord(root, record);
  const message = deployCommitMessage({
    action: req.automatic ? 'automatic-rollback' : 'rollback',
    app: req.app,
    env: req.env,
    image: req.target.image,
    oldTag: fromTag,
    newTag: target.tag,
    buildUrl: req.buildUrl,
    reason: req.reason,
  });
  return { value, commit: { message, files: [file.relative, recordFile] } };
}

export interface ReleaseOutcome {
  released: Hold | null;
}

export async function releaseHoldEdit(
  root: string,
  req: { app: string; env: string; buildUrl: string | null },
): Promise<{ value: ReleaseOutcome; commit: Commit | null }> {
  const record = readRecord(root, req.app, req.env);
  if (!record.hold) return { value: { released: null }, commit: null };
  const released = record.hold;
  record.hold = null;
  const file = writeRecord(root, record);
  const message = deployCommitMessage({
    action: 'release-hold',
    app: req.app,
    env: req.env,
    image: null,
    oldTag: released.tag,
    newTag: null,
    buildUrl: req.buildUrl,
  });
  return { value: { released }, commit: { message, files: [file] } };
}
