// From init to a green first run: four hand-written repository shapes go init → lint → gen → a simulated run per deploying branch, with the real bump-image against a bare copy of the repository.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { initShape, PRESET_IMAGES, SHAPES_LIST } from '../support/init-shapes.js';
import { bareRepoWith, gitSync, redirectingGit, removeDir, tempDir, writeFiles } from '../support/git-repo.js';
import { IMAGE_TOOL_STUBS, ranStages, simulate, type Scenario, type SimOutcome } from '../support/jenkins-sim.js';
import { loadFile } from '../../src/config/load.js';
import type { Model } from '../../src/config/model.js';

const GIT_IDENTITY = {
  GIT_AUTHOR_NAME: 'Jenkins',
  GIT_AUTHOR_EMAIL: 'jenkins@example.com',
  GIT_COMMITTER_NAME: 'Jenkins',
  GIT_COMMITTER_EMAIL: 'jenkins@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

/** Keys whose TODO init may leave: what only the team knows (Jenkins credential IDs, server and health URLs, approvers, mail recipients). */
// nodeImage: the organisation's helper image (built from docker/helpers/Dockerfile, with crane for the push), a platform
// fact like a URL that no file of the repository states.
const TODO_KEYS = new Set(['credentialsId', 'url', 'server', 'submitters', 'to', 'nodeImage']);

const scratch: string[] = [];
const prepared = new Map<string, { dir: string; model: Model; text: string; lint: Array<{ ruleId: string; path: string }> }>();

for (const shape of SHAPES_LIST) {
  const dir = initShape(shape);
  scratch.push(dir);
  const file = join(dir, 'pipeline.yaml');
  const lint = runCli(['lint', '--format', 'json', file]);
  const { model } = loadFile(file);
  prepared.set(shape.name, {
    dir,
    model: model!,
    text: readFileSync(file, 'utf8'),
    // The info note (no manifest could be read) is not a finding.
    lint: (JSON.parse(lint.stdout || '[]') as Array<{ ruleId: string; severity: string; path: string[] }>)
      .filter((d) => d.severity !== 'info')
      .map((d) => ({ ruleId: d.ruleId, path: d.path.join('.') })),
  });
}

const JUNIT =
  '<?xml version="1.0"?>\n<testsuite name="unit" tests="2" failures="0" errors="0" skipped="0">\n  <testcase classname="app" name="a"/>\n  <testcase classname="app" name="b"/>\n</testsuite>\n';
const COBERTURA =
  '<?xml version="1.0" ?>\n<coverage line-rate="0.9" branch-rate="0" lines-covered="9" lines-valid="10" version="7.4">\n  <packages><package name="app" line-rate="0.9"><classes>\n    <class name="app" filename="app.py" line-rate="0.9"><lines>\n' +
  Array.from({ length: 10 }, (_, i) => `      <line number="${i + 1}" hits="${i < 9 ? 1 : 0}"/>\n`).join('') +
  '    </lines></class>\n  </classes></package></packages>\n</coverage>\n';
const JACOCO = '<?xml version="1.0" encoding="UTF-8"?>\n<report name="inventory-service">\n  <counter type="LINE" missed="1" covered="9"/>\n</report>\n';

/** The reports the test command would write, where pipeline.yaml says they are (a JUnit glob gets one file under it). */
function reportFiles(model: Model): Record<string, string> {
  const files: Record<string, string> = {};
  files[model.build.junit!.replace('*', 'TEST-app')] = JUNIT;
  files[model.build.coverage!] = model.build.coverageFormat === 'jacoco' ? JACOCO : COBERTURA;
  return files;
}

const USERS = { alice: { groups: ['ops'] } };
const scenarios: Scenario[] = [];
const bares = new Map<string, string>();
for (const shape of SHAPES_LIST) {
  const { dir, model } = prepared.get(shape.name)!;
  for (const branch of ['develop', 'main']) {
    // The manifests live in the application repository: the bare copy stands in for its remote.
    const files: Record<string, string> = {};
    for (const env of model.environments) files[env.manifest!] = readFileSync(join(dir, env.manifest!), 'utf8');
    for (const extra of [
      'deploy/base/kustomization.yaml',
      'deploy/base/deployment.yaml',
      'deploy/overlays/staging/rollout.yaml',
      'deploy/overlays/prod/rollout.yaml',
    ]) {
      if (shape.name === 'python-kustomize') files[extra] = readFileSync(join(dir, extra), 'utf8');
    }
    const { bare, root } = bareRepoWith(files);
    scratch.push(root);
    bares.set(`${shape.name} ${branch}`, bare);
    const workspace = tempDir('pw-shape-ws-');
    const redirect = redirectingGit(bare, shape.remote);
    scratch.push(workspace, redirect.dir);
    writeFiles(workspace, reportFiles(model));
    gitSync(workspace, ['init', '-q']);
    gitSync(workspace, ['-c', 'user.name=Dev', '-c', 'user.email=dev@example.com', 'commit', '-q', '--allow-empty', '-m', 'the commit being built']);
    scenarios.push({
      name: `${shape.name} ${branch}`,
      branch,
      jenkinsfile: join(dir, 'Jenkinsfile'),
      execSh: true,
      workspace,
      users: USERS,
      // The Maven preset's build image is outside the simulator's table: it has mvn.
      images: PRESET_IMAGES,
      inputs: { 'Approve: prod': 'alice' },
      sh: [
        ...shape.tools.map((match) => ({ match })),
        { match: 'executor "\\$@"' },
        ...IMAGE_TOOL_STUBS,
        { match: 'trivy image' },
        { match: 'gate-trivy\\.cjs' },
        { match: 'argocd-sync\\.cjs' },
        { match: 'notify\\.cjs' },
        { match: 'health-check\\.cjs' },
      ],
      env: { ...GIT_IDENTITY, PATH: redirect.path },
    });
  }
}

/**
 * The loop guard: billing-service is its own GitOps repository, so the dev bump's commit lands on a branch Jenkins
 * builds. That build checks out pipewright's own commit (the message deployCommitMessage writes) and must end there.
 */
const loop = { ...scenarios[0]!, name: 'python-kustomize, the bump commit itself' };
{
  const workspace = tempDir('pw-shape-ws-');
  scratch.push(workspace);
  writeFiles(workspace, reportFiles(prepared.get('python-kustomize')!.model));
  gitSync(workspace, ['init', '-q']);
  const message =
    'deploy(dev): billing-service 1.2.0-dev -> 42-0123456\n\nImage: harbor.acme.internal/payments/billing-service\n\nPipewright-App: billing-service\nPipewright-Env: dev\nPipewright-Action: bump\nPipewright-Tag: 42-0123456\n';
  gitSync(workspace, ['-c', 'user.name=Jenkins', '-c', 'user.email=jenkins@example.com', 'commit', '-q', '--allow-empty', '-m', message]);
  loop.workspace = workspace;
  scenarios.push(loop);
}

// One JVM for every run.
const outcomes = simulate(scenarios, { timeoutMs: 600_000 });
const outcome = (name: string): SimOutcome => outcomes.find((o) => o.name === name)!;

test.after(() => {
  for (const dir of scratch) removeDir(dir);
});

for (const shape of SHAPES_LIST) {
  test(`${shape.name}: init leaves TODO only for credentials, URLs and people; lint finds nothing else`, () => {
    const { text, lint } = prepared.get(shape.name)!;
    const todoKeys = text
      .split('\n')
      .filter((line) => /#.*TODO:/.test(line) && !/^\s*#/.test(line))
      .map((line) => /^\s*([A-Za-z]+):/.exec(line)?.[1]);
    for (const key of todoKeys) assert.ok(key && TODO_KEYS.has(key), `a TODO on "${key}"`);
    assert.equal(
      lint,
      shape.belowSeed.map((env) => ({ ruleId: 'replicas-below-seed', path: `environments.${env}.replicas` })),
    );
  });

  for (const branch of ['develop', 'main']) {
    test(`${shape.name}, ${branch}: the first run is SUCCESS and bump-image commits the new tag to the manifests`, () => {
      const o = outcome(`${shape.name} ${branch}`);
      assert.equal(
        o.errors.filter((e) => !e.startsWith('post ')),
        [],
        o.errors.join('\n'),
      );
      assert.is(o.result, 'SUCCESS', JSON.stringify(o.stages.filter((s) => s.error || s.status === 'unstable')));
      const envs = branch === 'develop' ? ['dev'] : ['staging', 'prod'];
      for (const env of envs) assert.ok(ranStages(o).includes(`Deploy: ${env}`), env);
      const log = gitSync(bares.get(`${shape.name} ${branch}`)!, ['log', '--format=%s', 'main']);
      assert.is(log.split('\n').filter(Boolean).length, 1 + envs.length, log);
    });
  }
}

test("loop guard: a build of pipewright's own bump commit ends at checkout as NOT_BUILT, bumping nothing and announcing no failure", () => {
  const o = outcome('python-kustomize, the bump commit itself');
  assert.is(o.result as string, 'NOT_BUILT', JSON.stringify(o.stages.filter((s) => s.error)));
  assert.match(o.stages.find((s) => s.name === 'Checkout')!.error!, /is pipewright's own manifest commit \(Pipewright-Action: bump\); not built/);
  assert.not.ok(ranStages(o).some((s) => s.startsWith('Update manifests')));
  assert.not.ok(o.postRan.includes('failure'), o.postRan.join(' '));
  // The ordinary commit of the same repository builds and deploys: the guard reads the trailer, not the repository.
  assert.ok(ranStages(outcome('python-kustomize develop')).includes('Deploy: dev'));
});

test('what init read: the image the manifests run, their replicas, and the report paths of the test configuration', () => {
  const python = prepared.get('python-kustomize')!.model;
  assert.is(python.image!.name, 'harbor.acme.internal/payments/billing-service');
  assert.equal([python.build.junit, python.build.coverage], ['build/test-results/junit.xml', 'build/coverage.xml']);
  const node = prepared.get('node-helm')!.model;
  assert.is(node.image!.name, 'ghcr.io/acme/web-shop');
  assert.equal(
    [node.build.test, node.build.junit, node.build.coverage],
    [['npm test -- --ci --coverage'], 'reports/junit.xml', 'coverage/cobertura-coverage.xml'],
  );
  const maven = prepared.get('maven-plain')!.model;
  assert.is(maven.image!.name, '123456789012.dkr.ecr.eu-west-1.amazonaws.com/inventory-service');
  assert.equal([maven.build.coverage, maven.build.coverageFormat], ['target/site/jacoco/jacoco.xml', 'jacoco']);
  for (const model of [python, node, maven]) {
    assert.equal(
      model.environments.map((e) => [e.name, e.replicas, e.resources]),
      [
        ['dev', 2, 'minimal'],
        ['staging', 2, 'medium'],
        ['prod', 3, 'full'],
      ],
    );
  }
  assert.equal(
    prepared.get('one-replica')!.model.environments.map((e) => [e.replicas, e.strategy]),
    [
      [1, 'rolling'],
      [1, 'rolling'],
      [1, 'rolling'],
    ],
  );
});

test.run();
