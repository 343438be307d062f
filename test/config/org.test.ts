// Org defaults: `extends` resolution, merge order, the org file's schema and locks, and the error for weakening each locked gate.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { loadFile, loadText } from '../../src/config/load.js';
import { lintLoaded } from '../../src/lint/runner.js';
import { ROOT, runCli } from '../support/cli.js';
import { TODAY } from '../support/lint.js';
import { orgSchema } from '../../scripts/org-schema.mjs';

const dirs: string[] = [];
/** Writes `files` into a new temporary folder (never outside it) and returns the folder. */
function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'pipewright-org-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    const full = join(dir, path);
    assert.ok(!relative(dir, full).startsWith('..'), `${path} stays inside the folder`);
    mkdirSync(join(full, '..'), { recursive: true });
    writeFileSync(full, content);
  }
  return dir;
}
test.after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const HEAD = 'version: 1\napp: orders-api\nnotifications:\n  slack: { credentialsId: slack-webhook }\n';
const PROD =
  'environments:\n  prod:\n    branch: main\n    approval: { submitters: [ops] }\n    manifest: apps/orders-api/overlays/prod/kustomization.yaml\n    healthCheck: { url: https://orders.acme.com/healthz }\n';
const IMAGE = 'image:\n  registry: { type: ecr, url: 123456789012.dkr.ecr.eu-west-1.amazonaws.com, credentialsId: ecr-push }\n';

