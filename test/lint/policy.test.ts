// The platform's policy (issue #16 item 4 and 6): each way a repository weakened it passes lint without the policy and is an error with it.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import jsYaml from 'js-yaml';
import { loadText } from '../../src/config/load.js';
import { lintLoaded } from '../../src/lint/runner.js';
import { globSource, hostAllowed, hostOf, readPolicy, type Policy } from '../../src/config/policy.js';
import { rules } from '../../src/lint/rules/index.js';
import { BASE, patched, TODAY, type Patch } from '../support/lint.js';
import { ROOT } from '../support/cli.js';

const POLICY_FILE = join(ROOT, 'test', 'fixtures', 'policy', 'acme.yaml');
const RULE_IDS = new Set(rules.map((r) => r.id));
const { policy, diagnostics: policyProblems } = readPolicy(POLICY_FILE, RULE_IDS);

const lint = (text: string, withPolicy: Policy | null) => {
  const loaded = loadText(text, 'pipeline.yaml');
  assert.ok(loaded.model, `the case does not load: ${loaded.diagnostics.map((d) => d.message).join('; ')}`);
  return lintLoaded(loaded, undefined, { today: TODAY, policy: withPolicy }).diagnostics;
};
const errors = (text: string, withPolicy: Policy | null) => lint(text, withPolicy).filter((d) => d.severity === 'error');
const prod = BASE.environments.prod as Patch;
const { approval: _approval, ...prodWithoutApproval } = prod;

/** Each case: today's lint (no policy) finds no error; under the policy, an error of `ruleId` at `path`. */
const cases: Array<{ name: string; text: string; ruleId: string; path: Array<string | number> }> = [
  {
    name: 'prod renamed prd, without approval',
    text: jsYaml.dump(patched({ environments: { prod: null, prd: prodWithoutApproval } })),
    ruleId: 'policy',
    path: ['environments', 'prd'],
  },
  {
    name: 'prod renamed live, its manifest still the prod overlay',
    text: jsYaml.dump(
      patched({ environments: { prod: null, live: { ...prodWithoutApproval, manifest: 'apps/orders-api/overlays/prod/kustomization.yaml' } } }),
    ),
    ruleId: 'policy',
    path: ['environments', 'live'],
  },
  {
    name: 'an environment named "blue" whose Argo CD app is orders-api-prod',
    text: jsYaml.dump(
      patched({
        environments: {
          prod: null,
          blue: { ...prodWithoutApproval, manifest: 'apps/orders-api/overlays/blue/kustomization.yaml', argocdApp: 'orders-api-prod' },
        },
      }),
    ),
    ruleId: 'policy',
    path: ['environments', 'blue'],
  },
  {
    name: 'production: false on prod',
    text: jsYaml.dump(patched({ environments: { prod: { approval: null, production: false } } })),
    ruleId: 'policy',
    path: ['environments', 'prod'],
  },
  {
    name: 'production-requires-approval turned off',
    text: jsYaml.dump(patched({ environments: { prod: { approval: null } }, lint: { rules: { 'production-requires-approval': 'off' } } })),
    ruleId: 'policy',
    path: ['lint', 'rules', 'production-requires-approval'],
  },
  {
    name: 'scanners: [misconfig, secret] under extends: pipewright:default',
    text: jsYaml.dump(patched({ extends: 'pipewright:default', security: { trivy: { scanners: ['misconfig', 'secret'] } } })),
    ruleId: 'policy',
    path: ['security', 'trivy', 'scanners'],
  },
  {
    name: 'an ignore until 9999-12-31',
    text: jsYaml.dump(patched({ security: { trivy: { ignore: [{ id: 'CVE-2024-0001', until: '9999-12-31', reason: 'accepted forever' }] } } })),
    ruleId: 'policy',
    path: ['security', 'trivy', 'ignore', 0, 'until'],
  },
  {
    name: 'the Trivy scan turned off',
    text: jsYaml.dump(
      patched({ security: { trivy: { enabled: false } }, lint: { rules: { 'trivy-disabled': 'off', 'secret-scanning-off-production': 'off' } } }),
    ),
    ruleId: 'policy',
    path: ['security', 'trivy', 'enabled'],
  },
  {
    name: 'production approved by the team itself',
    text: jsYaml.dump(patched({ environments: { prod: { approval: { submitters: ['orders-devs'] } } } })),
    ruleId: 'policy',
    path: ['environments', 'prod', 'approval', 'submitters'],
  },
  {
    name: 'the manifests repository on a host the git token must not reach',
    text: jsYaml.dump(patched({ gitops: { repo: 'https://git.evil.example/acme/k8s-manifests.git' } })),
    ruleId: 'policy',
    path: ['gitops', 'repo'],
  },
  {
    name: 'an Argo CD server outside the allow-list',
    text: jsYaml.dump(patched({ gitops: { argocd: { server: 'https://argocd.evil.example', credentialsId: 'argocd-token' } } })),
    ruleId: 'policy',
    path: ['gitops', 'argocd', 'server'],
  },
  {
    name: 'a database host outside the allow-list',
    text: jsYaml.dump(
      patched({ environments: { prod: { database: { host: 'db.evil.example', name: 'orders', credentialsId: 'orders-db', backupDir: '/backups/orders' } } } }),
    ),
    ruleId: 'policy',
    path: ['environments', 'prod', 'database', 'host'],
  },
];

