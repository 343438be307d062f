// argocd-sync against a loopback Argo CD: the three sync modes, the deploy timeout, image and revision checks, degraded resources, blue-green promote and abort.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runBundledHelper, type HelperRun } from '../support/run-helper.js';
import { startArgoCd, type ArgoScenario, type ArgoState } from '../support/services.js';
import { startStub, type StubServer } from '../support/stub-server.js';
import type { ReadJson } from '../support/json.js';

const TOKEN = 'argocd-Token.eyJhbGciOiJIUzI1NiJ9.secretpart';
const OLD = '1111111111111111111111111111111111111111';
const NEW = '2222222222222222222222222222222222222222';
const IMAGE = 'registry.acme.internal:5000/orders-api:42-abc1234';
const OLD_IMAGE = 'registry.acme.internal:5000/orders-api:41-0ff1ce0';

function status(o: {
  sync: string;
  rev: string;
  health: string;
  images?: string[];
  op?: string;
  opMessage?: string;
  resources?: ReadJson[];
  failed?: ReadJson[];
}) {
  return {
    sync: { status: o.sync, revision: o.rev, comparedTo: { source: { targetRevision: 'HEAD' } } },
    health: { status: o.health },
    summary: { images: o.images ?? [OLD_IMAGE] },
    resources: o.resources ?? [
      { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'prod', name: 'orders-api', status: o.sync, health: { status: o.health } },
    ],
    ...(o.op ? { operationState: { phase: o.op, message: o.opMessage ?? '', syncResult: { revision: o.rev, resources: o.failed ?? [] } } } : {}),
  };
}

const rollout = (health: string) => ({
  group: 'argoproj.io',
  version: 'v1alpha1',
  kind: 'Rollout',
  namespace: 'staging',
  name: 'orders-api',
  status: 'Synced',
  health: { status: health, ...(health === 'Suspended' ? { message: 'BlueGreen pause' } : {}) },
});
const crashingPod = {
  version: 'v1',
  kind: 'Pod',
  namespace: 'prod',
  name: 'orders-api-7d9f-x2x',
  health: { status: 'Degraded', message: 'back-off 5m0s restarting failed container' },
  images: [IMAGE],
};

const SCENARIOS: Record<string, ArgoScenario> = {
  // Operations sync by hand: out of sync for two looks, then progressing, then healthy on the new image.
  'orders-manual': {
    status: (s: ArgoState) =>
      s.gets <= 2
        ? status({ sync: 'OutOfSync', rev: OLD, health: 'Healthy' })
        : s.gets === 3
          ? status({ sync: 'Synced', rev: NEW, health: 'Progressing', op: 'Running' })
          : status({ sync: 'Synced', rev: NEW, health: 'Healthy', images: [IMAGE], op: 'Succeeded' }),
  },
  'orders-auto': {
    automated: true,
    status: (s) =>
      s.gets <= 1
        ? status({ sync: 'OutOfSync', rev: OLD, health: 'Healthy' })
        : status({ sync: 'Synced', rev: NEW, health: 'Healthy', images: [`${IMAGE}@sha256:${'a'.repeat(64)}`] }),
  },
  'orders-no-autosync': { status: () => status({ sync: 'OutOfSync', rev: OLD, health: 'Healthy' }) },
  // Moves only once a sync was requested here.
  'orders-jenkins': {
    status: (s) =>
      s.syncs.length === 0
        ? status({ sync: 'OutOfSync', rev: OLD, health: 'Healthy' })
        : s.gets <= 3
          ? status({ sync: 'Synced', rev: NEW, health: 'Progressing', op: 'Running' })
          : status({ sync: 'Synced', rev: NEW, health: 'Healthy', images: [IMAGE], op: 'Succeeded' }),
  },
  'orders-busy': {
    busy: true,
    status: (s) =>
      s.gets <= 2
        ? status({ sync: 'OutOfSync', rev: OLD, health: 'Healthy', op: 'Running' })
        : status({ sync: 'Synced', rev: NEW, health: 'Healthy', images: [IMAGE], op: 'Succeeded' }),
  },
  'orders-stuck': {
    status: () => status({ sync: 'OutOfSync', rev: OLD, health: 'Degraded' }),
    tree: [crashingPod, { group: 'apps', version: 'v1', kind: 'ReplicaSet', namespace: 'prod', name: 'orders-api-7d9f', health: { status: 'Healthy' } }],
  },
  'orders-degraded': {
    status: () =>
      status({
        sync: 'Synced',
        rev: NEW,
        health: 'Degraded',
        images: [IMAGE],
        op: 'Succeeded',
        resources: [
          {
            group: 'apps',
            version: 'v1',
            kind: 'Deployment',
            namespace: 'prod',
            name: 'orders-api',
            status: 'Synced',
            health: { status: 'Degraded', message: 'Deployment "orders-api" exceeded its progress deadline' },
          },
        ],
      }),
    tree: [crashingPod],
  },
  // Auto-sync has the new revision but cannot apply it healthy: OutOfSync and Degraded at that revision, no sync running.
  'orders-degraded-outofsync': { automated: true, status: () => status({ sync: 'OutOfSync', rev: NEW, health: 'Degraded' }), tree: [crashingPod] },
  'orders-wrong-image': { status: () => status({ sync: 'Synced', rev: NEW, health: 'Healthy', images: [OLD_IMAGE] }) },
  'orders-sync-failed': {
    status: () =>
      status({
        sync: 'OutOfSync',
        rev: NEW,
        health: 'Healthy',
        op: 'Failed',
        opMessage: 'one or more objects failed to apply',
        failed: [
          {
            group: '',
            version: 'v1',
            kind: 'ConfigMap',
            namespace: 'prod',
            name: 'orders-config',
            status: 'SyncFailed',
            message: 'ConfigMap "orders-config" is invalid: data: Too long',
          },
        ],
      }),
  },
  // Blue-green: the Rollout pauses with the preview up; a promote makes it healthy; an abort leaves it degraded.
  'orders-bluegreen': {
    status: (s) => {
      const promoted = s.actions.some((a) => a.endsWith(':promote-full'));
      if (s.gets <= 1) return status({ sync: 'OutOfSync', rev: OLD, health: 'Healthy', resources: [rollout('Healthy')] });
      if (!promoted) return status({ sync: 'Synced', rev: NEW, health: 'Suspended', images: [OLD_IMAGE, IMAGE], resources: [rollout('Suspended')] });
      return status({ sync: 'Synced', rev: NEW, health: 'Healthy', images: [IMAGE], resources: [rollout('Healthy')] });
    },
  },
};

