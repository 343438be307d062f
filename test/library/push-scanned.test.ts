// Push what was scanned (issue 14 item 5, issue 16 item 7): simulated runs whose build, scan and push scripts really execute, with stand-ins for kaniko, Trivy and crane (test/fixtures/sim/image-tools).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { gitSync, removeDir, tempDir, writeFiles } from '../support/git-repo.js';
import { simulate, type Scenario, type SimOutcome } from '../support/jenkins-sim.js';
import { generateBeside, loadModel } from '../gen/support.js';

const TOOLS = join(ROOT, 'test', 'fixtures', 'sim', 'image-tools');
const IMAGE = 'docker.io/acme/batch-worker';
/** BUILD_NUMBER 42 and the simulator's GIT_COMMIT through the default "{build}-{shortCommit}". */
const TAG = '42-0123456';
const FINDING = 'CVE-2099-0001';

/** An image built with kaniko on Kubernetes, scanned and pushed to Docker Hub with an extra tag, and nothing deployed. */
const CONFIG = `version: 1
app: batch-worker
agent:
  kubernetes:
    inheritFrom: python-docker
    nodeImage: registry.acme.internal/pipewright-helpers:1
build:
  language: python
  install: "true"
  test: "true"
image:
  registry:
    type: dockerhub
    credentialsId: dockerhub
  repository: acme/batch-worker
  alsoTag: ["{branch}"]
security:
  trivy:
    failOn: [CRITICAL, HIGH]
    warnOn: [MEDIUM]
rollback:
  automatic: false
  manual: false
`;
const JUNIT = '<?xml version="1.0"?>\n<testsuite name="t" tests="1" failures="0" errors="0" skipped="0"><testcase classname="t" name="ok"/></testsuite>\n';
const COBERTURA =
  '<?xml version="1.0" ?>\n<coverage line-rate="1" branch-rate="0" lines-covered="1" lines-valid="1" version="7.4"><packages><package name="src" line-rate="1"><classes><class name="a.py" filename="a.py" line-rate="1"><lines><line number="1" hits="1"/></lines></class></classes></package></packages></coverage>\n';

const dirs: string[] = [];
const configDir = tempDir('pw-push-config-');
dirs.push(configDir);
writeFileSync(join(configDir, 'pipeline.yaml'), CONFIG);
const JENKINSFILE = join(configDir, 'Jenkinsfile');
writeFileSync(JENKINSFILE, generateBeside(loadModel(join(configDir, 'pipeline.yaml'))));
// The same config with the default helper image, node:20-bookworm, which has no crane.
const noCrane = join(configDir, 'Jenkinsfile.no-crane');
writeFileSync(
  noCrane,
  generateBeside(loadModel(join(configDir, 'pipeline.yaml'))).replaceAll('registry.acme.internal/pipewright-helpers:1', 'node:20-bookworm'),
);
// The same image built with docker on a label agent (whose host has every program): docker build, then docker save.
const dockerDir = tempDir('pw-push-docker-');
dirs.push(dockerDir);
writeFileSync(
  join(dockerDir, 'pipeline.yaml'),
  CONFIG.replace(/agent:\n(  .*\n)+/, 'agent:\n  label: linux\n').replace('  alsoTag:', '  builder: docker\n  alsoTag:'),
);
const DOCKER_JENKINSFILE = join(dockerDir, 'Jenkinsfile');
writeFileSync(DOCKER_JENKINSFILE, generateBeside(loadModel(join(dockerDir, 'pipeline.yaml'))));