test('the policy fixture reads', () => {
  assert.equal(policyProblems, []);
  assert.ok(policy);
});

for (const c of cases) {
  test(`policy: ${c.name}`, () => {
    assert.equal(
      errors(c.text, null).map((d) => `${d.ruleId} ${d.message}`),
      [],
      'without the policy the case is clean of errors (as on main)',
    );
    const found = errors(c.text, policy);
    assert.ok(
      found.some((d) => d.ruleId === c.ruleId && JSON.stringify(d.path) === JSON.stringify(c.path)),
      `expected ${c.ruleId} at ${JSON.stringify(c.path)}, got ${found.map((d) => `${d.ruleId} ${JSON.stringify(d.path)} ${d.message}`).join('; ')}`,
    );
  });
}

test('the base config passes the policy', () => {
  assert.equal(errors(jsYaml.dump(BASE), policy), []);
});

test('a suppression of a locked rule hides nothing and is a policy error, even with suppression-invalid off', () => {
  const text = `${jsYaml
    .dump(patched({ lint: { rules: { 'suppression-invalid': 'off' } } }))
    .replace(
      /security:\n  trivy:\n    failOn:\n      - CRITICAL\n      - HIGH\n/,
      'security:\n  trivy:\n    # pipewright-disable-next-line trivy-high-missing -- we triage HIGH by hand\n    failOn:\n      - CRITICAL\n',
    )}`;
  assert.match(text, /pipewright-disable-next-line trivy-high-missing/);
  assert.equal(errors(text, null), [], 'on main the suppression hides the finding');
  // Without the policy's own failOn requirement, whose finding on the same value would stand in for the rule's.
  const found = errors(text, { ...policy!, failOn: [] }).map((d) => `${d.line} ${d.ruleId}`);
  const line = text.split('\n').findIndex((l) => l.includes('pipewright-disable-next-line')) + 1;
  assert.ok(found.includes(`${line} policy`), found.join('; '));
  assert.ok(
    found.some((f) => f.endsWith(' trivy-high-missing')),
    found.join('; '),
  );
});

test('a locked rule that is a warning by default is an error under the policy, and lint.rules cannot lower it', () => {
  const text = jsYaml.dump(patched({ security: { trivy: { failOn: ['CRITICAL'] } }, lint: { rules: { 'trivy-high-missing': 'warning' } } }));
  const found = errors(text, { ...policy!, failOn: [] });
  assert.ok(
    found.some((d) => d.ruleId === 'trivy-high-missing'),
    JSON.stringify(found),
  );
  assert.ok(found.some((d) => d.ruleId === 'policy' && d.path.join('.') === 'lint.rules.trivy-high-missing'));
});

