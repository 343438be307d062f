// Waiting for Argo CD: synced at the expected revision and healthy within the deploy timeout, the expected image running, blue-green promotion or abort, and the degraded resources on failure.
import type { Application, ArgoCdClient, ResourceRef } from './argocd.js';
import { probeUntilHealthy, type HealthOutcome, type HealthProbe } from './health.js';
import { deadline, pollUntil, type Deadline } from './poll.js';

export type SyncMode = 'manual' | 'auto' | 'jenkins';

export interface SyncPlan {
  app: string;
  mode: SyncMode;
  /** The git revision (the GitOps commit) the application must be synced to; any when absent. */
  revision: string | undefined;
  /** An image reference that must be running (status.summary.images). */
  image: string | undefined;
  strategy: 'rolling' | 'blue-green';
  /** The Rollout's name; the application's only Rollout when absent. */
  rollout: string | undefined;
  preview: (Omit<HealthProbe, 'timeoutMs'> & { timeoutMs: number }) | null;
  promoteAction: string;
  abortAction: string;
  timeoutMs: number;
  intervalMs: number;
}

export interface Observed {
  syncStatus: string | null;
  syncedRevision: string | null;
  health: string | null;
  operationPhase: string | null;
  images: string[];
}

export interface ProblemResource {
  kind: string;
  namespace: string | null;
  name: string;
  health: string | null;
  status: string | null;
  message: string | null;
}

export interface SyncOutcome {
  ok: boolean;
  message: string;
  app: string;
  mode: SyncMode;
  strategy: 'rolling' | 'blue-green';
  revision: string | null;
  synced: boolean;
  healthy: boolean;
  imageRunning: boolean | null;
  syncTriggered: boolean;
  promoted: boolean;
  aborted: boolean;
  preview: HealthOutcome | null;
  observed: Observed | null;
  degraded: ProblemResource[];
  polls: number;
  elapsedMs: number;
}

const revisionsOf = (app: Application) => [app.status?.sync?.revision, ...(app.status?.sync?.revisions ?? [])].filter((r): r is string => Boolean(r));

/** A full or abbreviated SHA (7+ characters) matches its revision; anything else must be equal. */
export function revisionMatches(app: Application, expected: string | undefined): boolean {
  if (!expected) return true;
  return revisionsOf(app).some(
    (r) => r === expected || (expected.length >= 7 && /^[0-9a-f]+$/i.test(expected) && r.toLowerCase().startsWith(expected.toLowerCase())),
  );
}

/** The image is running when summary.images lists it, with or without a digest after it. */
export function imageRunning(app: Application, image: string): boolean {
  return (app.status?.summary?.images ?? []).some((i) => i === image || i.startsWith(`${image}@`));
}

function observe(app: Application): Observed {
  return {
    syncStatus: app.status?.sync?.status ?? null,
    syncedRevision: app.status?.sync?.revision ?? app.status?.sync?.revisions?.[0] ?? null,
    health: app.status?.health?.status ?? null,
    operationPhase: app.status?.operationState?.phase ?? null,
    images: app.status?.summary?.images ?? [],
  };
}

function findRollout(app: Application, name: string | undefined): (ResourceRef & { health?: { status?: string } }) | undefined {
  const rollouts = (app.status?.resources ?? []).filter((r) => r.kind === 'Rollout' && (r.group ?? '') === 'argoproj.io');
  return name ? rollouts.find((r) => r.name === name) : rollouts.length === 1 ? rollouts[0] : undefined;
}

type Phase = 'waiting' | 'ready' | 'failed';

