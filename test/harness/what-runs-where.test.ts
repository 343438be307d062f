// The simulator's "what runs where" semantics (issue 14): containers have only their image's tools, workspace-bound steps need a node, readJSON's JSONNull.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { simulate, type SimOutcome } from '../support/jenkins-sim.js';
import { generateBeside, loadModel } from '../gen/support.js';

const FIX = join(ROOT, 'test', 'fixtures', 'sim');
const where = join(FIX, 'Jenkinsfile.where');
const PYTHON = join(ROOT, 'examples', 'python-service', 'Jenkinsfile');
// alice is in the ops group that prod's input admits (part B's submitter semantics).
const approve = { inputs: { 'Approve: prod': 'alice' }, users: { alice: { groups: ['ops'] } } };
/** The fixture's stages, one scenario each (PW_CASE picks the stage). */
const CASES = ['Pod', 'Git in the build container', 'Unknown image', 'String outside a node', 'SSH key outside a node', 'sh outside a node', 'readJSON'];

// The seed's config with the helper image 0.1.0 defaulted to: node:20-alpine has no git.
const dir = mkdtempSync(join(tmpdir(), 'pw-where-'));
const alpine = join(dir, 'Jenkinsfile');
const model = loadModel(join(ROOT, 'examples', 'python-service', 'pipeline.yaml'));
if (model.agent.kind === 'kubernetes') model.agent.nodeImage = 'node:20-alpine';
writeFileSync(alpine, generateBeside(model));
// The seed's config with an ssh manifests repository: prod's manual-sync wait holds no agent, its rollback binds the key.
const ssh = join(dir, 'Jenkinsfile.ssh');
const sshModel = loadModel(join(ROOT, 'examples', 'python-service', 'pipeline.yaml'));
sshModel.gitops!.repo = 'ssh://git@git.acme.internal/platform/manifests.git';
writeFileSync(ssh, generateBeside(sshModel));

const outcomes = simulate(
  [
    ...CASES.map((c) => ({ name: c, branch: 'main', jenkinsfile: where, env: { PW_CASE: c } })),
    { name: 'Unknown image, declared', branch: 'main', jenkinsfile: where, env: { PW_CASE: 'Unknown image' }, images: { 'acme/tools:1': ['node'] } },
    { name: 'alpine helper image', branch: 'develop', jenkinsfile: alpine },
    { name: 'python develop', branch: 'develop', jenkinsfile: PYTHON },
    { name: 'python main', branch: 'main', jenkinsfile: PYTHON, ...approve },
    { name: 'no author', branch: 'develop', jenkinsfile: PYTHON, commitAuthor: '' },
    {
      name: 'ssh repo, manual sync times out',
      branch: 'main',
      jenkinsfile: ssh,
      ...approve,
      files: { '.pipewright/bump-image-result.json': JSON.stringify({ ok: true, changed: true, commit: 'abc1234' }) },
      fail: [{ step: 'sh', stage: 'Wait for Argo CD sync: prod', match: 'argocd-sync' }],
    },
  ],
  { varsDir: join(ROOT, 'vars') },
);
test.after(() => rmSync(dir, { recursive: true, force: true }));
const get = (name: string): SimOutcome => outcomes.find((o) => o.name === name)!;
const stage = (o: SimOutcome, name: string) => o.stages.find((s) => s.name === name)!;

test('a container has the tools of its image (the table): git in node:20-bookworm, pip in python:3.12-slim', () => {
  assert.is(stage(get('Pod'), 'Pod').status, 'success');
  assert.is(get('Pod').calls.find((c) => c.step === 'sh' && c.script === 'git --version')?.status, 0);
});

test('git in python:3.12-slim fails the step, naming the container and its image', () => {
  const s = stage(get('Git in the build container'), 'Git in the build container');
  assert.is(s.status, 'failed');
  assert.is(s.error, 'sh: git: not found in the container "build" (image python:3.12-slim)');
  assert.ok(get('Git in the build container').missingTools.some((m) => m.tool === 'git' && m.stage === 'Git in the build container'));
});