test('an org file a repository extends cannot loosen the policy: every weakening together is still refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-policy-'));
  try {
    // An org file the repository controls, unlocking everything.
    writeFileSync(join(dir, 'org.yaml'), 'lint:\n  rules:\n    production-requires-approval: "off"\nsecurity:\n  trivy:\n    scanners: [misconfig, secret]\n');
    const text = jsYaml.dump(patched({ extends: 'org.yaml', security: { trivy: { scanners: null } }, environments: { prod: null, prd: prodWithoutApproval } }));
    const loaded = loadText(text, join(dir, 'pipeline.yaml'));
    assert.ok(loaded.model, JSON.stringify(loaded.diagnostics));
    const found = lintLoaded(loaded, undefined, { today: TODAY, policy })
      .diagnostics.filter((d) => d.ruleId === 'policy')
      .map((d) => d.path.join('.'));
    assert.ok(found.includes('environments.prd'), found.join('; '));
    assert.ok(found.includes('security.trivy.scanners'), found.join('; '));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('"policy" findings cannot be configured or suppressed', () => {
  const text = `${jsYaml.dump(patched({ environments: { prod: null, prd: prodWithoutApproval }, lint: { rules: { policy: 'off' } } })).replace('  prd:', '  # pipewright-disable-next-line policy -- trust us\n  prd:')}`;
  const found = lint(text, policy);
  assert.ok(found.some((d) => d.ruleId === 'policy' && d.path.join('.') === 'environments.prd'));
  assert.ok(found.some((d) => d.ruleId === 'unknown-rule' && d.message.includes('"policy" findings cannot be configured')));
  assert.ok(found.some((d) => d.ruleId === 'suppression-invalid' && d.message.includes('cannot be suppressed')));
});

test('globs: * within a part, ** across parts (and none), ? one character, case-insensitive', () => {
  const m = (glob: string, value: string) => new RegExp(globSource(glob), 'i').test(value);
  assert.ok(m('**/overlays/prod/**', 'apps/orders/overlays/prod/kustomization.yaml'));
  assert.ok(m('**/overlays/prod/**', 'overlays/prod/kustomization.yaml'));
  assert.not.ok(m('**/overlays/prod/**', 'apps/overlays/production/x.yaml'));
  assert.ok(m('*-prod', 'Orders-API-PROD'));
  assert.not.ok(m('*-prod', 'a/b-prod'));
  assert.ok(m('pr?', 'PRD'));
  assert.not.ok(m('prod', 'prod1'));
  assert.not.ok(m('a.b', 'axb'));
});

test('hosts: exact names and *.suffix, from URLs and scp-like git addresses', () => {
  assert.equal(hostOf('git@github.com:acme/x.git'), 'github.com');
  assert.equal(hostOf('https://GitHub.com/acme/x.git'), 'github.com');
  assert.equal(hostOf('ssh://git@github.com:22/acme/x.git'), 'github.com');
  assert.ok(hostAllowed('GITHUB.com', ['github.com']));
  assert.ok(hostAllowed('pg1.db.acme.internal', ['*.db.acme.internal']));
  assert.not.ok(hostAllowed('db.acme.internal', ['*.db.acme.internal']));
  assert.not.ok(hostAllowed('evil-db.acme.internal', ['*.db.acme.internal']));
  assert.not.ok(hostAllowed('github.com.evil.example', ['github.com']));
});

test('a policy file with an unknown locked rule or a bad key is refused with its position', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-policy-'));
  try {
    writeFileSync(join(dir, 'p.yaml'), 'version: 1\nlint:\n  locked: [production-requires-aproval]\n');
    const read = readPolicy(join(dir, 'p.yaml'), RULE_IDS);
    assert.is(read.policy, null);
    assert.match(read.diagnostics[0]!.message, /"production-requires-aproval" is not a rule id/);
    assert.is(read.diagnostics[0]!.line, 3);
    writeFileSync(join(dir, 'q.yaml'), 'version: 1\nproduction:\n  enviroments: [prod]\n');
    assert.is(readPolicy(join(dir, 'q.yaml'), RULE_IDS).policy, null);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
