// argocd-sync: waits until Argo CD has the application synced at the expected revision and healthy (manual, auto or Jenkins-triggered sync), checks the image, and promotes or aborts a blue-green Rollout.
import { HelperUsageError, integerOption, main, type HelperResult, type HelperSpec, type ParsedOptions } from './shared/cli.js';
import { ArgoCdClient, type ArgoCdTarget } from './ops/argocd.js';
import { syncAndWait, type SyncMode, type SyncPlan } from './ops/argocd-sync.js';
import { durationOption, stringOption, urlOption } from './ops/options.js';
import { assertHostAllowed } from './shared/allowed-hosts.js';

export const ARGOCD_TOKEN_ENV = 'ARGOCD_TOKEN';

export interface ArgoCdSyncOptions {
  target: ArgoCdTarget;
  plan: SyncPlan;
}

export async function run(options: ArgoCdSyncOptions): Promise<HelperResult> {
  return { ...(await syncAndWait(new ArgoCdClient(options.target), options.plan)) };
}

function readOptions(o: ParsedOptions, env: NodeJS.ProcessEnv): ArgoCdSyncOptions {
  const server = urlOption(o, 'server');
  if (!server) throw new HelperUsageError('missing required option --server');
  // The token goes to --server only when the policy compiled into the library allows that host (PW_ALLOWED_HOSTS_ARGOCD).
  assertHostAllowed('argocd', server, env);
  const token = env[ARGOCD_TOKEN_ENV];
  if (!token) throw new HelperUsageError(`no Argo CD token: set env ${ARGOCD_TOKEN_ENV} (withCredentials)`);
  const mode = stringOption(o, 'mode') ?? 'auto';
  if (mode !== 'manual' && mode !== 'auto' && mode !== 'jenkins') throw new HelperUsageError('--mode takes manual, auto or jenkins');
  const strategy = stringOption(o, 'strategy') ?? 'rolling';
  if (strategy !== 'rolling' && strategy !== 'blue-green') throw new HelperUsageError('--strategy takes rolling or blue-green');
  const previewUrl = urlOption(o, 'preview-url');
  if (previewUrl && strategy !== 'blue-green') throw new HelperUsageError('--preview-url applies to --strategy blue-green');
  const requestTimeoutMs = durationOption(o, 'request-timeout', '10s');
  return {
    target: {
      server,
      token,
      appNamespace: stringOption(o, 'app-namespace'),
      policy: { timeoutMs: requestTimeoutMs, attempts: integerOption(o, 'attempts', 4, 1, 10), backoffMs: durationOption(o, 'backoff', '1s'), maxDelayMs: 30_000 },
    },
    plan: {
      app: stringOption(o, 'app')!,
      mode: mode as SyncMode,
      revision: stringOption(o, 'revision'),
      image: stringOption(o, 'image'),
      strategy,
      rollout: stringOption(o, 'rollout'),
      preview: previewUrl
        ? { url: previewUrl, expectBody: stringOption(o, 'preview-expect-body') ?? null, timeoutMs: durationOption(o, 'preview-timeout', '30s'), requestTimeoutMs: Math.min(requestTimeoutMs, 5000), intervalMs: durationOption(o, 'interval', '5s') }
        : null,
      promoteAction: stringOption(o, 'promote-action') ?? 'promote-full',
      abortAction: stringOption(o, 'abort-action') ?? 'abort',
      timeoutMs: durationOption(o, 'timeout', '5m'),
      intervalMs: durationOption(o, 'interval', '5s'),
    },
  };
}

export const spec: HelperSpec = {
  name: 'argocd-sync',
  summary: `Waits, within --timeout, until the Argo CD application is synced at --revision and healthy: synced by someone else (manual), by Argo CD's auto-sync (auto), or triggered here (jenkins); checks --image runs; for blue-green, checks the preview, then promotes or aborts the Rollout. Token from env ${ARGOCD_TOKEN_ENV}.`,
  options: {
    server: { type: 'string', valueName: 'URL', description: 'the Argo CD server, e.g. https://argocd.acme.internal', required: true },
    app: { type: 'string', valueName: 'NAME', description: 'the Argo CD application', required: true },
    'app-namespace': { type: 'string', valueName: 'NS', description: "the Application's namespace (apps in any namespace)" },
    mode: { type: 'string', valueName: 'MODE', description: 'manual | auto | jenkins', default: 'auto' },
    revision: { type: 'string', valueName: 'SHA', description: 'the GitOps commit the application must be synced to (7+ hex characters match a prefix)' },
    image: { type: 'string', valueName: 'REF', description: 'an image that must be running (status.summary.images), e.g. registry/app:42-abc1234' },
    strategy: { type: 'string', valueName: 'NAME', description: 'rolling | blue-green (an Argo Rollouts Rollout)', default: 'rolling' },
    rollout: { type: 'string', valueName: 'NAME', description: "blue-green: the Rollout's name (default: the application's only Rollout)" },
    'preview-url': { type: 'string', valueName: 'URL', description: 'blue-green: health-check this URL before promoting' },
    'preview-expect-body': { type: 'string', valueName: 'TEXT', description: "blue-green: text the preview's answer must contain" },
    'preview-timeout': { type: 'string', valueName: 'DURATION', description: 'blue-green: the preview health gate', default: '30s' },
    'promote-action': { type: 'string', valueName: 'ACTION', description: 'blue-green: the Rollout action that promotes', default: 'promote-full' },
    'abort-action': { type: 'string', valueName: 'ACTION', description: 'blue-green: the Rollout action that aborts', default: 'abort' },
    timeout: { type: 'string', valueName: 'DURATION', description: 'the deploy gate: everything within this', default: '5m' },
    interval: { type: 'string', valueName: 'DURATION', description: 'pause between polls', default: '5s' },
    'request-timeout': { type: 'string', valueName: 'DURATION', description: 'timeout of each request', default: '10s' },
    attempts: { type: 'string', valueName: 'N', description: 'attempts per request on 429, 5xx or network errors', default: '4' },
    backoff: { type: 'string', valueName: 'DURATION', description: 'first retry delay, doubled each retry', default: '1s' },
  },
  examples: [
    'ARGOCD_TOKEN=… argocd-sync --server https://argocd.acme.internal --app orders-api-prod --mode manual --revision "$GITOPS_COMMIT" --image registry/orders-api:42-abc1234 --timeout 5m',
    'argocd-sync --server https://argocd.acme.internal --app orders-api-staging --mode jenkins --strategy blue-green --preview-url https://orders-preview.staging.acme.com/healthz',
  ],
  secretEnv: [ARGOCD_TOKEN_ENV],
  run: (o) => run(readOptions(o, process.env)),
};

main(spec);
