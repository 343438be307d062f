// What a notification is about: the event and the build facts every message renders from (Slack blocks and e-mail alike).

export type NotifyEvent = 'success' | 'failure' | 'security' | 'deployment' | 'approval' | 'approval-expired' | 'awaiting-sync' | 'rollback';
export const NOTIFY_EVENTS: NotifyEvent[] = ['success', 'failure', 'security', 'deployment', 'approval', 'approval-expired', 'awaiting-sync', 'rollback'];

/** The build results a failure message reports (Jenkins' hudson.model.Result names). */
export type BuildResult = 'UNSTABLE' | 'FAILURE' | 'ABORTED';
export const BUILD_RESULTS: BuildResult[] = ['UNSTABLE', 'FAILURE', 'ABORTED'];

export type SeverityCounts = Partial<Record<'CRITICAL' | 'HIGH' | 'MEDIUM' | 'LOW' | 'UNKNOWN', number>>;

/** The part of gate-trivy's summary JSON a message shows. */
export interface SecuritySummary {
  verdict: string | null;
  target: string | null;
  vulnerabilities: SeverityCounts;
  secrets: SeverityCounts;
  misconfigurations: SeverityCounts;
}

export interface NotifyContext {
  event: NotifyEvent;
  app: string;
  buildName: string | null;
  buildUrl: string | null;
  branch: string | null;
  commit: string | null;
  version: string | null;
  environment: string | null;
  failedStage: string | null;
  logUrl: string | null;
  stageUrl: string | null;
  rebuildUrl: string | null;
  inputUrl: string | null;
  approvers: string[];
  approvalTimeout: string | null;
  security: SecuritySummary | null;
  /** failure: the build's result (an unstable or aborted build is reported through the failure route too); null reads as FAILURE. */
  result: BuildResult | null;
  /** Free text added under the headline. */
  text: string | null;
}

export const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'] as const;

function counts(value: unknown): SeverityCounts {
  const out: SeverityCounts = {};
  if (!value || typeof value !== 'object') return out;
  for (const s of SEVERITIES) {
    const n = (value as Record<string, unknown>)[s] ?? (value as Record<string, unknown>)[s.toLowerCase()];
    if (typeof n === 'number' && Number.isFinite(n)) out[s] = n;
  }
  return out;
}

/**
 * Reads a Trivy summary JSON: severity counts under `counts.{vulnerabilities,secrets,misconfigurations}`
 * or at the top level under the same names; `verdict` and `target` (or `image`) when present.
 */
export function readSecuritySummary(json: unknown): SecuritySummary {
  const root = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const holder = (root.counts && typeof root.counts === 'object' ? root.counts : root) as Record<string, unknown>;
  const str = (v: unknown) => (typeof v === 'string' && v ? v : null);
  return {
    verdict: str(root.verdict) ?? str(root.status),
    target: str(root.target) ?? str(root.image) ?? str(root.artifactName),
    vulnerabilities: counts(holder.vulnerabilities),
    secrets: counts(holder.secrets),
    misconfigurations: counts(holder.misconfigurations),
  };
}

/** "2 critical, 5 high" or "none". */
export function formatCounts(c: SeverityCounts): string {
  const parts = SEVERITIES.filter((s) => (c[s] ?? 0) > 0).map((s) => `${c[s]} ${s.toLowerCase()}`);
  return parts.length ? parts.join(', ') : 'none';
}

/** The links a failure message offers, defaulted from the build URL: console log, the stage view, and Restart from Stage. */
export function failureLinks(ctx: NotifyContext): { log: string | null; stage: string | null; rebuild: string | null } {
  const base = ctx.buildUrl ? (ctx.buildUrl.endsWith('/') ? ctx.buildUrl : `${ctx.buildUrl}/`) : null;
  return {
    log: ctx.logUrl ?? (base ? `${base}console` : null),
    stage: ctx.stageUrl ?? (base ? `${base}flowGraphTable/` : null),
    rebuild: ctx.rebuildUrl ?? (base ? `${base}restart/` : null),
  };
}

/** The one-line headline both Slack and e-mail use. */
export function headline(ctx: NotifyContext): string {
  const who = ctx.buildName ?? ctx.app;
  const where = ctx.environment ? ` to ${ctx.environment}` : '';
  const version = ctx.version ? ` ${ctx.version}` : '';
  switch (ctx.event) {
    case 'success':
      return `${who} succeeded`;
    case 'failure': {
      const what = ctx.result === 'UNSTABLE' ? 'is unstable' : ctx.result === 'ABORTED' ? 'was aborted' : 'failed';
      return ctx.failedStage ? `${who} ${what} at stage "${ctx.failedStage}"` : `${who} ${what}`;
    }
    case 'security':
      return `${who}: security findings${ctx.security?.verdict ? ` (${ctx.security.verdict})` : ''}`;
    case 'deployment':
      return `${ctx.app}${version} deployed${where}`;
    case 'approval':
      return `${ctx.app}${version} waits for approval to deploy${where}`;
    case 'approval-expired':
      // Jenkins ends the input the same way (ABORTED) when it expires and when an approver clicks Abort
      // (pipeline-input-step's InputStepExecution), so the message names both.
      return `${ctx.app}${version}: the approval to deploy${where} was not given (it expired or was rejected); nothing was deployed`;
    case 'awaiting-sync':
      return `${ctx.app}${version} is ready${where}: sync it in Argo CD`;
    case 'rollback':
      return `${ctx.app} rolled back${where}${version ? ` to${version}` : ''}`;
  }
}