let argo: StubServer & { state?: Record<string, ArgoState> };
let state: Record<string, ArgoState>;
let preview: StubServer;
test.before(async () => {
  const started = startArgoCd(TOKEN, SCENARIOS);
  state = started.state;
  argo = await started;
  preview = await startStub({
    routes: [
      { method: 'GET', path: '/good/healthz', handle: () => ({ body: 'ok 42-abc1234' }) },
      { method: 'GET', path: '/bad/healthz', handle: () => ({ status: 500, body: 'database unreachable' }) },
    ],
  });
});
test.after(async () => {
  await argo.close();
  await preview.close();
});
test.before.each(() => {
  argo.requests.length = 0;
  for (const s of Object.values(state)) Object.assign(s, { gets: 0, syncs: [], actions: [] });
});

const FAST = ['--interval', '10ms', '--backoff', '5ms', '--request-timeout', '10s'];
const sync = (app: string, args: string[], token = TOKEN) =>
  runBundledHelper('argocd-sync', ['--server', argo.url, '--app', app, ...args, ...FAST], { ARGOCD_TOKEN: token });

function assertNoLeak(run: HelperRun, secret = TOKEN) {
  for (const text of [run.stdout, run.stderr, run.resultText]) assert.not.ok(text.includes(secret), `the token leaked into: ${text.slice(0, 300)}`);
}

test('manual: waits for someone else to sync to the revision and for health, triggers nothing, checks the image; the token reached Argo CD only', async () => {
  const run = await sync('orders-manual', ['--mode', 'manual', '--revision', NEW, '--image', IMAGE, '--timeout', '20s']);
  assert.is(run.code, 0, run.stderr);
  assert.is(run.result.synced, true);
  assert.is(run.result.healthy, true);
  assert.is(run.result.imageRunning, true);
  assert.is(run.result.syncTriggered, false);
  assert.is(run.result.observed.syncedRevision, NEW);
  assert.ok(argo.requests.every((r) => r.method === 'GET' && r.path === '/api/v1/applications/orders-manual'));
  assert.is(argo.requests[0]!.query.get('refresh'), 'normal');
  assert.ok(argo.requests.every((r) => r.headers.authorization === `Bearer ${TOKEN}`));
  assert.is(state['orders-manual']!.gets, 4);
  assertNoLeak(run);
});