const lint = (text: string, file = 'pipeline.yaml') => lintLoaded(loadText(text, file), undefined, { today: TODAY });
const lines = (text: string, file?: string) => lint(text, file).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} [${d.ruleId}] ${d.message}`);

test('pipewright:<name> resolves to the file shipped in the package, offline', () => {
  const loaded = loadText(`${HEAD}extends: pipewright:default\n`, 'pipeline.yaml');
  assert.is(loaded.org?.org?.file, join(ROOT, 'org', 'default.yaml'));
  assert.is(loaded.model?.gates.coverage.min, 80);
  assert.equal(loaded.model?.security.trivy.scanners, ['vuln', 'secret']);
});

test('an unknown pipewright: name or a missing file is an error at "extends"', () => {
  assert.equal(lines(`${HEAD}extends: pipewright:acme\n`), [
    '5:10 error [org-defaults] cannot find the org defaults "pipewright:acme"; pipewright ships "pipewright:default"',
  ]);
  assert.match(
    lines(`${HEAD}extends: ci/org.yaml\n`)[0]!,
    /cannot find the org defaults "ci\/org.yaml"; the path is relative to the folder holding pipeline.yaml/,
  );
});

test('a relative path resolves from the folder holding pipeline.yaml', () => {
  const dir = repo({ 'ci/org.yaml': 'gates:\n  coverage: { min: 91 }\n', 'pipeline.yaml': `${HEAD}extends: ci/org.yaml\n` });
  const loaded = loadFile(join(dir, 'pipeline.yaml'));
  assert.is(loaded.org?.org?.file, join(dir, 'ci/org.yaml'));
  assert.is(loaded.model?.gates.coverage.min, 91);
});

test('an org file checked once per process: every config gets its own values, and a changed org file is read and checked again', () => {
  const dir = repo({
    '.git/HEAD': 'ref: refs/heads/main\n',
    'ci/org.yaml': 'gates:\n  coverage: { min: 91 }\nlocks:\n  gates.coverage.min: minimum\n',
    'a/pipeline.yaml': `${HEAD}extends: ../ci/org.yaml\n`,
    'b/pipeline.yaml': `${HEAD}extends: ../ci/org.yaml\n`,
  });
  const a = loadFile(join(dir, 'a/pipeline.yaml'));
  const b = loadFile(join(dir, 'b/pipeline.yaml'));
  assert.is(b.model?.gates.coverage.min, 91);
  assert.equal(b.org?.org?.locks, { 'gates.coverage.min': 'minimum' });
  assert.equal(b.org?.org?.values, a.org?.org?.values);
  assert.ok(b.org?.org?.values !== a.org?.org?.values, 'a copy each, as a fresh parse gave');
  // Changed: the new text is checked, and a problem in it is reported as before.
  writeFileSync(join(dir, 'ci/org.yaml'), 'gates:\n  coverage: { min: 92 }\n');
  assert.is(loadFile(join(dir, 'a/pipeline.yaml')).model?.gates.coverage.min, 92);
  writeFileSync(join(dir, 'ci/org.yaml'), 'gates:\n  coverage: { min: nope }\n');
  const broken = loadFile(join(dir, 'b/pipeline.yaml'));
  assert.is(broken.model, null);
  assert.ok(
    broken.diagnostics.some((d) => d.file === join(dir, 'ci/org.yaml')),
    JSON.stringify(broken.diagnostics),
  );
});

test('merge order: pipewright defaults < org defaults < repository; maps deep-merge, lists replace', () => {
  const dir = repo({
    'org.yaml': [
      'jenkins: { keepBuilds: 10 }',
      'gates:',
      '  coverage: { min: 85 }',
      '  timeouts: { build: 8m }',
      'security:',
      '  trivy: { failOn: [CRITICAL, HIGH], warnOn: [MEDIUM] }',
      'environments:',
      '  prod:',
      '    branch: main',
      '    approval: { submitters: [ops], timeout: 4h }',
      '',
    ].join('\n'),
    'pipeline.yaml': `${HEAD}extends: org.yaml\ngates:\n  coverage: { min: 90 }\nsecurity:\n  trivy: { failOn: [CRITICAL] }\nenvironments:\n  prod:\n    approval: { submitters: [release-managers] }\n    healthCheck: { url: https://orders.acme.com/healthz }\n`,
  });
  const loaded = loadFile(join(dir, 'pipeline.yaml'));
  const model = loaded.model!;
  assert.is(model.jenkins.keepBuilds, 10, 'org over pipewright default (30)');
  assert.is(model.gates.coverage.min, 90, 'repository over org');
  assert.is(model.gates.timeouts.build, '8m', "org value kept beside the repository's in the same map");
  assert.is(model.gates.timeouts.deploy, '5m', 'pipewright default under both');
  assert.equal(model.security.trivy.failOn, ['CRITICAL'], "a list replaces the org's list, no union");
  assert.equal(model.security.trivy.warnOn, ['MEDIUM']);
  const prod = model.environments.find((e) => e.name === 'prod')!;
  assert.is(prod.branch, 'main', 'environments merge by name');
  assert.equal(prod.approval?.submitters, ['release-managers']);
  assert.is(prod.approval?.timeout, '4h');
  const sources = loaded.org!.sources;
  assert.is(sources.get(JSON.stringify(['gates', 'coverage', 'min'])), join(dir, 'pipeline.yaml'));
  assert.is(sources.get(JSON.stringify(['gates', 'timeouts', 'build'])), 'org.yaml');
  assert.is(sources.get(JSON.stringify(['security', 'trivy', 'failOn'])), join(dir, 'pipeline.yaml'));
});

test('org lint.rules set severities for every repository, and a repository may override them', () => {
  const dir = repo({ 'org.yaml': 'lint:\n  rules:\n    trivy-high-missing: error\n    replicas-below-seed: "off"\n' });
  const text = (extra: string) => `${HEAD}extends: org.yaml\n${IMAGE}security:\n  trivy: { failOn: [CRITICAL] }\n${extra}`;
  const file = join(dir, 'pipeline.yaml');
  assert.ok(lines(text(''), file).some((l) => l.includes('error [trivy-high-missing]')));
  assert.ok(lines(text('lint:\n  rules:\n    trivy-high-missing: warning\n'), file).some((l) => l.includes('warning [trivy-high-missing]')));
});

test('the org file is checked against its schema, with positions in the org file', () => {
  const dir = repo({ 'org.yaml': 'app: shared\ngates:\n  coverage: { min: high }\n' });
  const d = lint(`${HEAD}extends: org.yaml\n`, join(dir, 'pipeline.yaml')).diagnostics;
  assert.equal(
    d.map((x) => [x.file, x.line, x.ruleId]),
    [
      [join(dir, 'org.yaml'), 1, 'unknown-key'],
      [join(dir, 'org.yaml'), 3, 'schema'],
    ],
  );
  assert.match(d[1]!.message, /"gates.coverage.min" must be a number/);
});

