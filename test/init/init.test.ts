// `pipewright init` end to end: scratch repositories (real git, hand-made manifests from test/fixtures/init) in, configs that lint clean out.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { CLI, ROOT, runCli } from '../support/cli.js';
import { loadFile } from '../../src/config/load.js';
import { parseRemote } from '../../src/init/remote.js';
import { stagesForBranch } from '../../src/flow/evaluate.js';
import { buildFlow } from '../../src/gen/flow.js';
import { parseGroovyFiles } from '../support/groovy.js';

const scratch: string[] = [];

const FIXTURES = join(ROOT, 'test/fixtures/init');

/** A real git repository from a {path: text | {fixture: file}} map, with `origin` set to `remote`. */
function makeRepo(files: Record<string, string | { fixture: string }>, remote?: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'pw-init-'));
  scratch.push(dir);
  for (const [path, content] of Object.entries(files)) {
    const target = resolve(dir, path);
    if (relative(dir, target).startsWith('..')) throw new Error(`refusing to write outside the scratch repository: ${path}`);
    mkdirSync(dirname(target), { recursive: true });
    if (typeof content === 'string') writeFileSync(target, content);
    else copyFileSync(join(FIXTURES, content.fixture), target);
  }
  execFileSync('git', ['init', '-q'], { cwd: dir, timeout: 10_000 });
  if (remote) execFileSync('git', ['remote', 'add', 'origin', remote], { cwd: dir, timeout: 10_000 });
  return dir;
}

/**
 * init with stdin closed (not a terminal), then lint of what it wrote: clean, except a replicas-below-seed warning for
 * each environment in `belowSeed` (init writes the replicas the manifests run, even under the seed's table).
 */
function initAndLint(dir: string, extra: string[] = [], belowSeed: string[] = []): { text: string; model: NonNullable<ReturnType<typeof loadFile>['model']> } {
  const init = runCli(['init', '--dir', dir, ...extra], { input: '', timeoutMs: 30_000 });
  assert.is(init.code, 0, init.stderr);
  assert.match(init.stdout, /wrote .*pipeline\.yaml/);
  const file = join(dir, 'pipeline.yaml');
  const lint = runCli(['lint', '--format', 'json', file]);
  const all = JSON.parse(lint.stdout || '[]') as Array<{ ruleId: string; severity: string; message: string; path: Array<string | number> }>;
  const imageFindings = all.filter(
    (d) => d.ruleId === 'manifest-disagrees' && /does not appear in|has no image block|names, in .*, an image block for/.test(d.message),
  );
  const found = all
    // An info note (no manifest could be read) is not a finding. manifest-disagrees about the image is left out: with
    // --registry other than the manifests' registry, init writes an image the manifests do not run (lint is right to
    // say so; see the i17m report). Replicas, strategy and resources init read must still agree with what it wrote.
    .filter((d) => d.severity !== 'info' && !imageFindings.includes(d))
    .map((d) => `${d.ruleId} ${d.path.join('.')}`);
  assert.equal(
    found,
    belowSeed.map((env) => `replicas-below-seed environments.${env}.replicas`),
    'lint finds nothing else in the config init wrote',
  );
  assert.is(lint.code, imageFindings.length > 0 ? 1 : 0);
  const text = readFileSync(file, 'utf8');
  assert.ok(text.startsWith('# yaml-language-server: $schema='), 'the modeline is the first line');
  const { model, diagnostics } = loadFile(file);
  assert.equal(diagnostics, []);
  const gen = runCli(['gen', file]);
  assert.is(gen.code, 0, gen.stderr);
  generated.push(join(dir, 'Jenkinsfile'));
  return { text, model: model! };
}

/** The Jenkinsfiles gen wrote for the configs init wrote: parsed together under Groovy 2.4 by the last test. */
const generated: string[] = [];

const PYTHON_DOCKERFILE =
  'FROM python:3.12 AS build\nCOPY requirements.txt .\nRUN pip wheel -r requirements.txt -w /wheels\n\nFROM python:3.12-slim AS runtime\nCOPY --from=build /wheels /wheels\n';