/** A workspace holding a real commit, the reports the gates read, a Dockerfile, and the repository's own extra files. */
function run(name: string, repoFiles: Record<string, string>, extra: Partial<Scenario> = {}): { scenario: Scenario; workspace: string; log: string } {
  const workspace = tempDir('pw-push-ws-');
  const log = tempDir('pw-push-log-');
  dirs.push(workspace, log);
  writeFiles(workspace, {
    Dockerfile: 'FROM scratch\nCOPY . /app\n',
    'app.py': 'print("hi")\n',
    'reports/junit.xml': JUNIT,
    'reports/coverage.xml': COBERTURA,
    ...repoFiles,
  });
  gitSync(workspace, ['init', '-q']);
  gitSync(workspace, ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '--allow-empty', '-m', 'the commit being built']);
  // Leftovers of an earlier build in a reused workspace: the copy of the context must leave them out.
  mkdirSync(join(workspace, '.pipewright'), { recursive: true });
  writeFileSync(join(workspace, '.pipewright', 'image.tar'), 'an old tarball');
  const scenario: Scenario = {
    name,
    branch: 'develop',
    jenkinsfile: JENKINSFILE,
    execSh: true,
    workspace,
    sh: [{ match: 'notify\\.cjs' }],
    env: { PATH: `${TOOLS}:${process.env.PATH}`, PW_FAKE_LOG: log, PW_FAKE_FINDING: '', GIT_CONFIG_NOSYSTEM: '1' },
    ...extra,
  };
  return { scenario, workspace, log };
}

const clean = run('clean image', {});
const ignoredInRepo = run('repository ignore files', {
  '.trivyignore': `${FINDING}\n`,
  'trivy.yaml': 'severity: [LOW]\nvulnerability:\n  ignore-unfixed: true\n',
  'trivy-secret.yaml': 'disable-rules: [aws-access-key-id]\n',
});
ignoredInRepo.scenario.env!.PW_FAKE_FINDING = FINDING;
// The tarball changes after the scan: the scan's checksum stands for another file than the one left to push.
const changed = run(
  'tarball changed after the scan',
  {},
  { sh: [{ match: 'notify\\.cjs' }, { match: '^sha256sum "\\$PW_TARBALL"$', stdout: `${'c'.repeat(64)}  .pipewright/image.tar\n` }] },
);

const docker = run('docker builder', {}, { jenkinsfile: DOCKER_JENKINSFILE });

const outcomes = simulate([
  clean.scenario,
  docker.scenario,
  ignoredInRepo.scenario,
  changed.scenario,
  // Not executed: the default helper image has no crane, so the build stops at its preflight, before anything is built.
  { name: 'no crane in the helper image', branch: 'develop', jenkinsfile: noCrane },
]);
test.after(() => {
  for (const dir of dirs) removeDir(dir);
});

const get = (name: string): SimOutcome => outcomes.find((o) => o.name === name)!;
const stage = (o: SimOutcome, name: string) => o.stages.find((s) => s.name === name);
const logged = (log: string, file: string): string => (existsSync(join(log, file)) ? readFileSync(join(log, file), 'utf8') : '');
const why = (o: SimOutcome): string => `${o.errors.join('\n')}\n${JSON.stringify(o.stages.filter((s) => s.error).map((s) => [s.name, s.error]))}`;

test('crane pushes the very tarball Trivy scanned, and the build facts record the digest it reported', () => {
  const o = get('clean image');
  assert.is(o.result, 'SUCCESS', why(o));
  const scanned = logged(clean.log, 'scanned.txt').trim();
  assert.match(scanned, /^[0-9a-f]{64}$/);
  assert.is(logged(clean.log, 'pushed.txt'), `${scanned} ${IMAGE}:${TAG}\n`, 'one push, of the scanned bytes, under the build tag');
  // The extra tag names the pushed digest, so it cannot point at another image.
  assert.is(logged(clean.log, 'tagged.txt'), `${IMAGE}@sha256:${scanned} develop\n`);
  const facts = JSON.parse(readFileSync(join(clean.workspace, '.pipewright', 'build-facts.json'), 'utf8'));
  assert.equal([facts.tag, facts.digest, facts.image], [TAG, `sha256:${scanned}`, IMAGE]);
  assert.ok(
    o.calls.some((c) => c.step === 'stash' && JSON.stringify(c.args).includes('pipewright-build-facts')),
    'facts stashed for a restart',
  );
  // Nothing builds again: kaniko ran once, in the Build image stage.
  assert.equal(
    o.calls.filter((c) => c.step === 'sh' && /executor "\$@"/.test(c.script ?? '')).map((c) => c.stage),
    ['Build image'],
  );
});