test('every key is optional in the org file, at every depth', () => {
  const dir = repo({
    'org.yaml': 'image:\n  tag: "{build}-{commit}"\ngitops:\n  argocd: { server: https://argocd.acme.internal }\nenvironments:\n  prod:\n    replicas: 4\n',
  });
  const loaded = loadText(
    `${HEAD}extends: org.yaml\n${IMAGE}gitops: { repo: https://github.com/acme/m.git, credentialsId: bot, argocd: { credentialsId: argocd-token } }\n`,
    join(dir, 'pipeline.yaml'),
  );
  // The org's prod has no branch: the merged file is checked against pipeline.yaml's schema and says so.
  assert.equal(
    loaded.diagnostics.map((d) => d.message),
    ['"environments.prod" is missing "branch"; add it: the branch (or pattern) that deploys this environment'],
  );
});

test('a lock must name a value the org file sets, with a kind that fits it', () => {
  const dir = repo({
    'org.yaml': 'gates:\n  coverage: { min: 80 }\nlocks:\n  gates.coverage.min: includes\n  gates.timeouts.build: maximum\n  production.approval: fixed\n',
  });
  const d = lint(`${HEAD}extends: org.yaml\n`, join(dir, 'pipeline.yaml')).diagnostics;
  assert.equal(
    d.map((x) => `${x.line} [${x.ruleId}] ${x.message}`),
    [
      '4 [org-defaults] lock "gates.coverage.min" is "includes" but its value is not a list; use "fixed"',
      '5 [org-defaults] lock "gates.timeouts.build" names a value this file does not set; add it, or remove the lock',
      '6 [org-defaults] lock "production.approval" takes "required"',
    ],
  );
});

const weakened: Array<[string, string, string]> = [
  [
    'gates.coverage.min',
    'gates:\n  coverage: { min: 70 }\n',
    '"gates.coverage.min" is 70, below 80, the minimum org defaults "pipewright:default" locks; set it to 80 or more',
  ],
  [
    'gates.coverage.enabled',
    'gates:\n  coverage: { enabled: false }\n',
    '"gates.coverage.enabled" is false, but org defaults "pipewright:default" locks it to true; remove the key or set it to true',
  ],
  [
    'security.trivy.enabled',
    'security:\n  trivy: { enabled: false }\n',
    '"security.trivy.enabled" is false, but org defaults "pipewright:default" locks it to true; remove the key or set it to true',
  ],
  [
    'security.trivy.failOn',
    'security:\n  trivy: { failOn: [CRITICAL] }\n',
    '"security.trivy.failOn" leaves out "HIGH", which org defaults "pipewright:default" locks; add it',
  ],
  [
    'security.trivy.failOn (both)',
    'security:\n  trivy: { failOn: [MEDIUM] }\n',
    '"security.trivy.failOn" leaves out "CRITICAL", "HIGH", which org defaults "pipewright:default" locks; add them',
  ],
  [
    'production.approval',
    'environments:\n  prod:\n    branch: main\n    healthCheck: { url: https://orders.acme.com/healthz }\n',
    'environment "prod" is production and deploys without approval, which org defaults "pipewright:default" requires; add an "approval" block',
  ],
  [
    'production.secretScanning',
    `security:\n  trivy: { scanners: [vuln] }\n${PROD}`,
    'the Trivy scan does not look for secrets, which org defaults "pipewright:default" requires for production; add "secret" to "security.trivy.scanners"',
  ],
];

for (const [lock, yaml, message] of weakened) {
  test(`weakening the locked "${lock}" is an org-lock error naming the org file and the locked value`, () => {
    const d = lint(`${HEAD}extends: pipewright:default\n${IMAGE}${yaml}`).diagnostics.filter((x) => x.ruleId === 'org-lock');
    assert.equal(
      d.map((x) => [x.severity, x.message]),
      [['error', message]],
    );
  });
}

test('a locked value finding replaces the rule finding on the same value, and lint.rules cannot turn it off', () => {
  const d = lint(
    `${HEAD}extends: pipewright:default\ngates:\n  coverage: { min: 70 }\nlint:\n  rules:\n    org-lock: "off"\n    coverage-below-org: error\n`,
  ).diagnostics;
  assert.equal(
    d.map((x) => `${x.ruleId}: ${x.message}`),
    [
      'org-lock: "gates.coverage.min" is 70, below 80, the minimum org defaults "pipewright:default" locks; set it to 80 or more',
      'unknown-rule: "org-lock" findings cannot be configured: they enforce the org defaults\' locks; remove the key',
    ],
  );
});