function pythonService(): string {
  return makeRepo(
    {
      'requirements.txt': 'flask==3.0.3\npytest\n',
      Dockerfile: PYTHON_DOCKERFILE,
      'deploy/base/kustomization.yaml': { fixture: 'base-kustomization.yaml' },
      'deploy/base/deployment.yaml': { fixture: 'deployment.yaml' },
      'deploy/overlays/dev/kustomization.yaml': { fixture: 'component-kustomization.yaml' },
      'deploy/overlays/staging/kustomization.yaml': { fixture: 'overlay-kustomization.yaml' },
      'deploy/overlays/production/kustomization.yaml': { fixture: 'transformer-kustomization.yaml' },
      'deploy/overlays/production/resources.yaml': { fixture: 'transformer-resources.yaml' },
    },
    'https://jenkins-bot:ghp_notARealToken@github.com/acme/orders-api.git',
  );
}

test('a Python service with a multi-stage Dockerfile and kustomize overlays', () => {
  // The staging and production overlays' Deployments leave spec.replicas unset (Kubernetes runs 1) and use RollingUpdate:
  // init writes what they run; the dev overlay is a Component with no workload, so dev keeps the seed's row.
  const { text, model } = initAndLint(pythonService(), [], ['staging', 'prod']);
  assert.is(model.app, 'orders-api');
  assert.is(model.build.language, 'python');
  assert.is(model.image?.dockerfile, 'Dockerfile');
  assert.is(model.image?.target, 'runtime');
  assert.equal(
    model.environments.map((e) => [e.name, e.branch, e.manifest, e.argocdApp, e.after, e.approval !== null, e.strategy, e.replicas]),
    [
      ['dev', 'develop', 'deploy/overlays/dev/kustomization.yaml', 'orders-api-dev', null, false, 'rolling', 2],
      ['staging', 'main', 'deploy/overlays/staging/kustomization.yaml', 'orders-api-staging', null, false, 'rolling', 1],
      ['prod', 'main', 'deploy/overlays/production/kustomization.yaml', 'orders-api-prod', 'staging', true, 'rolling', 1],
    ],
  );
  assert.is(model.environments[2]!.sync, 'manual');
  // The manifests live in this repository, so Argo CD watches its remote: with the token removed.
  assert.is(model.gitops?.repo, 'https://github.com/acme/orders-api.git');
  assert.not.match(text, /ghp_notARealToken|jenkins-bot/);
  // The overlays publish ghcr.io/acme/orders-api: init configures that image, not one of its own.
  assert.is(model.image?.name, 'ghcr.io/acme/orders-api');
  assert.is(model.image?.registry.type, 'generic');
  assert.match(text, /credentialsId: registry-push {2}# TODO:/);
  // What the comment says feature branches do is what the flow does: no image build or scan on them.
  assert.match(
    text,
    /# Environments from the seed's branch and deployment tables\. Feature and pull-request branches only build and test:\n# the image build and the Trivy scan run on the branches that deploy\./,
  );
  const flow = buildFlow(model);
  const kinds = (branch: string) => stagesForBranch(flow, branch).map((s) => s.stage.kind);
  for (const kind of ['image', 'scan']) {
    assert.not.ok(kinds('feature/login').includes(kind as never), `a feature branch runs ${kind}`);
    assert.ok(kinds('develop').includes(kind as never), `develop does not run ${kind}`);
  }
});

test('kustomize overlays that set replicas and resources in patches and the replicas field: init writes what they build', () => {
  // test/fixtures/lint/manifests/kustomize-patches (its README lists the quirks): the base runs 1 replica with minimal
  // resources; dev sets 2 by `replicas:`, staging 2 and medium by strategic-merge patches (a file and an inline one),
  // prod full by a patch file and 3 by `replicas:`, applied after two patches that say 5 and 4.
  const at = (path: string) => ({ fixture: join('../lint/manifests/kustomize-patches', path) });
  const dir = makeRepo(
    {
      'requirements.txt': 'flask==3.0.3\npytest\n',
      Dockerfile: PYTHON_DOCKERFILE,
      'deploy/base/kustomization.yaml': at('deploy/base/kustomization.yaml'),
      'deploy/base/deployment.yaml': at('deploy/base/deployment.yaml'),
      'deploy/overlays/dev/kustomization.yaml': at('deploy/overlays/dev/kustomization.yaml'),
      'deploy/overlays/staging/kustomization.yaml': at('deploy/overlays/staging/kustomization.yaml'),
      'deploy/overlays/staging/replicas.yaml': at('deploy/overlays/staging/replicas.yaml'),
      'deploy/overlays/prod/kustomization.yaml': at('deploy/overlays/prod/kustomization.yaml'),
      'deploy/overlays/prod/resources.yaml': at('deploy/overlays/prod/resources.yaml'),
    },
    'https://github.com/acme/orders-api.git',
  );
  const { model } = initAndLint(dir);
  assert.equal(
    model.environments.map((e) => [e.name, e.replicas, e.resources, e.strategy]),
    [
      ['dev', 2, 'minimal', 'rolling'],
      ['staging', 2, 'medium', 'rolling'],
      ['prod', 3, 'full', 'rolling'],
    ],
  );
  assert.is(model.image?.name, '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api');
});

test('a Node service with a Helm chart and values per environment', () => {
  const dir = makeRepo(
    {
      'package.json': JSON.stringify({ name: '@acme/web-shop', version: '1.0.0', scripts: { test: 'jest' } }),
      'package-lock.json': '{"lockfileVersion": 3}\n',
      Dockerfile: 'FROM node:20 AS deps\nRUN npm ci\nFROM node:20-slim\nCOPY --from=deps /app /app\n',
      'charts/web-shop/Chart.yaml': 'apiVersion: v2\nname: web-shop\nversion: 0.1.0\n',
      'charts/web-shop/values.yaml': { fixture: 'values.yaml' },
      'charts/web-shop/values-dev.yaml': { fixture: 'values-dev.yaml' },
      'charts/web-shop/values-prod.yaml': { fixture: 'values-prod.yaml' },
      // A chart's templates are not plain manifests of their own.
      'charts/web-shop/templates/deployment.yaml': { fixture: 'deployment.yaml' },
    },
    'git@github.com:acme/web-shop.git',
  );
  // values-dev.yaml runs replicaCount 1, under the seed's 2.
  const { model } = initAndLint(dir, ['--registry', 'dockerhub'], ['dev']);
  assert.equal(
    model.environments.map((e) => e.replicas),
    [1, 2, 3],
  );
  assert.is(model.app, 'web-shop');
  assert.is(model.build.language, 'node');
  assert.equal(model.build.install, ['npm ci'], 'a lock file keeps the preset');
  assert.is(model.image?.target, null, 'the last stage has no name: nothing to target');
  assert.is(model.image?.registry.type, 'dockerhub');
  assert.is(model.image?.repository, 'acme/web-shop');
  assert.equal(
    model.environments.map((e) => [e.name, e.manifest, e.format, e.helmKeyPath]),
    [
      ['dev', 'charts/web-shop/values-dev.yaml', 'helm', 'image'],
      ['staging', 'charts/web-shop/values-staging.yaml', 'helm', 'image'],
      ['prod', 'charts/web-shop/values-prod.yaml', 'helm', 'image'],
    ],
  );
  assert.is(model.gitops?.repo, 'git@github.com:acme/web-shop.git');
  const text = readFileSync(join(dir, 'pipeline.yaml'), 'utf8');
  assert.match(text, /values-staging\.yaml {2}# TODO: not in this repository/);
  // Helm wording: what was found, in which file, at which key, and what to change.
  assert.match(
    text,
    /manifest: charts\/web-shop\/values-dev\.yaml {2}# found \(Helm values\): image\.repository names "ghcr\.io\/acme\/web-shop"; bump-image sets image\.tag\n/,
  );
  assert.match(text, /strategy: rolling {2}# not checked: the chart's templates decide the strategy, not charts\/web-shop\/values-dev\.yaml\n/);
  assert.match(text, /replicas: 1 {2}# as replicaCount in charts\/web-shop\/values-dev\.yaml says; the seed's table asks for 2\n/);
  assert.match(
    text,
    /# charts\/web-shop\/values-dev\.yaml sets no top-level resources, so resources is unchecked:\n *# choose a profile \(docs\/reference\.md\), uncomment it, and write its requests and limits there\n *# resources: minimal\n/,
  );
  assert.match(
    text,
    /# The top-level resources in charts\/web-shop\/values-prod\.yaml \(requests cpu 100m, memory 64Mi; limits cpu \(none\), memory 512Mi\)\n *# match no profile \(docs\/reference\.md\), so resources is unchecked: choose one and set the manifest to its requests and limits\n/,
  );
});

test('Helm values without a top-level image block or replicaCount: TODOs that name the file, the keys found and what to set', () => {
  const values = '# nested per component, no replicaCount\nweb:\n  image:\n    repository: ghcr.io/acme/web-shop\n    tag: 1.0.0\n';
  const dir = makeRepo(
    {
      'package.json': JSON.stringify({ name: 'web-shop', version: '1.0.0', scripts: { test: 'jest' } }),
      Dockerfile: 'FROM node:20\n',
      'charts/web-shop/Chart.yaml': 'apiVersion: v2\nname: web-shop\nversion: 0.1.0\n',
      'charts/web-shop/values.yaml': values,
      'charts/web-shop/values-dev.yaml': values,
    },
    'git@github.com:acme/web-shop.git',
  );
  const init = runCli(['init', '--dir', dir], { input: '', timeoutMs: 30_000 });
  assert.is(init.code, 0, init.stderr);
  const text = readFileSync(join(dir, 'pipeline.yaml'), 'utf8');
  assert.match(
    text,
    /manifest: charts\/web-shop\/values-dev\.yaml {2}# TODO: found \(Helm values\) without an "image" block \(image\.repository \+ image\.tag\): set helmKeyPath to the block holding the app's image; its image blocks: web\.image \("ghcr\.io\/acme\/web-shop"\)\n/,
  );
  assert.match(
    text,
    /replicas: 2 {2}# TODO: charts\/web-shop\/values-dev\.yaml sets no top-level replicaCount, so the chart's default runs and replicas is not checked; add "replicaCount: 2" there\n/,
  );
});

test('a Go library with no image builds and tests only', () => {
  const dir = makeRepo(
    { 'go.mod': 'module github.com/acme/strutil/v2\n\ngo 1.23\n', 'strutil.go': 'package strutil\n' },
    'https://github.com/acme/strutil.git',
  );
  const { model } = initAndLint(dir);
  assert.is(model.app, 'strutil');
  assert.is(model.build.language, 'go');
  assert.is(model.image, null);
  assert.is(model.gitops, null);
  assert.equal(model.environments, []);
});

test('githubPush() only for a GitHub remote: a GitLab remote gets githubPush: false and no trigger in the Jenkinsfile', () => {
  const github = makeRepo({ 'go.mod': 'module example.com/a\n\ngo 1.23\n', 'a.go': 'package a\n' }, 'https://github.com/acme/a.git');
  assert.ok(initAndLint(github).model.triggers.githubPush);
  assert.match(readFileSync(join(github, 'Jenkinsfile'), 'utf8'), /^\s+githubPush\(\)$/m);
  const gitlab = makeRepo({ 'go.mod': 'module example.com/b\n\ngo 1.23\n', 'b.go': 'package b\n' }, 'https://gitlab.com/acme/b.git');
  const { model, text } = initAndLint(gitlab);
  assert.is(model.triggers.githubPush, false);
  assert.match(text, /^triggers:\n {2}githubPush: false$/m);
  assert.not.match(readFileSync(join(gitlab, 'Jenkinsfile'), 'utf8'), /githubPush/);
});

test('names the schema would reject are left out or cleaned, so the config still lints clean', () => {
  const deployment = { fixture: 'deployment.yaml' };
  const dir = makeRepo(
    {
      'package.json': '{"name":"@@@"}',
      Dockerfile: 'FROM scratch\n',
      "k8s/dev's/deployment.yaml": deployment,
      'k8s/st$ging/deployment.yaml': deployment,
      'k8s/prod/deployment.yaml': deployment,
    },
    'https://github.com/__Weird__/Shop_API.git',
  );
  for (const registry of ['ecr', 'dockerhub', 'generic']) {
    const { model } = initAndLint(dir, ['--force', '--registry', registry], ['prod']);
    assert.is(model.app, 'shop-api');
    assert.is(model.build.language, 'node');
    assert.equal(
      model.environments.map((e) => e.manifest),
      ['k8s/dev/deployment.yaml', 'k8s/staging/deployment.yaml', 'k8s/prod/deployment.yaml'],
      'plain manifests: the one usable folder sets the layout',
    );
  }
});

test('an existing pipeline.yaml is kept without --force, replaced with it', () => {
  const dir = pythonService();
  const file = join(dir, 'pipeline.yaml');
  writeFileSync(file, 'version: 1\napp: mine\n');
  const refused = runCli(['init', '--dir', dir], { input: '' });
  assert.is(refused.code, 1);
  assert.match(refused.stderr, /already exists.*--force/);
  assert.is(readFileSync(file, 'utf8'), 'version: 1\napp: mine\n');
  const printed = runCli(['init', '--dir', dir, '--stdout'], { input: '' });
  assert.is(printed.code, 0);
  assert.match(printed.stdout, /^# yaml-language-server: \$schema=/);
  assert.is(readFileSync(file, 'utf8'), 'version: 1\napp: mine\n', '--stdout writes nothing');
  const forced = runCli(['init', '--dir', dir, '--force'], { input: '' });
  assert.is(forced.code, 0, forced.stderr);
  assert.is(readFileSync(file, 'utf8'), printed.stdout);
});

test('a folder that does not exist is a usage error', () => {
  const r = runCli(['init', '--dir', join(tmpdir(), 'pw-init-no-such-folder')], { input: '' });
  assert.is(r.code, 2);
  assert.match(r.stderr, /no such folder/);
});

test('without a terminal init never waits for input, even when the language is ambiguous', async () => {
  const dir = makeRepo({ 'requirements.txt': 'flask\n', 'package.json': '{"name":"tools"}', Dockerfile: PYTHON_DOCKERFILE });
  // stdin stays open and silent: a question would hang until the kill below.
  const child = spawn(process.execPath, [CLI, 'init', '--dir', dir, '--stdout'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearTimeout(timer);
  child.stdin.destroy();
  assert.is(code, 0, `exit ${code}: ${stderr}`);
  assert.is(stderr, '');
  assert.match(stdout, /language: python/, 'the Dockerfile base image breaks the tie');
  assert.match(stdout, /also found node \(package\.json\)/);
});

test('on a terminal init offers the language and the registry', () => {
  const dir = makeRepo({
    'requirements.txt': 'flask\n',
    'package.json': '{"name":"shop","version":"1.0.0"}',
    'package-lock.json': '{}',
    Dockerfile: PYTHON_DOCKERFILE,
  });
  // util-linux `script` gives the CLI a real pseudo-terminal; the answers are typed ahead.
  const r = spawnSync('script', ['-qec', `${process.execPath} ${CLI} init --dir ${dir}`, '/dev/null'], {
    input: '2\ngeneric\n',
    encoding: 'utf8',
    timeout: 30_000,
    killSignal: 'SIGKILL',
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.is(r.status, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /which language builds this repository\?/);
  assert.match(r.stdout, /Which registry receives the image\?/);
  const { model } = loadFile(join(dir, 'pipeline.yaml'));
  assert.is(model?.build.language, 'node');
  assert.is(model?.image?.registry.type, 'generic');
});

test('the Jenkinsfiles generated from what init wrote parse under Groovy 2.4', () => {
  assert.ok(generated.length >= 3, `only ${generated.length} generated`);
  const parsed = parseGroovyFiles(generated);
  for (const p of parsed) assert.ok(p.ok, `${p.file}: ${p.error}`);
  assert.is(parsed.length, generated.length);
});

test('remotes lose their credentials and keep owner and name', () => {
  assert.equal(parseRemote('https://user:tok@github.com/acme/orders-api.git'), {
    url: 'https://github.com/acme/orders-api.git',
    owner: 'acme',
    name: 'orders-api',
  });
  assert.equal(parseRemote('git@gitlab.com:group/sub/svc.git'), { url: 'git@gitlab.com:group/sub/svc.git', owner: 'sub', name: 'svc' });
  assert.equal(parseRemote('ssh://git@host:2222/team/app'), { url: 'ssh://git@host:2222/team/app', owner: 'team', name: 'app' });
  assert.is(parseRemote('/srv/git/app.git').url, null, 'a local path is no URL Argo CD can clone');
  assert.is(parseRemote('http://host/team/app.git').url, null, 'plain http is not accepted by the schema');
});

test.after(() => {
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

test.run();