test('auto: waits for the auto-sync; an image with a digest after the tag counts as running; an abbreviated revision matches', async () => {
  const run = await sync('orders-auto', ['--mode', 'auto', '--revision', NEW.slice(0, 8), '--image', IMAGE, '--timeout', '20s']);
  assert.is(run.code, 0, run.stderr);
  assert.is(run.result.imageRunning, true);
});

test('auto refuses an application without an automated sync policy instead of waiting forever', async () => {
  const run = await sync('orders-no-autosync', ['--mode', 'auto', '--revision', NEW]);
  assert.is(run.code, 1);
  assert.match(run.result.message, /no automated sync policy/);
});

test('jenkins: POSTs the sync with the revision, then waits', async () => {
  const run = await sync('orders-jenkins', ['--mode', 'jenkins', '--revision', NEW, '--image', IMAGE, '--timeout', '20s']);
  assert.is(run.code, 0, run.stderr);
  assert.is(run.result.syncTriggered, true);
  const posts = argo.requests.filter((r) => r.method === 'POST');
  assert.is(posts.length, 1);
  assert.is(posts[0]!.path, '/api/v1/applications/orders-jenkins/sync');
  assert.equal(posts[0]!.json(), { name: 'orders-jenkins', revision: NEW, prune: false, dryRun: false });
  assert.is(posts[0]!.headers['content-type'], 'application/json');
  assertNoLeak(run);
});

test('jenkins: a sync already running elsewhere is waited on, not an error', async () => {
  const run = await sync('orders-busy', ['--mode', 'jenkins', '--revision', NEW, '--timeout', '20s']);
  assert.is(run.code, 0, run.stderr);
  assert.is(run.result.syncTriggered, false);
});

test('the deploy timeout ends the wait (exit 1) and reports the degraded resources from the resource tree', async () => {
  // The application never syncs, so the deadline ends the wait the same way however loaded the machine is; 15 s leaves
  // a freshly started helper on a loaded machine time for the polls that read the sync status and the resource tree.
  const run = await sync('orders-stuck', ['--mode', 'manual', '--revision', NEW, '--timeout', '15s']);
  assert.is(run.code, 1);
  assert.match(run.result.message, /not synced and healthy within 15 s \(sync status OutOfSync at 111111111111, waiting for 222222222222\)/);
  assert.equal(run.result.degraded, [
    { kind: 'Pod', namespace: 'prod', name: 'orders-api-7d9f-x2x', health: 'Degraded', status: null, message: 'back-off 5m0s restarting failed container' },
    { kind: 'Deployment', namespace: 'prod', name: 'orders-api', health: 'Degraded', status: 'OutOfSync', message: null },
  ]);
  assert.ok(argo.requests.some((r) => r.path === '/api/v1/applications/orders-stuck/resource-tree'));
});

test('Degraded at the expected revision fails at once, with the reasons', async () => {
  const run = await sync('orders-degraded', ['--mode', 'manual', '--revision', NEW, '--timeout', '60s']);
  assert.is(run.code, 1);
  assert.match(run.result.message, /synced at the expected revision but Degraded/);
  assert.is(run.result.polls, 2);
  assert.equal(
    run.result.degraded.map((d: ReadJson) => `${d.kind}/${d.name}: ${d.message}`),
    ['Pod/orders-api-7d9f-x2x: back-off 5m0s restarting failed container', 'Deployment/orders-api: Deployment "orders-api" exceeded its progress deadline'],
  );
});

test('auto: Degraded and OutOfSync at the expected revision fails at once instead of being polled as "not synced yet"', async () => {
  const run = await sync('orders-degraded-outofsync', ['--mode', 'auto', '--revision', NEW, '--timeout', '20s']);
  assert.is(run.code, 1);
  assert.match(run.result.message, /Degraded and OutOfSync at the expected revision with no sync running/);
  assert.ok(run.result.polls <= 2, `polled ${run.result.polls} times`);
  assert.equal(
    run.result.degraded.map((d: { name: string }) => d.name),
    ['orders-api-7d9f-x2x', 'orders-api'],
  );
});

test('synced and healthy on the wrong image fails', async () => {
  const run = await sync('orders-wrong-image', ['--mode', 'manual', '--revision', NEW, '--image', IMAGE]);
  assert.is(run.code, 1);
  assert.is(run.result.imageRunning, false);
  assert.match(run.result.message, /is not running \(running: registry\.acme\.internal:5000\/orders-api:41-0ff1ce0\)/);
});