test('with docker: the saved tarball is the one scanned and pushed, built from a context without .pipewright/', () => {
  const o = get('docker builder');
  assert.is(o.result, 'SUCCESS', why(o));
  assert.ok(
    o.calls.some((c) => c.step === 'sh' && (c.script ?? '').includes('docker save --output "$PW_TARBALL"')),
    'docker save ran',
  );
  const scanned = logged(docker.log, 'scanned.txt').trim();
  assert.match(scanned, /^[0-9a-f]{64}$/);
  assert.is(logged(docker.log, 'pushed.txt'), `${scanned} ${IMAGE}:${TAG}\n`);
  const context = logged(docker.log, 'context.txt').split('\n').filter(Boolean);
  assert.ok(context.includes('Dockerfile') && !context.includes('.pipewright'), context.join(' '));
});

test("pipewright's own files stay out of the build context; the repository's files are in it", () => {
  const context = logged(clean.log, 'context.txt').split('\n').filter(Boolean);
  assert.ok(context.includes('Dockerfile') && context.includes('app.py'), context.join(' '));
  assert.not.ok(context.includes('.pipewright'), 'no .pipewright/ (helpers, results, the last tarball) in the context');
  assert.not.ok(existsSync(join(clean.workspace, '.pipewright', 'context')), 'the context copy is removed after the build');
});

test('the registry login is written outside the workspace and removed when the push ends', () => {
  const config = logged(clean.log, 'docker-config.txt').trim();
  assert.ok(config.length > 0, 'crane auth login ran');
  assert.not.ok(config.startsWith(clean.workspace), config);
  assert.not.ok(existsSync(config), 'removed');
});

test('a committed .trivyignore, trivy.yaml or trivy-secret.yaml changes nothing: the finding fails the build and nothing is pushed', () => {
  const o = get('repository ignore files');
  assert.is(o.result, 'FAILURE', why(o));
  assert.is(stage(o, 'Security scan')!.status, 'failed');
  assert.match(stage(o, 'Security scan')!.error ?? '', /security gate failed: 1 CRITICAL/);
  assert.is(logged(ignoredInRepo.log, 'pushed.txt'), '', 'nothing pushed');
  // Trivy took its settings only from the files the step wrote.
  assert.equal(logged(ignoredInRepo.log, 'trivy-settings.txt').split('\n').filter(Boolean), [
    '.pipewright/trivyignore',
    '.pipewright/trivy.yaml',
    '.pipewright/trivy-secret.yaml',
  ]);
  assert.match(readFileSync(join(ignoredInRepo.workspace, '.pipewright', 'trivyignore'), 'utf8'), /^#[^\n]*\n$/, 'the pinned ignore file accepts nothing');
});

test('a tarball that changed after the scan is refused, and nothing is pushed', () => {
  const o = get('tarball changed after the scan');
  assert.is(o.result, 'FAILURE', why(o));
  assert.is(stage(o, 'Push image')!.status, 'failed');
  const push = o.calls.find((c) => c.step === 'sh' && c.stage === 'Push image' && (c.script ?? '').includes('crane push'));
  assert.match(push?.stderr ?? '', /is not the tarball the security scan read .*nothing was pushed/);
  assert.is(logged(changed.log, 'pushed.txt'), '');
});

test('a helper image without crane stops the build at its first step, naming the container, crane and the field', () => {
  const o = get('no crane in the helper image');
  assert.is(o.result, 'FAILURE');
  const checkout = stage(o, 'Checkout')!;
  assert.is(checkout.status, 'failed');
  assert.match(checkout.error ?? '', /node.*crane.*agent\.kubernetes\.nodeImage/);
  assert.not.ok(
    o.calls.some((c) => c.step === 'sh' && /executor|crane push/.test(c.script ?? '')),
    'nothing built or pushed',
  );
});

test.run();