/** Where the application stands against the plan: still waiting, at the goal, or failed for good. */
function judge(app: Application, plan: SyncPlan, goal: 'healthy' | 'preview'): { phase: Phase; why: string } {
  const o = observe(app);
  const atRevision = o.syncStatus === 'Synced' && revisionMatches(app, plan.revision);
  const op = app.status?.operationState;
  // A sync operation that failed at the expected revision will not recover by waiting.
  if ((o.operationPhase === 'Failed' || o.operationPhase === 'Error') && (!plan.revision || (op?.syncResult?.revision ?? '').startsWith(plan.revision))) {
    return { phase: 'failed', why: `the sync operation ${o.operationPhase.toLowerCase()}: ${op?.message ?? 'no message'}` };
  }
  // Argo CD compares against our revision yet stays OutOfSync and Degraded with no sync running: under auto-sync or a
  // sync Jenkins triggered, polling will not make it healthy (manual: operations have not synced yet, so that waits).
  if (
    !atRevision &&
    plan.mode !== 'manual' &&
    o.health === 'Degraded' &&
    plan.revision &&
    revisionMatches(app, plan.revision) &&
    o.operationPhase !== 'Running'
  ) {
    return {
      phase: 'failed',
      why: `Degraded and ${o.syncStatus ?? 'not synced'} at the expected revision with no sync running: Argo CD cannot make it healthy by itself`,
    };
  }
  if (!atRevision)
    return {
      phase: 'waiting',
      why: `sync status ${o.syncStatus ?? 'unknown'} at ${o.syncedRevision?.slice(0, 12) ?? 'no revision'}${plan.revision ? `, waiting for ${plan.revision.slice(0, 12)}` : ''}`,
    };
  if (o.operationPhase === 'Running' || o.operationPhase === 'Terminating')
    return { phase: 'waiting', why: `a sync operation is ${o.operationPhase.toLowerCase()}` };
  if (goal === 'preview') {
    const rollout = findRollout(app, plan.rollout);
    if (!rollout)
      return {
        phase: 'failed',
        why: plan.rollout ? `the application has no Rollout "${plan.rollout}"` : 'blue-green needs exactly one Rollout in the application (or --rollout NAME)',
      };
    const h = rollout.health?.status;
    if (h === 'Suspended' || h === 'Healthy')
      return { phase: 'ready', why: `Rollout "${rollout.name}" is ${h === 'Suspended' ? 'paused with the preview up' : 'healthy'}` };
    if (h === 'Degraded') return { phase: 'failed', why: `Rollout "${rollout.name}" is Degraded` };
    return { phase: 'waiting', why: `Rollout "${rollout.name}" is ${h ?? 'without health'}` };
  }
  if (o.health === 'Healthy') return { phase: 'ready', why: 'synced and healthy' };
  if (o.health === 'Degraded') return { phase: 'failed', why: 'synced at the expected revision but Degraded' };
  return { phase: 'waiting', why: `synced, health ${o.health ?? 'unknown'}` };
}

async function waitFor(client: ArgoCdClient, plan: SyncPlan, clock: Deadline, goal: 'healthy' | 'preview', counter: { polls: number }) {
  let first = counter.polls === 0;
  let previous: { app: Application; phase: Phase; why: string } | undefined;
  const outcome = await pollUntil<{ app: Application; phase: Phase; why: string }>({
    timeoutMs: clock.remaining(),
    intervalMs: plan.intervalMs,
    async check(remainingMs) {
      counter.polls++;
      let app: Application;
      try {
        // The first look asks Argo CD to refresh, so a fresh GitOps commit is seen without waiting for the next poll of git.
        app = await client.getApplication(plan.app, first, remainingMs);
      } catch (error) {
        // A look begun in the deadline's last moments has only the time left (a millisecond, when the timer fires just
        // before the wall clock's deadline): its timing out is the deadline's, so the wait ends on what was last seen.
        // (Within 100 ms of it, not at it: setTimeout's clock and Date.now can disagree by a millisecond or two.)
        if (previous && clock.remaining() < 100) return { done: false, value: previous };
        throw error;
      }
      first = false;
      const verdict = judge(app, plan, goal);
      previous = { app, ...verdict };
      return { done: verdict.phase !== 'waiting', value: previous };
    },
  });
  return outcome.last;
}

async function problems(client: ArgoCdClient, app: Application | undefined, name: string): Promise<ProblemResource[]> {
  const bad = (h: string | undefined) => h !== undefined && h !== 'Healthy' && h !== 'Suspended';
  const seen = new Map<string, ProblemResource>();
  const add = (r: ResourceRef & { health?: { status?: string; message?: string }; status?: string; message?: string }) => {
    const key = `${r.kind}/${r.namespace ?? ''}/${r.name}`;
    if (!seen.has(key))
      seen.set(key, {
        kind: r.kind,
        namespace: r.namespace ?? null,
        name: r.name,
        health: r.health?.status ?? null,
        status: r.status ?? null,
        message: r.health?.message ?? r.message ?? null,
      });
  };
  for (const r of app?.status?.operationState?.syncResult?.resources ?? []) if (r.status === 'SyncFailed') add(r);
  try {
    for (const node of await client.resourceTree(name)) if (bad(node.health?.status)) add(node);
  } catch {
    // The tree is a diagnosis aid: without it, the application's own resource list still says something.
  }
  for (const r of app?.status?.resources ?? []) if (bad(r.health?.status) || r.status === 'OutOfSync') add(r);
  return [...seen.values()];
}