test('strengthening locked values is fine', () => {
  const text = `${HEAD}extends: pipewright:default\n${IMAGE}gates:\n  coverage: { min: 92 }\nsecurity:\n  trivy: { failOn: [CRITICAL, HIGH, MEDIUM] }\n${PROD}`;
  assert.equal(lines(text), []);
});

test('maximum and fixed locks on any value, with durations compared as durations', () => {
  const dir = repo({
    'org.yaml':
      'gates:\n  timeouts: { build: 10m }\nlint:\n  rules: { bash-only-syntax: error }\nlocks:\n  gates.timeouts.build: maximum\n  lint.rules.bash-only-syntax: fixed\n',
  });
  const file = join(dir, 'pipeline.yaml');
  assert.equal(lines(`${HEAD}extends: org.yaml\ngates:\n  timeouts: { build: 540s }\n`, file), []);
  const d = lint(`${HEAD}extends: org.yaml\ngates:\n  timeouts: { build: 1h }\nlint:\n  rules: { bash-only-syntax: "off" }\n`, file).diagnostics;
  assert.equal(
    d.map((x) => x.message),
    [
      '"gates.timeouts.build" is "1h", above "10m", the maximum org defaults "org.yaml" locks; set it to "10m" or less',
      '"lint.rules.bash-only-syntax" is "off", but org defaults "org.yaml" locks it to "error"; remove the key or set it to "error"',
    ],
  );
});

test('coverage-below-org compares with the org default when it is not locked', () => {
  const dir = repo({ 'org.yaml': 'gates:\n  coverage: { min: 85 }\n' });
  const d = lint(`${HEAD}extends: org.yaml\ngates:\n  coverage: { min: 82 }\n`, join(dir, 'pipeline.yaml')).diagnostics;
  assert.equal(
    d.map((x) => `[${x.ruleId}] ${x.message}`),
    ['[coverage-below-org] "gates.coverage.min" is 82, below 85 from org defaults "org.yaml"; raise it to 85'],
  );
});

test('the committed org defaults schema is derived from the pipeline schema (npm run docs writes it, the build does not)', () => {
  const pipeline = JSON.parse(readFileSync(join(ROOT, 'schemas/pipeline.schema.json'), 'utf8'));
  const { $comment, ...org } = JSON.parse(readFileSync(join(ROOT, 'schemas/org-defaults.schema.json'), 'utf8'));
  assert.match($comment, /^GENERATED by pipewright from schemas\/pipeline\.schema\.json/);
  assert.equal(org, orgSchema(pipeline));
  assert.not.ok('required' in org.definitions.environment);
  assert.ok(org.definitions.customStage.oneOf[0].required, 'required inside oneOf branches stays: it picks the branch');
});

test('pipewright lint --print-config shows the merged values and where each came from', () => {
  const dir = repo({ 'pipeline.yaml': `${HEAD}extends: pipewright:default\ngates:\n  coverage: { min: 90 }\n` });
  const r = runCli(['lint', '--print-config', 'pipeline.yaml'], { cwd: dir });
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^# the configuration of pipeline\.yaml merged over org defaults "pipewright:default" \(/);
  assert.match(r.stdout, /\n  coverage:\n    min: 90 # pipeline\.yaml\n    enabled: true # pipewright:default\n/);
  assert.match(r.stdout, /\n    failOn: \[ CRITICAL, HIGH \] # pipewright:default\n/);
  assert.match(r.stdout, /\n#   gates\.coverage\.min: minimum\n/);
});

test('pipewright lint --print-config of a config that does not load prints why and exits 1', () => {
  const dir = repo({ 'pipeline.yaml': `${HEAD}extends: pipewright:nope\n` });
  const r = runCli(['lint', '--print-config'], { cwd: dir });
  assert.is(r.code, 1);
  assert.match(r.stdout, /cannot find the org defaults "pipewright:nope"/);
});

test.run();
