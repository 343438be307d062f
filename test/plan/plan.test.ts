// The plan's data is the flow's: the same stages per branch as stagesForBranch, the seed's branch table, and escaping in mermaid and html.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { loadText } from '../../src/config/load.js';
import type { Model } from '../../src/config/model.js';
import { stagesForBranch } from '../../src/flow/evaluate.js';
import { buildFlow } from '../../src/gen/flow.js';
import { allStageNames, buildPlan, otherBranch, type Plan } from '../../src/plan/plan.js';
import { mermaidLabel, mermaidText, renderMermaid } from '../../src/plan/mermaid.js';
import { renderHtml } from '../../src/plan/html.js';
import { loadModel } from '../gen/support.js';

const seed = loadModel(join(ROOT, 'examples', 'python-service', 'pipeline.yaml'));
const helm = loadModel(join(ROOT, 'examples', 'node-helm-service', 'pipeline.yaml'));

function modelOf(yaml: string): Model {
  const loaded = loadText(yaml, 'pipeline.yaml');
  assert.ok(loaded.model, loaded.diagnostics.map((d) => d.message).join('; '));
  return loaded.model!;
}

test("the seed's branch table: develop deploys dev, main staging then prod after approval, feature/* nothing", () => {
  const plan = buildPlan(seed);
  assert.equal(
    plan.branches.map((b) => [b.branch, b.source]),
    [
      ['develop', 'named'],
      ['main', 'named'],
      ['feature/*', 'other'],
    ],
  );
  const [develop, main, feature] = plan.branches;
  assert.equal(
    develop!.deployments.map((d) => [d.environment, d.approval, d.argocdApp]),
    [['dev', false, 'orders-api-dev']],
  );
  assert.equal(
    main!.deployments.map((d) => [d.environment, d.after, d.approval, d.sync]),
    [
      ['staging', null, false, 'auto'],
      ['prod', 'staging', true, 'manual'],
    ],
  );
  assert.equal(
    main!.gates.approvals.map((a) => [a.environment, a.submitters, a.timeout]),
    [['prod', ['ops'], '24h']],
  );
  assert.equal(feature!.deployments, []);
  assert.equal(feature!.images, []);
  assert.equal(feature!.gates.trivy, null);
  assert.equal(
    feature!.credentials.map((c) => c.id),
    ['slack-webhook'],
  );
});

test('branches match as Jenkins matches them: case-insensitive, "**" only as a whole part', () => {
  const flow = buildFlow(seed);
  const deploys = (branch: string) =>
    stagesForBranch(flow, branch)
      .filter((s) => s.stage.kind === 'deploy')
      .map((s) => s.stage.environment);
  assert.equal(deploys('main'), ['staging', 'prod']);
  assert.equal(deploys('MAIN'), ['staging', 'prod'], 'Jenkins runs when { branch "main" } on MAIN');
  assert.ok(deploys('Develop').includes('dev'));
  assert.equal(deploys('feature/x'), []);
});

test('every branch lists exactly the stages stagesForBranch runs, in order', () => {
  const flow = buildFlow(seed);
  for (const b of buildPlan(seed).branches)
    assert.equal(
      b.stages.map((s) => s.id),
      stagesForBranch(flow, b.branch).map((s) => s.stage.id),
      b.branch,
    );
});