export async function syncAndWait(client: ArgoCdClient, plan: SyncPlan): Promise<SyncOutcome> {
  const clock = deadline(plan.timeoutMs);
  const counter = { polls: 0 };
  const result = (ok: boolean, message: string, extra: Partial<SyncOutcome>): SyncOutcome => ({
    ok,
    message,
    app: plan.app,
    mode: plan.mode,
    strategy: plan.strategy,
    revision: plan.revision ?? null,
    synced: false,
    healthy: false,
    imageRunning: null,
    syncTriggered: false,
    promoted: false,
    aborted: false,
    preview: null,
    observed: null,
    degraded: [],
    polls: counter.polls,
    elapsedMs: clock.elapsed(),
    ...extra,
  });
  const fail = async (message: string, last: Application | undefined, extra: Partial<SyncOutcome> = {}) =>
    result(false, message, {
      observed: last ? observe(last) : null,
      synced: last ? last.status?.sync?.status === 'Synced' && revisionMatches(last, plan.revision) : false,
      degraded: await problems(client, last, plan.app),
      ...extra,
      polls: counter.polls,
      elapsedMs: clock.elapsed(),
    });

  // The application must exist and the token must work before anything waits on it.
  let current = await client.getApplication(plan.app, true, clock.remaining());
  counter.polls++;
  let syncTriggered = false;
  if (plan.mode === 'jenkins') {
    syncTriggered = await client.sync(plan.app, plan.revision);
  } else if (plan.mode === 'auto' && !current.spec?.syncPolicy?.automated) {
    return fail(`application "${plan.app}" has no automated sync policy, so "auto" would wait forever; use sync mode "jenkins" or "manual"`, current);
  }

  const goal = plan.strategy === 'blue-green' ? 'preview' : 'healthy';
  const seen = await waitFor(client, plan, clock, goal, counter);
  if (seen) current = seen.app;
  const timeoutText = `within ${plan.timeoutMs < 1000 ? `${plan.timeoutMs} ms` : `${Math.round(plan.timeoutMs / 1000)} s`}`;
  if (!seen || seen.phase !== 'ready') {
    const why =
      seen?.phase === 'failed'
        ? seen.why
        : `not ${goal === 'preview' ? 'ready for promotion' : 'synced and healthy'} ${timeoutText} (${seen?.why ?? 'no answer'})`;
    return fail(`${plan.app}: ${why}`, current, { syncTriggered });
  }

  let preview: HealthOutcome | null = null;
  let promoted = false;
  if (plan.strategy === 'blue-green') {
    const rollout = findRollout(current, plan.rollout)!;
    if (rollout.health?.status === 'Suspended') {
      if (plan.preview) {
        preview = await probeUntilHealthy({ ...plan.preview, timeoutMs: Math.min(plan.preview.timeoutMs, clock.remaining()) });
        if (!preview.healthy) {
          await client.runAction(plan.app, rollout, plan.abortAction);
          return fail(
            `${plan.app}: the preview at ${plan.preview.url} failed its health check (${preview.lastError}); the Rollout was aborted and stays on the active version`,
            current,
            { syncTriggered, preview, aborted: true },
          );
        }
      }
      await client.runAction(plan.app, rollout, plan.promoteAction);
      promoted = true;
      const after = await waitFor(client, plan, clock, 'healthy', counter);
      if (after) current = after.app;
      if (!after || after.phase !== 'ready') {
        return fail(`${plan.app}: promoted, but not healthy ${timeoutText} (${after?.why ?? 'no answer'})`, current, { syncTriggered, preview, promoted });
      }
    }
  }

  let running: boolean | null = null;
  if (plan.image) {
    running = imageRunning(current, plan.image);
    if (!running) {
      return fail(`${plan.app}: synced and healthy, but ${plan.image} is not running (running: ${observe(current).images.join(', ') || 'none'})`, current, {
        syncTriggered,
        preview,
        promoted,
        imageRunning: false,
      });
    }
  }
  const o = observe(current);
  const parts = [
    `${plan.app} synced at ${o.syncedRevision?.slice(0, 12) ?? 'its revision'} and healthy`,
    promoted ? `promoted with "${plan.promoteAction}"` : '',
    preview ? `preview answered in ${preview.latencyMs} ms` : '',
    running ? `running ${plan.image}` : '',
  ].filter(Boolean);
  return result(true, parts.join('; '), {
    synced: true,
    healthy: true,
    imageRunning: running,
    syncTriggered,
    promoted,
    preview,
    observed: o,
    polls: counter.polls,
    elapsedMs: clock.elapsed(),
  });
}