test('an image outside the table has only a shell, unless its tools are declared', () => {
  assert.is(stage(get('Unknown image'), 'Unknown image').error, 'sh: node: not found in the docker container (image acme/tools:1)');
  assert.is(stage(get('Unknown image, declared'), 'Unknown image').status, 'success');
});

test('a string binding works outside a node; an ssh key binding and sh need a workspace', () => {
  assert.is(stage(get('String outside a node'), 'String outside a node').status, 'success');
  assert.match(stage(get('SSH key outside a node'), 'SSH key outside a node').error!, /sshUserPrivateKey binding of deploy-key needs a workspace/);
  assert.match(stage(get('sh outside a node'), 'sh outside a node').error!, /^sh: Required context class hudson\.FilePath is missing/);
});

test('readJSON without returnPojo turns null into a truthy JSONNull that env stores as "null"; returnPojo keeps null', () => {
  const o = get('readJSON');
  const echo = o.calls.find((c) => c.step === 'echo' && c.stage === 'readJSON');
  assert.equal(echo?.args, ['jsonLib truthy: yes; pojo truthy: no']);
  assert.is(o.result, 'SUCCESS');
});

test("0.1.0's helper image (node:20-alpine) fails the build at the preflight, in seconds, before anything is bumped", () => {
  const o = get('alpine helper image');
  assert.is(o.result, 'FAILURE');
  assert.is(
    stage(o, 'Checkout').error,
    'pwPreflight: the container "node" (image node:20-alpine) has no git, crane, docker-credential-ecr-login; change agent.kubernetes.nodeImage (nothing has been changed yet; the helper environment: docs/helpers/README.md)',
  );
  assert.not.ok(o.calls.some((c) => c.step === 'checkout' || (c.script ?? '').includes('bump-image')));
});

test('the seed example runs every program where it exists: checkout in the node container, sonar-scanner in the sonar container', () => {
  for (const name of ['python develop', 'python main']) {
    const o = get(name);
    assert.is(
      o.result,
      'SUCCESS',
      `${name}: ${o.stages
        .filter((s) => s.error)
        .map((s) => `${s.name}: ${s.error}`)
        .join('; ')}`,
    );
    assert.equal(o.missingTools, []);
  }
  const scan = get('python develop').calls.find((c) => c.step === 'sh' && (c.script ?? '').startsWith('sonar-scanner'))!;
  assert.is(scan.script, 'sonar-scanner -Dsonar.projectKey="$PW_SONAR_PROJECT_KEY"');
  assert.ok(scan.env!.includes('PW_SONAR_PROJECT_KEY'));
});

test('pwCheckout fails loudly when the commit author cannot be read, instead of leaving it empty', () => {
  const o = get('no author');
  assert.is(o.result, 'FAILURE');
  assert.match(stage(o, 'Checkout').error!, /^pwCheckout: the commit 0123456789abcdef0123456789abcdef01234567 has no author e-mail/);
});

test("an ssh manifests repository: the agent-less manual-sync deploy's rollback (its post) binds the key on the agent it takes, not outside a node", () => {
  const o = get('ssh repo, manual sync times out');
  assert.is(stage(o, 'Wait for Argo CD sync: prod').status, 'failed');
  assert.equal(
    o.errors.filter((e) => e.includes('needs a workspace')),
    [],
  );
  const rollback = o.calls.find((c) => c.step === 'sh' && (c.script ?? '').includes('node .pipewright/rollback.cjs'));
  assert.ok(rollback, 'the rollback helper ran');
  assert.ok(rollback!.env!.includes('PW_GIT_SSH_KEY'), 'with the key bound');
  const bind = o.calls.find((c) => c.step === 'withCredentials' && c.stage === 'Deploy: prod' && (c.bound ?? []).includes('PW_GIT_SSH_KEY'))!;
  assert.ok(bind.depth > 0, 'bound inside pwRollback');
});

test.run();