test('gates, credentials and images come from the step calls the Jenkinsfile makes', () => {
  const develop = buildPlan(seed).branches[0]!;
  assert.equal(develop.gates.coverage, { min: 80, report: 'reports/coverage.xml', format: 'cobertura' });
  assert.equal(develop.gates.trivy, { failOn: ['CRITICAL', 'HIGH'], warnOn: ['MEDIUM', 'LOW'], ignoreUnfixed: true, scanners: ['vuln', 'secret'] });
  assert.equal(develop.gates.sonarqube, { server: 'sonar', abortPipeline: true });
  // Every Jenkins timeout the branch's stages carry, as the flow sets them (the build gate's 10m on the Build group).
  const timed = stagesForBranch(buildFlow(seed), 'develop').filter((s) => s.stage.timeout);
  assert.equal(
    develop.gates.timeouts.filter((t) => !t.stage.includes('(')),
    timed.map((s) => ({ stage: s.stage.name, timeout: `${s.stage.timeout!.time}${s.stage.timeout!.unit[0]!.toLowerCase()}` })),
  );
  assert.equal(develop.gates.timeouts[0], { stage: 'Build', timeout: '10m' });
  // The deploy's parts are steps of one stage, each in a timeout step that plan names by stage and part.
  assert.equal(
    develop.gates.timeouts.map((t) => t.stage),
    ['Build', 'Deploy: dev (Update manifests)', 'Deploy: dev (Argo CD sync)', 'Deploy: dev (Health check)'],
  );
  assert.is(develop.deployments[0]!.healthTimeout, '30s');
  assert.equal(
    develop.credentials.map((c) => [c.id, c.binding]),
    [
      ['argocd-token', 'string'],
      ['ecr-push', 'usernamePassword'],
      ['github-bot', 'usernamePassword'],
      ['slack-webhook', 'string'],
    ],
  );
  assert.equal(develop.images, [
    {
      name: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api',
      tag: '{build}-{shortCommit}',
      alsoTag: [],
      registry: 'ecr',
      registryUrl: '123456789012.dkr.ecr.eu-west-1.amazonaws.com',
      builder: 'kaniko',
    },
  ]);
});

test('--branch plans one branch, matched as Jenkins matches patterns', () => {
  const plan = buildPlan(helm, 'release/2.1');
  assert.equal(
    plan.branches.map((b) => [b.branch, b.source]),
    [['release/2.1', 'given']],
  );
  assert.equal(
    plan.branches[0]!.deployments.map((d) => d.environment),
    ['prod'],
  );
  assert.equal(buildPlan(helm, 'release/2/1').branches[0]!.deployments, []);
});

test('the representative feature branch is one no configured pattern matches', () => {
  assert.is(otherBranch(['develop', 'main']), 'feature/*');
  assert.is(otherBranch(['feature/*']), 'topic/*');
  assert.is(otherBranch(['**']), null);
  const model = modelOf(
    'version: 1\napp: demo\nbuild: { language: node }\nimage: { registry: { type: generic, url: registry.acme.com } }\n' +
      'environments:\n  preview: { branch: "feature/*", autoDeploy: true }\n',
  );
  assert.equal(
    buildPlan(model).branches.map((b) => b.branch),
    ['feature/*', 'topic/*'],
  );
  assert.equal(buildPlan(model).branches[1]!.deployments, []);
});

test('a library with no environments plans one branch that builds and tests', () => {
  const plan = buildPlan(loadModel(join(ROOT, 'examples', 'go-library', 'pipeline.yaml')));
  assert.equal(
    plan.branches.map((b) => b.branch),
    ['feature/*'],
  );
  assert.equal(
    plan.branches[0]!.stages.map((s) => s.id),
    ['build', 'checkout', 'install', 'lint', 'test', 'coverage'],
  );
});

// ---- mermaid ------------------------------------------------------------------------------------

const NASTY = [
  'a"b',
  'x#quot;y',
  '<script>alert(1)</script>',
  'a|b',
  'back`tick`',
  'line\nbreak',
  'end',
  'o--x',
  '{curly}[square](round)',
  'amp & amp',
  'ünïcödé ✓',
  '#35;',
];

function decodeMermaid(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: '&', lt: '<', gt: '>' };
  return text.replace(/#(\d+|quot|amp|lt|gt);/g, (_, n: string) => named[n] ?? String.fromCodePoint(Number(n)));
}

