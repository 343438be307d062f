// argocd-sync: waits until Argo CD has the application synced at the expected revision and healthy (manual, auto or Jenkins-triggered sync), checks the image, and promotes or aborts a blue-green Rollout.
import { HelperUsageError, main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs, ParsedOptions } from './shared/options.js';
import { ArgoCdClient, type ArgoCdTarget } from './ops/argocd.js';
import { syncAndWait, type SyncPlan } from './ops/argocd-sync.js';
import { assertHostAllowed } from './shared/allowed-hosts.js';

export const ARGOCD_TOKEN_ENV = 'ARGOCD_TOKEN';

export interface ArgoCdSyncOptions {
  target: ArgoCdTarget;
  plan: SyncPlan;
}

export async function run(options: ArgoCdSyncOptions): Promise<HelperResult> {
  return { ...(await syncAndWait(new ArgoCdClient(options.target), options.plan)) };
}

export const options = {
  server: { type: 'url', description: 'the Argo CD server, e.g. https://argocd.acme.internal', required: true },
  app: { type: 'string', valueName: 'NAME', description: 'the Argo CD application', required: true },
  'app-namespace': { type: 'string', valueName: 'NS', description: "the Application's namespace (apps in any namespace)" },
  mode: {
    type: 'string',
    valueName: 'MODE',
    choices: ['manual', 'auto', 'jenkins'],
    description: "who syncs: someone else, Argo CD's auto-sync, or this helper",
    default: 'auto',
  },
  revision: { type: 'string', valueName: 'SHA', description: 'the GitOps commit the application must be synced to (7+ hex characters match a prefix)' },
  image: { type: 'string', valueName: 'REF', description: 'an image that must be running (status.summary.images), e.g. registry/app:42-abc1234' },
  strategy: {
    type: 'string',
    valueName: 'NAME',
    choices: ['rolling', 'blue-green'],
    description: 'the deployment strategy (blue-green: an Argo Rollouts Rollout)',
    default: 'rolling',
  },
  rollout: { type: 'string', valueName: 'NAME', description: "blue-green: the Rollout's name (default: the application's only Rollout)" },
  'preview-url': { type: 'url', description: 'blue-green: health-check this URL before promoting' },
  'preview-expect-body': { type: 'string', valueName: 'TEXT', description: "blue-green: text the preview's answer must contain" },
  'preview-timeout': { type: 'duration', description: 'blue-green: the preview health gate', default: '30s' },
  'promote-action': { type: 'string', valueName: 'ACTION', description: 'blue-green: the Rollout action that promotes', default: 'promote-full' },
  'abort-action': { type: 'string', valueName: 'ACTION', description: 'blue-green: the Rollout action that aborts', default: 'abort' },
  timeout: { type: 'duration', description: 'the deploy gate: everything within this', default: '5m' },
  interval: { type: 'duration', description: 'pause between polls', default: '5s' },
  'request-timeout': { type: 'duration', description: 'timeout of each request', default: '10s' },
  attempts: { type: 'integer', min: 1, max: 10, description: 'attempts per request on 429, 5xx or network errors', default: 4 },
  backoff: { type: 'duration', description: 'first retry delay, doubled each retry', default: '1s' },
} as const satisfies OptionSpecs;

function readOptions(o: ParsedOptions<typeof options>, env: NodeJS.ProcessEnv): ArgoCdSyncOptions {
  // The token goes to --server only when the policy compiled into the library allows that host (PW_ALLOWED_HOSTS_ARGOCD).
  assertHostAllowed('argocd', o.server, env);
  const token = env[ARGOCD_TOKEN_ENV];
  if (!token) throw new HelperUsageError(`no Argo CD token: set env ${ARGOCD_TOKEN_ENV} (withCredentials)`);
  const previewUrl = o['preview-url'];
  if (previewUrl && o.strategy !== 'blue-green') throw new HelperUsageError('--preview-url applies to --strategy blue-green');
  return {
    target: {
      server: o.server,
      token,
      appNamespace: o['app-namespace'],
      policy: { timeoutMs: o['request-timeout'], attempts: o.attempts, backoffMs: o.backoff, maxDelayMs: 30_000 },
    },
    plan: {
      app: o.app,
      mode: o.mode,
      revision: o.revision,
      image: o.image,
      strategy: o.strategy,
      rollout: o.rollout,
      preview: previewUrl
        ? {
            url: previewUrl,
            expectBody: o['preview-expect-body'] ?? null,
            timeoutMs: o['preview-timeout'],
            requestTimeoutMs: Math.min(o['request-timeout'], 5000),
            intervalMs: o.interval,
          }
        : null,
      promoteAction: o['promote-action'],
      abortAction: o['abort-action'],
      timeoutMs: o.timeout,
      intervalMs: o.interval,
    },
  };
}

export const spec: HelperSpec<typeof options> = {
  name: 'argocd-sync',
  summary: `Waits, within --timeout, until the Argo CD application is synced at --revision and healthy: synced by someone else (manual), by Argo CD's auto-sync (auto), or triggered here (jenkins); checks --image runs; for blue-green, checks the preview, then promotes or aborts the Rollout. Token from env ${ARGOCD_TOKEN_ENV}.`,
  options,
  examples: [
    'ARGOCD_TOKEN=… argocd-sync --server https://argocd.acme.internal --app orders-api-prod --mode manual --revision "$GITOPS_COMMIT" --image registry/orders-api:42-abc1234 --timeout 5m',
    'argocd-sync --server https://argocd.acme.internal --app orders-api-staging --mode jenkins --strategy blue-green --preview-url https://orders-preview.staging.acme.com/healthz',
  ],
  secretEnv: [ARGOCD_TOKEN_ENV],
  run: (o) => run(readOptions(o, process.env)),
};

main(spec);
