// The examples' generated Jenkinsfiles run with the real vars/ steps under the Groovy 2.4 pipeline simulator: per branch, per failure, and end to end against a real manifests repository.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { bareRepoWith, gitSync, redirectingGit, removeDir, tempDir, writeFiles } from '../support/git-repo.js';
import { IMAGE_TOOL_STUBS, SIM_PUSHED_DIGEST, ranStages, simulate, type Scenario, type SimCall, type SimOutcome } from '../support/jenkins-sim.js';

const jenkinsfile = (example: string): string => join(ROOT, 'examples', example, 'Jenkinsfile');
const PYTHON = jenkinsfile('python-service');
const NODE = jenkinsfile('node-helm-service');
const GO = jenkinsfile('go-library');

const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api';
/** BUILD_NUMBER 42 and the simulator's GIT_COMMIT, through the examples' "{build}-{shortCommit}". */
const NEW_TAG = '42-0123456';
const OLD_TAG = '41-aaaaaaa';
/** The digest build 41 pushed, in its stashed facts. */
const OLD_DIGEST = `sha256:${'c'.repeat(64)}`;
const DEV_MANIFEST = 'apps/orders-api/overlays/dev/kustomization.yaml';

const kustomization = (tag: string): string =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - deployment.yaml\nimages:\n  - name: orders-api\n    newName: ${IMAGE}\n    newTag: ${tag}\n`;
/** The dev row of the seed's deployment table, as python-service declares it: rolling, 2 replicas, the minimal profile. */
const DEPLOYMENT =
  'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: orders-api\nspec:\n  replicas: 2\n  strategy:\n    type: RollingUpdate\n  selector:\n    matchLabels: { app: orders-api }\n  template:\n    metadata:\n      labels: { app: orders-api }\n    spec:\n      containers:\n        - name: orders-api\n          image: orders-api\n          resources:\n            requests: { cpu: 100m, memory: 128Mi }\n            limits: { cpu: 250m, memory: 256Mi }\n';

/** A Cobertura report with `hit` of five lines covered: 4 is exactly the examples' 80 % minimum. */
const cobertura = (hit: number): string =>
  `<?xml version="1.0" ?>\n<coverage line-rate="${hit / 5}" branch-rate="0" lines-covered="${hit}" lines-valid="5" version="7.4">\n  <packages><package name="src" line-rate="${hit / 5}"><classes>\n    <class name="app.py" filename="src/app.py" line-rate="${hit / 5}"><lines>\n${[1, 2, 3, 4, 5].map((n) => `      <line number="${n}" hits="${n <= hit ? 1 : 0}"/>`).join('\n')}\n    </lines></class>\n  </classes></package></packages>\n</coverage>\n`;
const JUNIT =
  '<?xml version="1.0"?>\n<testsuite name="pytest" tests="2" failures="0" errors="0" skipped="0">\n  <testcase classname="tests.test_app" name="test_health"/>\n  <testcase classname="tests.test_app" name="test_orders"/>\n</testsuite>\n';

/** Commands that stand in for tools this machine does not run (pip, pytest, kaniko, Trivy, crane, Sonar) and services it cannot reach (Argo CD, Slack). */
const OFFLINE_STUBS = [
  ...IMAGE_TOOL_STUBS,
  { match: '^pip install' },
  { match: '^pytest' },
  { match: '^sonar-scanner' },
  { match: 'executor "\\$@"' },
  { match: 'trivy image' },
  { match: 'gate-trivy\\.cjs' },
  { match: 'argocd-sync\\.cjs' },
  { match: 'notify\\.cjs' },
];

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Jenkins',
  GIT_AUTHOR_EMAIL: 'jenkins@example.com',
  GIT_COMMITTER_NAME: 'Jenkins',
  GIT_COMMITTER_EMAIL: 'jenkins@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** A workspace and a bare manifests repository that the example's https URL is redirected to (a git on PATH that says url.<base>.insteadOf). */
function endToEnd(name: string, healthStatus: number, coverageHit: number): { scenario: Scenario; bare: string; dirs: string[] } {
  const { bare, root } = bareRepoWith({ [DEV_MANIFEST]: kustomization(OLD_TAG), 'apps/orders-api/overlays/dev/deployment.yaml': DEPLOYMENT });
  const workspace = tempDir('pw-sim-ws-');
  const redirect = redirectingGit(bare, 'https://github.com/acme/k8s-manifests.git');
  writeFiles(workspace, { 'reports/junit.xml': JUNIT, 'reports/coverage.xml': cobertura(coverageHit) });
  gitSync(workspace, ['init', '-q']);
  // pwCheckout reads the commit's author where git is: the workspace holds a real commit.
  gitSync(workspace, ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '--allow-empty', '-m', 'the commit being built']);
  const scenario: Scenario = {
    name,
    branch: 'develop',
    jenkinsfile: PYTHON,
    execSh: true,
    workspace,
    sh: [...OFFLINE_STUBS, { match: 'health-check\\.cjs', status: healthStatus }],
    env: { ...GIT_IDENTITY, PATH: redirect.path },
  };
  return { scenario, bare, dirs: [root, workspace, redirect.dir] };
}

const deployed = endToEnd('e2e deploy', 0, 5);
const rolledBack = endToEnd('e2e rollback', 1, 5);
const atThreshold = endToEnd('e2e coverage at the minimum', 0, 4);
atThreshold.scenario.branch = 'feature/x';

/** alice is in the allow-lists' groups: Jenkins' input admits group members. */
const USERS = { alice: { groups: ['ops', 'web-leads'] } };
/** pwCheckout reads the commit author with git; the approval's four-eyes check needs it. */
const AUTHOR = { match: 'log -1 --format=%ae', stdout: 'dev@acme.com\n' };
const approve = { inputs: { 'Approve: prod': 'alice' }, users: USERS, sh: [AUTHOR] };
/** What bump-image's result file says when it changed the manifest: an automatic rollback undoes only such a change. */
const bumped = { files: { '.pipewright/bump-image-result.json': JSON.stringify({ ok: true, changed: true, commit: 'abc1234' }) } };
/**
 * What build 41's steps left in env, which Restart from Stage copies into the restarted build (EnvActionImpl.Copier):
 * its approval of prod, its changed environment and notes, with its build facts and its own records' build number.
 */
const ORIGINAL_ENV = {
  PW_RECORDS_OF_BUILD: '41',
  PW_POLICY_APPROVED: 'prod=alice',
  PW_CHANGED_ENVIRONMENT: 'staging',
  PW_NOTES: 'deploying prod did not finish; rolled back automatically',
  PW_DEPLOYED_ENVIRONMENT: 'staging',
  PW_DEPLOYED_VERSION: '41-aaaaaaa',
  PW_GITOPS_REVISION: 'abc1234',
  PW_COMMIT_AUTHOR_EMAIL: 'dev@acme.com',
};
const outcomes = simulate([
  { name: 'python develop', branch: 'develop', jenkinsfile: PYTHON },
  { name: 'python main', branch: 'main', jenkinsfile: PYTHON, ...approve },
  { name: 'python feature', branch: 'feature/x', jenkinsfile: PYTHON },
  {
    name: 'python prod health fails',
    branch: 'main',
    jenkinsfile: PYTHON,
    ...approve,
    ...bumped,
    sh: [AUTHOR, { match: 'health-check\\.cjs', status: 0 }],
    fail: [{ step: 'sh', stage: 'Wait for Argo CD sync: prod', match: 'health-check' }],
  },
  { name: 'python dev bump refused', branch: 'develop', jenkinsfile: PYTHON, sh: [{ match: 'bump-image\\.cjs', status: 1 }] },
  { name: 'python trivy critical', branch: 'develop', jenkinsfile: PYTHON, sh: [{ match: 'gate-trivy\\.cjs', status: 1 }] },
  { name: 'python coverage gate', branch: 'develop', jenkinsfile: PYTHON, sh: [{ match: 'gate-coverage\\.cjs', status: 1 }] },
  { name: 'node develop', branch: 'develop', jenkinsfile: NODE },
  { name: 'node main', branch: 'main', jenkinsfile: NODE },
  { name: 'node release', branch: 'release/1.4', jenkinsfile: NODE, ...approve },
  { name: 'node feature', branch: 'feature/x', jenkinsfile: NODE },
  { name: 'node prod health fails', branch: 'release/1.4', jenkinsfile: NODE, ...approve, ...bumped, sh: [AUTHOR, { match: 'health-check\\.cjs', status: 1 }] },
  // The input admits an administrator whatever its list says; the approve helper (not run here: its refusal is
  // injected, as test/helpers covers the allow-list) refuses one who is not on it.
  {
    name: 'python main, an administrator off the list approves',
    branch: 'main',
    jenkinsfile: PYTHON,
    ...approve,
    inputs: { 'Approve: prod': 'root' },
    users: { ...USERS, root: { admin: true } },
    fail: [{ step: 'sh', stage: 'Wait for approval: prod', match: 'approve\\.cjs' }],
  },
  { name: 'python main, no commit author', branch: 'main', jenkinsfile: PYTHON, ...approve, sh: [], commitAuthor: '' },
  {
    name: 'python main restarted',
    branch: 'main',
    jenkinsfile: PYTHON,
    ...approve,
    sh: [],
    restartFrom: 'Deploy: staging',
    stashes: {
      'pipewright-build-facts': {
        '.pipewright/build-facts.json': JSON.stringify({
          tag: OLD_TAG,
          digest: OLD_DIGEST,
          commit: 'aaaaaaa0000000000000000000000000000000aa',
          shortCommit: 'aaaaaaa',
          authorEmail: 'dev@acme.com',
        }),
      },
    },
  },
  {
    name: 'python rollback prod',
    branch: 'main',
    jenkinsfile: PYTHON,
    users: USERS,
    inputs: { 'Approve rollback: prod': 'alice' },
    params: { PW_ROLLBACK_ENVIRONMENT: 'prod', PW_ROLLBACK_REVISION: OLD_TAG },
  },
  {
    name: 'python rollback prod, approval expires',
    branch: 'main',
    jenkinsfile: PYTHON,
    users: USERS,
    inputs: { 'Approve rollback: prod': 'timeout' },
    params: { PW_ROLLBACK_ENVIRONMENT: 'prod' },
  },
  { name: 'python rollback prod from develop', branch: 'develop', jenkinsfile: PYTHON, params: { PW_ROLLBACK_ENVIRONMENT: 'prod' } },
  { name: 'python main restarted, facts gone', branch: 'main', jenkinsfile: PYTHON, ...approve, restartFrom: 'Deploy: staging' },
  {
    name: 'python main restarted at the prod deploy',
    branch: 'main',
    jenkinsfile: PYTHON,
    ...approve,
    sh: [],
    restartFrom: 'Deploy: prod',
    originalEnv: ORIGINAL_ENV,
    stashes: {
      'pipewright-build-facts': {
        '.pipewright/build-facts.json': JSON.stringify({
          tag: OLD_TAG,
          digest: OLD_DIGEST,
          commit: 'aaaaaaa0000000000000000000000000000000aa',
          shortCommit: 'aaaaaaa',
          authorEmail: 'dev@acme.com',
        }),
      },
    },
  },
  {
    name: 'python main restarted at the approval',
    branch: 'main',
    jenkinsfile: PYTHON,
    ...approve,
    sh: [],
    restartFrom: 'Approve: prod',
    originalEnv: ORIGINAL_ENV,
    stashes: {
      'pipewright-build-facts': {
        '.pipewright/build-facts.json': JSON.stringify({
          tag: OLD_TAG,
          digest: OLD_DIGEST,
          commit: 'aaaaaaa0000000000000000000000000000000aa',
          shortCommit: 'aaaaaaa',
          authorEmail: 'dev@acme.com',
        }),
      },
    },
  },
  {
    name: 'python main restarted at the approval, another approver',
    branch: 'main',
    jenkinsfile: PYTHON,
    ...approve,
    inputs: { 'Approve: prod': 'bob' },
    users: { ...USERS, bob: { groups: ['ops'] } },
    sh: [],
    restartFrom: 'Approve: prod',
    originalEnv: ORIGINAL_ENV,
    stashes: {
      'pipewright-build-facts': {
        '.pipewright/build-facts.json': JSON.stringify({
          tag: OLD_TAG,
          digest: OLD_DIGEST,
          commit: 'aaaaaaa0000000000000000000000000000000aa',
          shortCommit: 'aaaaaaa',
          authorEmail: 'dev@acme.com',
        }),
      },
    },
  },
  { name: 'node trivy critical', branch: 'develop', jenkinsfile: NODE, sh: [{ match: 'gate-trivy\\.cjs', status: 1 }] },
  { name: 'node coverage gate', branch: 'develop', jenkinsfile: NODE, sh: [{ match: 'gate-coverage\\.cjs', status: 1 }] },
  { name: 'go develop', branch: 'develop', jenkinsfile: GO },
  { name: 'go feature', branch: 'feature/x', jenkinsfile: GO },
  deployed.scenario,
  rolledBack.scenario,
  atThreshold.scenario,
]);

test.after(() => {
  for (const dir of [...deployed.dirs, ...rolledBack.dirs, ...atThreshold.dirs]) removeDir(dir);
});

const get = (name: string): SimOutcome => {
  const o = outcomes.find((x) => x.name === name)!;
  assert.equal(
    o.errors.filter((e) => !e.startsWith('post ')),
    [],
    `${name}: ${o.errors.join('\n')}`,
  );
  return o;
};
const stage = (o: SimOutcome, name: string) => o.stages.find((s) => s.name === name);
/** Library step calls (top level of a stage or post block), with their arguments. */
const libraryCalls = (o: SimOutcome, step: string): SimCall[] => o.calls.filter((c) => c.library && c.step === step);
/** The sh scripts a library step ran that start a bundled helper. */
const helperRuns = (o: SimOutcome, helper: string): SimCall[] =>
  o.calls.filter((c) => c.step === 'sh' && (c.script ?? '').includes(`node .pipewright/${helper}.cjs`));
const args = (c: SimCall): Record<string, unknown> => (Array.isArray(c.args) ? (c.args[0] as Record<string, unknown>) : c.args);

const BUILD_AND_TEST = ['Checkout', 'Install', 'Unit tests', 'Coverage gate'];
const SCAN_AND_PUBLISH = ['Build image', 'Security scan', 'Push image'];

test('python-service, develop: build, test, scan and publish, then dev deploys without input', () => {
  const o = get('python develop');
  assert.is(o.result, 'SUCCESS');
  const ran = ranStages(o);
  for (const s of [...BUILD_AND_TEST, ...SCAN_AND_PUBLISH, 'Deploy: dev']) assert.ok(ran.includes(s), s);
  // dev deploys in one stage: bump, sync and health check are its steps, not stages.
  for (const s of ['Update manifests: dev', 'Argo CD sync: dev', 'Health check: dev']) assert.not.ok(ran.includes(s), s);
  for (const s of ['Deploy: staging', 'Approve: prod', 'Deploy: prod', 'Manual rollback']) assert.not.ok(ran.includes(s), s);
  assert.equal(
    o.calls.filter((c) => c.stageInput),
    [],
  );
  // The steps ran their helpers: the gates, the bump, the sync, the health check.
  for (const h of ['test-summary', 'gate-coverage', 'gate-trivy', 'bump-image', 'argocd-sync', 'health-check', 'record-metrics'])
    assert.ok(helperRuns(o, h).length > 0, h);
  const bump = helperRuns(o, 'bump-image')[0]!;
  assert.is(bump.stage, 'Deploy: dev');
  assert.ok(
    ['PW_ENVIRONMENT', 'PW_MANIFEST', 'PW_TAG', 'PW_GIT_TOKEN'].every((v) => bump.env!.includes(v)),
    bump.env!.join(' '),
  );
  assert.equal(o.postRan, ['always', 'success']);
  assert.equal(
    libraryCalls(o, 'pwNotify').map((c) => args(c).event),
    ['deployment', 'success'],
  );
});

test('python-service, main: staging, then the approval, then prod from the same build', () => {
  const o = get('python main');
  assert.is(o.result, 'SUCCESS');
  const ran = ranStages(o);
  for (const s of [...BUILD_AND_TEST, ...SCAN_AND_PUBLISH]) assert.ok(ran.includes(s), s);
  const order = [
    'Deploy: staging',
    'Approve: prod',
    'Request approval: prod',
    'Wait for approval: prod',
    'Update manifests: prod',
    'Wait for Argo CD sync: prod',
  ];
  assert.equal(
    ran.filter((s) => order.includes(s)),
    order,
  );
  assert.not.ok(ran.includes('Deploy: dev'));
  assert.equal(
    o.calls.filter((c) => c.stageInput).map((c) => c.stage),
    ['Wait for approval: prod'],
  );
  const approval = helperRuns(o, 'approve');
  assert.is(approval.length, 1);
  assert.is(approval[0]!.stage, 'Wait for approval: prod');
  assert.is(args(libraryCalls(o, 'pwApprove')[0]!).approver, 'alice');
  // alice is on the allow-list through her group: the re-check gets her groups from Jenkins.
  const approveEnv = o.calls.find((c) => c.step === 'withEnv' && c.stage === 'Wait for approval: prod' && JSON.stringify(c.args).includes('PW_APPROVER='))!;
  assert.ok((approveEnv.args as string[][])[0]!.includes('PW_APPROVER_GROUPS=ops,web-leads'), JSON.stringify(approveEnv.args));
  assert.match(approval[0]!.script!, /--approver-groups "\$PW_APPROVER_GROUPS"/);
  // The manual sync waits on a borrowed pod, not on an agent the stage holds.
  assert.ok(o.calls.some((c) => c.step === 'podTemplate' && c.stage === 'Wait for Argo CD sync: prod'));
  assert.ok(helperRuns(o, 'bump-image').some((c) => c.stage === 'Update manifests: prod'));
  // prod is bumped holding its lock (the same name from every branch), after the milestone; the input holds none.
  assert.equal(helperRuns(o, 'bump-image').find((c) => c.stage === 'Update manifests: prod')!.locks, ['orders-api/prod']);
  assert.equal(o.calls.find((c) => c.stageInput)!.locks, []);
  assert.ok(o.calls.some((c) => c.step === 'milestone' && c.stage === 'Update manifests: prod'));
});

test('python-service, main without a commit author: the build fails loudly before prod is touched (no approval on an unknown author)', () => {
  const o = get('python main, no commit author');
  assert.is(o.result, 'FAILURE');
  // pwCheckout reads the author where git exists and refuses an empty one; pwApprove's own check never gets that far.
  assert.match(stage(o, 'Checkout')!.error!, /^pwCheckout: the commit \w+ has no author e-mail/);
  assert.equal(helperRuns(o, 'approve'), []);
  assert.not.ok(helperRuns(o, 'bump-image').some((c) => c.stage === 'Update manifests: prod'));
});

test('manual prod rollback: approved like a prod deploy, outside the agent; it waits for the manual sync as long as a deploy; other branches refuse it', () => {
  const o = get('python rollback prod');
  assert.is(o.result, 'SUCCESS', JSON.stringify(o.stages.filter((s) => s.error)));
  const input = o.calls.find((c) => c.stageInput)!;
  assert.is(input.stage, 'Approve rollback: prod');
  assert.is(args(input).submitter, 'ops');
  const ran = ranStages(o);
  assert.ok(ran.indexOf('Approve rollback: prod') < ran.indexOf('Roll back'));
  // One "Roll back" stage serves every environment: it holds the chosen one's lock, read from the parameter.
  assert.equal(
    helperRuns(o, 'rollback').map((c) => c.locks),
    [['orders-api/prod']],
  );
  // Its Jenkins timeout around the sync is prod's, looked up by the parameter: the manual sync's 24h and a minute.
  const timeouts = o.calls.filter((c) => c.step === 'timeout' && c.stage === 'Roll back').map((c) => (c.args as Array<{ time: number; unit: string }>)[0]!);
  assert.equal(
    timeouts.map((t) => `${t.time} ${t.unit}`),
    ['5 MINUTES', '1441 MINUTES', '90 SECONDS'],
  );
  assert.equal(
    libraryCalls(o, 'pwRollback').map((c) => [args(c).environment, args(c).revision, args(c).automatic]),
    [['prod', OLD_TAG, undefined]],
  );
  // The call leaves the timeout to prod's facts (PW_ENVIRONMENT_FACTS); the helper still gets 24h.
  assert.is(args(libraryCalls(o, 'pwArgoSync')[0]!).timeout, undefined);
  assert.is(envValue(o, 'Roll back', 'PW_TIMEOUT'), '24h');
  assert.not.ok(ran.includes('Push image'));
  const expired = get('python rollback prod, approval expires');
  assert.is(expired.result, 'ABORTED');
  assert.equal(helperRuns(expired, 'rollback'), []);
  const wrong = get('python rollback prod from develop');
  assert.is(wrong.result, 'FAILURE');
  assert.match(stage(wrong, 'Check rollback target')!.error!, /does not deploy the environment chosen.*prod from main/);
  assert.equal(helperRuns(wrong, 'rollback'), []);
});

/** The value a step passed in its withEnv list, in a stage. */
const envValue = (o: SimOutcome, stageName: string, name: string): string | undefined => {
  for (const c of o.calls.filter((x) => x.step === 'withEnv' && x.stage === stageName)) {
    const hit = ((c.args as string[][])[0] ?? []).find((v) => v.startsWith(`${name}=`));
    if (hit) return hit.slice(name.length + 1);
  }
  return undefined;
};

test('the Build stage stashes what it pushed; Restart from Stage deploys that tag, not one computed from the new build number, and restores its digest', () => {
  const normal = get('python main');
  assert.ok(normal.calls.some((c) => c.step === 'stash' && c.stage === 'Push image' && JSON.stringify(c.args).includes('pipewright-build-facts')));
  assert.is(envValue(normal, 'Deploy: staging', 'PW_TAG'), NEW_TAG);
  assert.is(normal.env.PW_IMAGE_DIGEST, SIM_PUSHED_DIGEST, 'pwPushImage puts the pushed digest in env');
  assert.ok(JSON.stringify(normal.options).includes('preserveStashes'));
  const o = get('python main restarted');
  assert.is(o.result, 'SUCCESS', JSON.stringify(o.stages.filter((s) => s.error)));
  assert.is(stage(o, 'Build')!.status, 'skipped-for-restart');
  assert.is(envValue(o, 'Deploy: staging', 'PW_TAG'), OLD_TAG);
  assert.is(envValue(o, 'Update manifests: prod', 'PW_TAG'), OLD_TAG);
  // The digest comes back with the tag: env.PW_IMAGE_DIGEST names what build 41 pushed, as after a normal push.
  assert.is(o.env.PW_IMAGE_DIGEST, OLD_DIGEST);
  // The approval after the restart still knows the commit author, from the same facts.
  assert.is(stage(o, 'Approve: prod')!.status, 'success');
  // The environment facts come from the pipeline's environment, which a restart evaluates again: the calls name
  // no manifest, and the helpers still get staging's and prod's.
  assert.is(envValue(o, 'Deploy: staging', 'PW_MANIFEST'), 'apps/orders-api/overlays/staging/kustomization.yaml');
  assert.is(envValue(o, 'Update manifests: prod', 'PW_MANIFEST'), 'apps/orders-api/overlays/prod/kustomization.yaml');
  assert.is(envValue(o, 'Wait for Argo CD sync: prod', 'PW_URL'), 'https://orders.acme.com/healthz');
});

test('an approval refused by pwApprove fails the build and says so; it is not announced as expired (review of #14, fifth read)', () => {
  const o = get('python main, an administrator off the list approves');
  assert.is(o.result, 'FAILURE');
  assert.is(stage(o, 'Wait for approval: prod')!.status, 'failed');
  assert.equal(stage(o, 'Approve: prod')!.post, [], "the approval group's post meets no condition for a refusal");
  assert.not.ok(ranStages(o).includes('Deploy: prod'));
  const events = libraryCalls(o, 'pwNotify').map((c) => args(c).event);
  assert.ok(events.includes('failure'), events.join(' '));
  assert.not.ok(events.includes('approval-expired'), events.join(' '));
});

test('Restart from Stage at the approval: pwApprove reads the original facts on the agent it borrows (unstash needs a workspace), then prod deploys that tag', () => {
  const o = get('python main restarted at the approval');
  assert.is(o.result, 'SUCCESS', JSON.stringify(o.stages.filter((s) => s.error)));
  assert.is(stage(o, 'Deploy: staging')!.status, 'skipped-for-restart');
  assert.is(stage(o, 'Approve: prod')!.status, 'success');
  assert.is(envValue(o, 'Update manifests: prod', 'PW_TAG'), OLD_TAG);
});

test('a restarted build records only its own approval: the copied approver of the original build is forgotten before pwApprove records (review of #14 N3)', () => {
  const o = get('python main restarted at the approval, another approver');
  assert.is(o.result, 'SUCCESS', JSON.stringify(o.stages.filter((s) => s.error)));
  assert.is(o.env.PW_POLICY_APPROVED, 'prod=bob');
  assert.is(o.env.PW_RECORDS_OF_BUILD, '42', 'the records are of this build, not of build 41');
});

test('Restart from Stage at the prod deploy skips the approval stage, so the deploy is refused before anything is bumped (review of #14 F4)', () => {
  const o = get('python main restarted at the prod deploy');
  assert.is(o.result, 'FAILURE');
  assert.is(stage(o, 'Approve: prod')!.status, 'skipped-for-restart');
  // Jenkins copied build 41's approval into this build's env; the steps forget it, so it does not count here.
  assert.match(
    o.stages.map((s) => s.error ?? '').join(' '),
    /pwBumpManifest: this build was restarted from a stage after the approval of prod.*restart from 'Approve: prod'/,
  );
  assert.equal(helperRuns(o, 'bump-image'), []);
});

test('a restart whose original facts are gone is refused with a clear message before anything is bumped', () => {
  const o = get('python main restarted, facts gone');
  assert.is(o.result, 'FAILURE');
  assert.match(stage(o, 'Deploy: staging')!.error!, /restarted from a stage after Build.*run the whole pipeline again/);
  assert.equal(helperRuns(o, 'bump-image'), []);
});

test('a deploy stage the branch skips takes none of its options: no build waits on the lock of an environment it does not deploy', () => {
  // ModelInterpreter.evaluateStage enters a stage's options (its lock) before its when unless the when says beforeOptions.
  for (const [name, skipped] of [
    ['python develop', ['Deploy: staging', 'Deploy: prod']],
    ['python feature', ['Deploy: dev', 'Deploy: staging', 'Deploy: prod']],
  ] as const) {
    const o = get(name);
    for (const s of skipped) {
      assert.is(stage(o, s)!.status, 'skipped', `${name}: ${s}`);
      assert.is(stage(o, s)!.options, undefined, `${name}: ${s} entered its options (its lock) only to be skipped`);
    }
  }
  assert.ok(stage(get('python develop'), 'Deploy: dev')!.options!.includes('lock'), 'the deploy that runs holds its lock');
});

test('python-service, feature/x: build and test only', () => {
  const o = get('python feature');
  assert.is(o.result, 'SUCCESS');
  const ran = ranStages(o);
  for (const s of BUILD_AND_TEST) assert.ok(ran.includes(s), s);
  for (const s of [...SCAN_AND_PUBLISH, 'Deploy: dev', 'Deploy: staging', 'Approve: prod', 'Deploy: prod']) assert.not.ok(ran.includes(s), s);
  assert.equal(helperRuns(o, 'bump-image'), []);
});

test('python-service, a failing prod health check: automatic rollback (no hold) and the failure notification', () => {
  const o = get('python prod health fails');
  assert.is(o.result, 'FAILURE');
  assert.is(stage(o, 'Wait for Argo CD sync: prod')!.status, 'failed');
  // sync: manual: the health check is a step of the wait, a child of the locked Deploy stage, whose post rolls back.
  assert.equal(stage(o, 'Deploy: prod')!.post, ['failure']);
  const rollbacks = libraryCalls(o, 'pwRollback');
  assert.is(rollbacks.length, 1);
  assert.is(rollbacks[0]!.stage, 'Deploy: prod');
  assert.is(args(rollbacks[0]!).automatic, true);
  assert.not.ok('hold' in args(rollbacks[0]!));
  const run = helperRuns(o, 'rollback')[0]!;
  assert.ok(run.env!.includes('PW_AUTOMATIC'));
  assert.match(run.script!, /\$\{PW_AUTOMATIC:\+--automatic\}/);
  assert.equal(
    libraryCalls(o, 'pwNotify')
      .filter((c) => c.stage === 'post')
      .map((c) => args(c).event),
    ['failure'],
  );
});

test('python-service, a refused bump (a manual rollback holds dev): the automatic rollback undoes nothing', () => {
  const o = get('python dev bump refused');
  assert.is(o.result, 'FAILURE');
  assert.is(stage(o, 'Deploy: dev')!.status, 'failed');
  assert.is(libraryCalls(o, 'pwRollback').length, 1, 'the failure post still calls the step');
  assert.equal(helperRuns(o, 'rollback'), [], 'but the rollback helper never runs');
  assert.ok(o.calls.some((c) => c.step === 'echo' && JSON.stringify(c.args).includes('nothing to roll back in dev')));
});

test('python-service, a Trivy CRITICAL: the scan fails before publish and the security alert goes out', () => {
  const o = get('python trivy critical');
  assert.is(o.result, 'FAILURE');
  assert.is(stage(o, 'Security scan')!.status, 'failed');
  assert.match(stage(o, 'Security scan')!.error!, /pwScanImage: gate-trivy failed/);
  assert.is(stage(o, 'Push image')!.status, 'skipped-after-failure');
  assert.equal(helperRuns(o, 'bump-image'), []);
  const security = libraryCalls(o, 'pwNotify').filter((c) => args(c).event === 'security');
  assert.is(security.length, 1);
  assert.is(security[0]!.stage, 'Security scan');
  assert.equal(args(security[0]!).targets, ['slack:#security', 'email:security@acme.com']);
  assert.ok(o.calls.some((c) => c.step === 'emailext' && (args(c).to as string) === 'security@acme.com'));
});

test('python-service, the coverage gate failing stops the build before the image', () => {
  const o = get('python coverage gate');
  assert.is(o.result, 'FAILURE');
  assert.is(stage(o, 'Coverage gate')!.status, 'failed');
  assert.is(stage(o, 'Build image')!.status, 'skipped-after-failure');
});

test('node-helm-service: develop deploys dev, main deploys staging, release/* asks and deploys prod, feature/x only builds and tests', () => {
  const ranFor = (name: string) => ranStages(get(name));
  for (const name of ['node develop', 'node main', 'node release', 'node feature']) assert.is(get(name).result, 'SUCCESS', name);
  assert.ok(ranFor('node develop').includes('Deploy: dev'));
  assert.ok(ranFor('node develop').includes('Push image'));
  assert.equal(
    get('node develop').calls.filter((c) => c.stageInput),
    [],
  );
  assert.ok(ranFor('node main').includes('Deploy: staging'));
  assert.not.ok(ranFor('node main').includes('Approve: prod'));
  const release = get('node release');
  assert.equal(
    release.calls.filter((c) => c.stageInput).map((c) => c.stage),
    ['Wait for approval: prod'],
  );
  assert.ok(ranFor('node release').indexOf('Approve: prod') < ranFor('node release').indexOf('Deploy: prod'));
  for (const s of [...SCAN_AND_PUBLISH, 'Deploy: dev', 'Deploy: staging', 'Deploy: prod']) assert.not.ok(ranFor('node feature').includes(s), s);
  for (const s of ['Checkout', 'Install', 'Unit tests', 'Coverage gate']) assert.ok(ranFor('node feature').includes(s), s);
});

test('node-helm-service failures: prod health check rolls back automatically; Trivy blocks the push; the coverage gate fails', () => {
  const health = get('node prod health fails');
  assert.is(health.result, 'FAILURE');
  const rollback = libraryCalls(health, 'pwRollback');
  assert.equal(
    rollback.map((c) => [args(c).environment, args(c).automatic]),
    [['prod', true]],
  );
  assert.ok(helperRuns(health, 'rollback').length === 1);
  assert.equal(
    libraryCalls(health, 'pwNotify')
      .filter((c) => c.stage === 'post')
      .map((c) => args(c).event),
    ['failure'],
  );
  const trivy = get('node trivy critical');
  assert.is(stage(trivy, 'Security scan')!.status, 'failed');
  assert.is(stage(trivy, 'Push image')!.status, 'skipped-after-failure');
  assert.equal(
    libraryCalls(trivy, 'pwNotify')
      .filter((c) => args(c).event === 'security')
      .map((c) => args(c).targets),
    [['slack:#security']],
  );
  assert.is(stage(get('node coverage gate'), 'Coverage gate')!.status, 'failed');
});

test("go-library: go runs in the pod's build container, the report gates in its node container; the build succeeds", () => {
  for (const name of ['go develop', 'go feature']) {
    const o = get(name);
    assert.is(o.result, 'SUCCESS', `${name}: ${JSON.stringify(o.stages.filter((s) => s.error))}`);
    assert.equal(o.missingTools, []);
    for (const s of ['Checkout', 'Lint', 'Unit tests', 'Coverage gate']) assert.ok(ranStages(o).includes(s), `${name}: ${s} ran`);
    // The team hears of the success, and of no failure.
    assert.equal(
      o.calls.filter((c) => c.step === 'emailext').map((c) => args(c).subject),
      ['retry-go: success'],
    );
  }
});

const manifestAt = (bare: string): string => gitSync(bare, ['show', `main:${DEV_MANIFEST}`]);
const holdRecord = (bare: string): { hold?: unknown; failedTags?: Array<{ tag: string }> } =>
  JSON.parse(gitSync(bare, ['show', 'main:.pipewright/deployments/dev/orders-api.json']));

test('end to end: the real helpers bump the new tag into the manifests repository', () => {
  const o = get('e2e deploy');
  assert.is(o.result, 'SUCCESS', JSON.stringify(o.stages.filter((s) => s.error)));
  const bump = helperRuns(o, 'bump-image')[0]!;
  assert.is(bump.status, 0, bump.stderr);
  assert.match(manifestAt(deployed.bare), new RegExp(`newTag: ${NEW_TAG}\\n`));
  const log = gitSync(deployed.bare, ['log', '--format=%s', 'main']);
  assert.match(log, new RegExp(`deploy\\(dev\\): orders-api ${OLD_TAG} -> ${NEW_TAG}`));
  // test-summary, gate-coverage and record-metrics ran for real too.
  for (const h of ['test-summary', 'gate-coverage', 'record-metrics']) assert.is(helperRuns(o, h)[0]!.status, 0, h);
  // bump-image checked the manifest against the deployment table the Jenkinsfile passed, and it matched.
  const bumpResult = JSON.parse(readFileSync(join(deployed.scenario.workspace!, '.pipewright', 'bump-image-result.json'), 'utf8'));
  assert.equal(bumpResult.deploymentCheck.checkedWorkloads, ['Deployment/orders-api']);
  assert.equal(bumpResult.deploymentCheck.mismatches, []);
  // The metrics record carries the build's result, duration, coverage and the deployment.
  const record = JSON.parse(readFileSync(join(deployed.scenario.workspace!, 'metrics', 'orders-api-42.jsonl'), 'utf8').trim());
  assert.is(record.durationMs, 61000);
  assert.is(record.coverage.lineRate, 1);
  assert.equal(record.deployment, { environment: 'dev', version: NEW_TAG });
});

test('end to end: a failed health check restores the previous tag (automatic: no hold, the tag marked failed)', () => {
  const o = get('e2e rollback');
  assert.is(o.result, 'FAILURE');
  assert.is(stage(o, 'Deploy: dev')!.status, 'failed');
  assert.match(stage(o, 'Deploy: dev')!.error!, /health/i);
  assert.is(helperRuns(o, 'rollback')[0]!.status, 0, helperRuns(o, 'rollback')[0]!.stderr);
  assert.match(manifestAt(rolledBack.bare), new RegExp(`newTag: ${OLD_TAG}\\n`));
  const record = holdRecord(rolledBack.bare);
  assert.not.ok(record.hold);
  assert.equal(
    (record.failedTags ?? []).map((t) => t.tag),
    [NEW_TAG],
  );
  const log = gitSync(rolledBack.bare, ['log', '--format=%s', 'main']).split('\n');
  assert.match(log[0]!, /^revert\(dev\): orders-api .*automatic rollback/);
});

test('end to end: coverage exactly at the minimum fails the gate with the helper message', () => {
  const o = get('e2e coverage at the minimum');
  assert.is(o.result, 'FAILURE');
  const gate = helperRuns(o, 'gate-coverage')[0]!;
  assert.is(gate.status, 1);
  assert.is(stage(o, 'Coverage gate')!.status, 'failed');
  assert.match(stage(o, 'Coverage gate')!.error!, /^pwCoverageGate: .*80/);
  assert.ok(
    readFileSync(join(atThreshold.dirs[1]!, '.pipewright', 'gate-coverage-result.json'), 'utf8').includes('"exitCode": 1') ||
      readFileSync(join(atThreshold.dirs[1]!, '.pipewright', 'gate-coverage-result.json'), 'utf8').includes('"exitCode":1'),
  );
});

test.run();