test('mermaid labels: no raw quote, angle bracket, pipe or backtick survives, and the entities decode back to the text', () => {
  for (const text of NASTY) {
    const label = mermaidLabel(text);
    assert.ok(label.startsWith('"') && label.endsWith('"'));
    assert.not.match(label.slice(1, -1), /["<>|`\n\r]/, text);
    assert.is(decodeMermaid(label.slice(1, -1)), text.replace(/\n/g, ' '), text);
  }
  assert.is(mermaidText('#quot;'), '#35;quot;');
});

/** The subset of Mermaid flowchart syntax the renderer writes: a line that is none of these is a bug. */
const LINE = [
  /^graph TD$/,
  /^ {2,4}[a-z]+\d+(\["[^"]*"\]|\{"[^"]*"\}|\(\["[^"]*"\]\))$/,
  /^ {2}subgraph env\d+ \["[^"]*"\]$/,
  /^ {2}end$/,
  /^ {2}[a-z]+\d+ -->(\|"[^"|]*"\|)? [a-z]+\d+$/,
  /^ {2}classDef (fail|warn|done) [a-z:#0-9,]+$/,
  /^ {2}class [a-z]+\d+(,[a-z]+\d+)* (fail|warn|done)$/,
];

function checkMermaid(text: string): void {
  const lines = text.trimEnd().split('\n');
  for (const line of lines)
    assert.ok(
      LINE.some((re) => re.test(line)),
      `not in the grammar: ${JSON.stringify(line)}`,
    );
  const declared = new Set(lines.map((l) => /^ +([a-z]+\d+)[[{(]/.exec(l)?.[1]).filter(Boolean));
  const edges = lines.map((l) => /^ +([a-z]+\d+) -->(?:\|"[^"|]*"\|)? ([a-z]+\d+)$/.exec(l)).filter((m): m is RegExpExecArray => m !== null);
  for (const [, from, to] of edges) assert.ok(declared.has(from!) && declared.has(to!), `${from} --> ${to} names an undeclared node`);
  // Every node is reachable from the start: nothing is drawn that the flow never gets to.
  const reached = new Set(['start1']);
  for (let grew = true; grew;) {
    grew = false;
    for (const [, from, to] of edges) if (reached.has(from!) && !reached.has(to!)) (reached.add(to!), (grew = true));
  }
  assert.equal(
    [...declared].filter((id) => !reached.has(id!)),
    [],
  );
  assert.is(lines.filter((l) => /subgraph/.test(l)).length, lines.filter((l) => /^ {2}end$/.test(l)).length);
}

test('the mermaid output of every example stays in the flowchart grammar, every node reachable', () => {
  for (const model of [seed, helm, loadModel(join(ROOT, 'examples', 'go-library', 'pipeline.yaml'))]) {
    checkMermaid(renderMermaid(buildPlan(model)));
    checkMermaid(renderMermaid(buildPlan(model, 'main')));
  }
});

test("the seed's gates are decisions: tests, coverage, quality gate, vulnerabilities, approval, health", () => {
  const text = renderMermaid(buildPlan(seed));
  for (const q of [
    'Tests pass?',
    'Line coverage above 80%?',
    'Quality gate passed?',
    'Vulnerabilities found?',
    'Approved by ops within 24h?',
    'Healthy within 30s?',
    'Branch?',
  ]) {
    assert.ok(text.includes(`{"${q}"}`), q);
  }
  assert.match(text, /-->\|"CRITICAL, HIGH"\| f\d+/);
  assert.match(text, /-->\|"feature\/\*"\| done\d+/);
  for (const name of ['Deploy to dev', 'Deploy to staging', 'Deploy to prod']) assert.ok(text.includes(`["${name}"]`), name);
});

test('user data with markup is escaped in mermaid and html', () => {
  const plan = buildPlan(seed);
  const branch = plan.branches[0]!;
  const hostile: Plan = {
    ...plan,
    app: '<img src=x onerror=alert(1)>',
    branches: [{ ...branch, branch: 'a"b<c>', stages: branch.stages.map((s) => ({ ...s, name: `${s.name} <b>"x"</b> & 'y'` })) }],
  };
  const html = renderHtml(hostile);
  assert.not.match(html, /<img|<b>|onerror=alert\(1\)>/);
  assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(html.includes('Checkout &lt;b&gt;&quot;x&quot;&lt;/b&gt; &amp; &#39;y&#39;'));
  checkMermaid(renderMermaid(hostile));
});

test('the html page is self-contained: no script, no external resource', () => {
  const html = renderHtml(buildPlan(seed));
  assert.not.match(html, /<script|<link|<img|<iframe|@import|url\(/i);
  assert.not.match(html, /\s(src|href)=/i);
  for (const name of allStageNames(seed)) assert.ok(html.includes(name), name);
});

test.run();
