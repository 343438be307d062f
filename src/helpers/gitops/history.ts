// Deployment history of one app in one environment, read from the manifests repository's commits: each commit that changed the image's tag or digest is a deployment.
import type { FormatChoice } from './manifest.js';
import { findImages } from './manifest.js';
import type { ImageTarget } from './occurrence.js';

export interface Deployment {
  tag: string | null;
  digest: string | null;
  commit: string;
  author: string;
  email: string;
  time: string;
  subject: string;
  /** From the commit's Pipewright-Action trailer: bump, rollback, automatic-rollback; "manual" for commits made by hand. */
  action: string;
}

type Run = (args: string[]) => Promise<string>;

/** Newest first. Commits touching the manifest without changing the image (comments, replicas) are skipped. */
export async function readDeployHistory(run: Run, manifest: string, format: FormatChoice, target: ImageTarget, limit = 100): Promise<Deployment[]> {
  const log = await run([
    'log',
    '--first-parent',
    '--format=%H%x1f%an%x1f%ae%x1f%aI%x1f%s%x1f%(trailers:key=Pipewright-Action,valueonly,separator=%x2C)%x1e',
    'HEAD',
    '--',
    manifest,
  ]);
  const commits = log
    .split('\x1e')
    .map((r) => r.trim())
    .filter(Boolean)
    .map((r) => {
      const [commit, author, email, time, subject, action] = r.split('\x1f');
      return { commit: commit!, author: author!, email: email!, time: time!, subject: subject!, action: action?.trim() || 'manual' };
    });
  const states: Deployment[] = [];
  for (const c of commits) {
    let source: string;
    try {
      source = await run(['show', `${c.commit}:${manifest}`]);
    } catch {
      continue; // the manifest was deleted in this commit
    }
    let occurrence;
    try {
      occurrence = findImages(manifest, source, format, target).occurrences[0];
    } catch {
      continue; // not parseable at that revision
    }
    if (!occurrence) continue;
    states.push({ ...c, tag: occurrence.tag, digest: occurrence.digest });
  }
  // Keep a commit only when its image differs from the next older one (the oldest always counts).
  const deployments = states.filter((s, i) => i === states.length - 1 || s.tag !== states[i + 1]!.tag || s.digest !== states[i + 1]!.digest);
  return deployments.slice(0, limit);
}