test('a failed sync operation fails with the resource that did not apply', async () => {
  const run = await sync('orders-sync-failed', ['--mode', 'manual', '--revision', NEW]);
  assert.is(run.code, 1);
  assert.match(run.result.message, /the sync operation failed: one or more objects failed to apply/);
  assert.equal(run.result.degraded[0], {
    kind: 'ConfigMap',
    namespace: 'prod',
    name: 'orders-config',
    health: null,
    status: 'SyncFailed',
    message: 'ConfigMap "orders-config" is invalid: data: Too long',
  });
});

test('refusals: a wrong token (401), an unknown application (404), a wrong server path (404); the wrong token is never printed', async () => {
  const wrongToken = 'argocd-wrong-token-0000';
  const unauthorised = await sync('orders-manual', ['--mode', 'manual'], wrongToken);
  assert.is(unauthorised.code, 1);
  assert.match(unauthorised.result.message, /Argo CD refused the token \(401: invalid session/);
  assert.is(argo.requests[0]!.headers.authorization, `Bearer ${wrongToken}`);
  assertNoLeak(unauthorised, wrongToken);
  const unknown = await sync('orders-nope', ['--mode', 'manual']);
  assert.is(unknown.code, 1);
  assert.match(unknown.result.message, /Argo CD has no application "orders-nope" \(404: applications\.argoproj\.io "orders-nope" not found\)/);
  const wrongPath = await runBundledHelper('argocd-sync', ['--server', `${argo.url}/argocd`, '--app', 'orders-manual', ...FAST], { ARGOCD_TOKEN: TOKEN });
  assert.is(wrongPath.code, 1);
  assert.match(wrongPath.result.message, /404/);
});

test('Argo CD answering 503, 429 and dropping a connection is retried within the same poll', async () => {
  argo.inject('GET', '/api/v1/applications/{name}', { status: 503 }, { status: 429, headers: { 'retry-after': '0' } }, { drop: true });
  const run = await sync('orders-auto', ['--mode', 'auto', '--revision', NEW, '--timeout', '20s']);
  assert.is(run.code, 0, run.stderr);
  assert.is(argo.requests.length, 3 + state['orders-auto']!.gets);
});

test('blue-green: waits for the paused preview, health-checks it, promotes through the resource action, waits for healthy', async () => {
  const ok = await sync('orders-bluegreen', [
    '--mode',
    'manual',
    '--strategy',
    'blue-green',
    '--revision',
    NEW,
    '--image',
    IMAGE,
    '--preview-url',
    `${preview.url}/good/healthz`,
    '--preview-expect-body',
    '42-abc1234',
    '--timeout',
    '20s',
  ]);
  assert.is(ok.code, 0, ok.stderr);
  assert.is(ok.result.promoted, true);
  assert.is(ok.result.preview.healthy, true);
  const action = argo.requests.find((r) => r.method === 'POST')!;
  assert.is(action.path, '/api/v1/applications/orders-bluegreen/resource/actions');
  assert.equal(Object.fromEntries(action.query), {
    namespace: 'staging',
    resourceName: 'orders-api',
    version: 'v1alpha1',
    group: 'argoproj.io',
    kind: 'Rollout',
  });
  assert.is(action.body, '"promote-full"');
  assert.equal(state['orders-bluegreen']!.actions, ['Rollout/orders-api:promote-full']);
  assertNoLeak(ok);
});

test('blue-green: a failing preview aborts the Rollout and fails (exit 1), nothing promoted', async () => {
  const run = await sync('orders-bluegreen', [
    '--mode',
    'manual',
    '--strategy',
    'blue-green',
    '--revision',
    NEW,
    '--preview-url',
    `${preview.url}/bad/healthz`,
    '--preview-timeout',
    '5s',
    '--timeout',
    '20s',
  ]);
  assert.is(run.code, 1);
  assert.is(run.result.aborted, true);
  assert.is(run.result.promoted, false);
  assert.is(run.result.preview.lastError, 'HTTP 500');
  assert.equal(state['orders-bluegreen']!.actions, ['Rollout/orders-api:abort']);
  assert.match(run.result.message, /the Rollout was aborted/);
});

test('usage errors exit 2: no token, unknown mode', async () => {
  assert.is((await runBundledHelper('argocd-sync', ['--server', argo.url, '--app', 'x'])).code, 2);
  assert.is((await sync('x', ['--mode', 'sometimes'])).code, 2);
});

test.run();
