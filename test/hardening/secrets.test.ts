// Secrets: generated Jenkinsfiles never bring a credential into Groovy; the simulator and the helpers, given distinctive fake
// credential values (and servers that echo them back), never print one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { runGroovyScript } from '../support/groovy.js';
import { simulate } from '../support/jenkins-sim.js';
import { runBundledHelper, type HelperRun } from '../support/run-helper.js';
import { bareRepoWith, removeDir, runBundleAsync } from '../support/git-repo.js';
import { startGitHttpServer } from '../support/git-http-server.js';
import { goldenCases } from '../gen/support.js';
import { libraryVarsDir } from './library-stubs.js';
import { STEPS } from '../../src/gen/steps.js';

const CHECKER = join(ROOT, 'test', 'hardening', 'credentials.groovy');
/** Every fake credential value starts with this, so one search finds them all. */
const MARK = 'PWSECRET';
const secretFor = (id: string, part: string): string => `${MARK}-${part}-${id.replace(/[^A-Za-z0-9]/g, '')}-7f3a9c`;

interface CredentialReport {
  file: string;
  ok: boolean;
  problems: string[];
  bound: string[];
  bodies: number;
}

const checkCredentials = (files: string[], bound: string[] = [], checkBodies = true): CredentialReport[] =>
  runGroovyScript(CHECKER, { files, bound, checkBodies }) as CredentialReport[];
const cases = goldenCases();
/** Every variable a library step binds (the registry's credentials), which no var may bring into Groovy. */
const STEP_VARIABLES = [...new Set(STEPS.flatMap((s) => s.credentials.flatMap((c) => c.variables)))].sort();
const VARS = readdirSync(join(ROOT, 'vars'))
  .filter((f) => f.endsWith('.groovy'))
  .map((f) => join(ROOT, 'vars', f));

/** A Jenkinsfile breaking every rule of the static check once, so the check is seen to fail. */
const CRAFTED = [
  "withCredentials([string(credentialsId: 'slack', variable: 'HOOK'), usernamePassword(credentialsId: 'git', usernameVariable: 'U', passwordVariable: 'P')]) {",
  '  sh "curl -X POST $HOOK"',
  "  echo 'hello'",
  "  pwNotify(event: 'x')",
  '  sh \'curl "$HOOK"\'',
  '}',
  'def token = env.P',
  '',
].join('\n');

/** The goldens and the crafted file checked in one JVM (a JVM start costs seconds of CPU), once for both tests. */
let checked: { goldens: CredentialReport[]; crafted: CredentialReport } | null = null;
function checkAll(): { goldens: CredentialReport[]; crafted: CredentialReport } {
  if (checked) return checked;
  const dir = mkdtempSync(join(tmpdir(), 'pw-cred-'));
  try {
    const file = join(dir, 'Jenkinsfile');
    writeFileSync(file, CRAFTED);
    const reports = checkCredentials([...cases.map((c) => c.golden), file]);
    assert.is(reports.length, cases.length + 1);
    checked = { goldens: reports.slice(0, cases.length), crafted: reports[cases.length]! };
    return checked;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('no generated Jenkinsfile binds a credential or brings one into Groovy: the steps bind their own, from the IDs the Jenkinsfile names', () => {
  const reports = checkAll().goldens;
  assert.is(reports.length, cases.length);
  assert.equal(
    reports.map((r) => r.file),
    cases.map((c) => c.golden),
  );
  const problems = reports.flatMap((r) => r.problems.map((p) => `${r.file}: ${p}`));
  assert.equal(problems, []);
  assert.equal(
    reports.filter((r) => r.bodies > 0).map((r) => r.file),
    [],
    'a Jenkinsfile binds a credential itself',
  );
  console.log(`secrets static: ${reports.length} Jenkinsfiles, no withCredentials, 0 problems`);
});

test('no var brings a variable its step binds into Groovy: no GString names it and no env read takes it', () => {
  assert.ok(STEP_VARIABLES.length >= 10 && STEP_VARIABLES.includes('PW_GIT_TOKEN'), STEP_VARIABLES.join(' '));
  const reports = checkCredentials(VARS, STEP_VARIABLES, false);
  assert.equal(
    reports.flatMap((r) => r.problems.map((p) => `${r.file}: ${p}`)),
    [],
  );
  // The check saw the binding: pwInternal binds, and each step with credentials hands it the registry's list.
  const binding = VARS.filter((f) => readFileSync(f, 'utf8').includes('pwInternal.credentialBindings(config, ['));
  assert.is(binding.length, STEPS.filter((s) => s.credentials.length).length);
  assert.is(reports.find((r) => r.file.endsWith('pwInternal.groovy'))!.bodies, 1);
});

test('the var check can fail: a GString naming a bound variable and an env read of one, inside a method', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-cred-var-'));
  try {
    const file = join(dir, 'pwBad.groovy');
    writeFileSync(file, ['def call(Map config = [:]) {', '  echo("token ${PW_GIT_TOKEN}")', '  String t = env.ARGOCD_TOKEN', '}', ''].join('\n'));
    const [report] = checkCredentials([file], STEP_VARIABLES, false);
    assert.is(report!.problems.length, 2, report!.problems.join('\n'));
    assert.match(report!.problems.join('\n'), /line 2: a GString interpolates a credential/);
    assert.match(report!.problems.join('\n'), /line 3: env\.ARGOCD_TOKEN reads a credential/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the static check can fail: a GString, an env read and a foreign step inside withCredentials are each caught', () => {
  const report = checkAll().crafted;
  assert.equal(report.bound, ['HOOK', 'P', 'U']);
  const text = report.problems.join('\n');
  assert.is(report.problems.length, 4, text);
  assert.match(text, /line 2: withCredentials body sh with something other/);
  assert.match(text, /line 3: withCredentials body calls echo/);
  assert.match(text, /a GString interpolates a credential/);
  assert.match(text, /env\.P reads a credential/);
});

test('simulated runs of every example and fixture, on every deploying branch, never show a credential value', () => {
  const vars = libraryVarsDir();
  try {
    const scenarios = cases.flatMap((c) => {
      const text = readFileSync(c.golden, 'utf8');
      // IDs in calls (credentialsId: 'x', slackCredentialsId: 'x') and in the environment facts ("gitCredentials": "x").
      const ids = [...new Set([...text.matchAll(/[cC]redentials(?:Id)?"?: ["']([^"']+)["']/g)].map((m) => m[1]!))];
      const credentials = Object.fromEntries(
        ids.map((id) => [id, Object.fromEntries(['secret', 'username', 'password', 'accessKey', 'secretKey'].map((p) => [p, secretFor(id, p)]))]),
      );
      const branches = [...new Set(['main', 'feature/x', ...[...text.matchAll(/branch '([^'*]+)'/g)].map((m) => m[1]!)])];
      return branches.map((branch) => ({ name: `${c.name} @ ${branch}`, jenkinsfile: c.golden, branch, credentials, inputs: { 'Approve: prod': 'ops' } }));
    });
    const outcomes = simulate(scenarios, { varsDir: vars.dir, resourcesDir: join(ROOT, 'resources') });
    const bound = outcomes.flatMap((o) => o.calls.filter((c) => c.step === 'withCredentials')).length;
    assert.ok(bound > 20, `only ${bound} withCredentials calls ran`);
    for (const o of outcomes) {
      assert.equal(o.errors, [], `${o.name}: ${o.errors.join('; ')}`);
      const captured = JSON.stringify(o);
      assert.not.ok(
        captured.includes(MARK),
        `${o.name}: a credential value is in the captured run: ${captured.slice(captured.indexOf(MARK) - 200, captured.indexOf(MARK) + 100)}`,
      );
    }
    console.log(`secrets simulated: ${outcomes.length} runs, ${bound} withCredentials blocks entered, 0 values seen`);
  } finally {
    rmSync(vars.dir, { recursive: true, force: true });
  }
});

/** The worst server: every request fails, and the reply repeats the whole request (path, headers, body) back. */
function startEchoServer(): Promise<{ url: string; seen: string[]; close: () => Promise<void> }> {
  const seen: string[] = [];
  let n = 0;
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const echo = `${req.method} ${req.url}\n${Object.entries(req.headers)
        .map(([k, v]) => `${k}: ${String(v)}`)
        .join('\n')}\n\n${body}`;
      seen.push(echo);
      const status = [401, 500, 400, 403][n++ % 4]!;
      res.writeHead(status, { 'content-type': n % 2 ? 'application/json' : 'text/plain' });
      res.end(n % 2 ? JSON.stringify({ error: echo, message: echo }) : echo);
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${address.port}`, seen, close: () => new Promise((r) => server.close(() => r())) });
    }),
  );
}

const FAST = ['--backoff', '5ms', '--request-timeout', '10s'];
/** notify exits 0 when delivery fails (a notification never fails the build); the others fail. Each says what happened. */
function assertNoValue(label: string, run: HelperRun, secret: string): void {
  assert.ok(run.code !== null && (run.code !== 0 || label === 'notify'), `${label}: expected a failure against the echoing server, got exit ${run.code}`);
  assert.ok(`${run.stdout}${run.stderr}`.trim(), `${label}: said nothing about the failure`);
  for (const text of [run.stdout, run.stderr, run.resultText])
    assert.not.ok(text.includes(secret), `${label}: the credential value leaked: ${text.slice(0, 400)}`);
}

test('helpers given fake credentials, against a server that echoes every request back in its errors, never print the value', async () => {
  const echo = await startEchoServer();
  const dir = mkdtempSync(join(tmpdir(), 'pw-secret-helpers-'));
  const checks = join(dir, 'checks.json');
  writeFileSync(checks, JSON.stringify([{ name: 'errors', preset: 'error-rate', max: 0.02 }]));
  try {
    const runs: Array<[string, () => Promise<HelperRun>, string]> = [
      [
        'notify',
        () =>
          runBundledHelper(
            'notify',
            [
              '--event',
              'failure',
              '--app',
              'orders-api',
              '--build-name',
              'orders-api #42',
              '--build-url',
              'https://jenkins.acme.internal/job/42/',
              '--branch',
              'main',
              '--commit',
              '0123456789abcdef0123',
              '--channel',
              '#deploys',
              ...FAST,
            ],
            { SLACK_WEBHOOK_URL: `${echo.url}/services/T0/B0/${secretFor('slack', 'path')}` },
          ),
        secretFor('slack', 'path'),
      ],
      [
        'argocd-sync',
        () => runBundledHelper('argocd-sync', ['--server', echo.url, '--app', 'orders-prod', ...FAST], { ARGOCD_TOKEN: secretFor('argocd', 'token') }),
        secretFor('argocd', 'token'),
      ],
      [
        'approve',
        () =>
          runBundledHelper(
            'approve',
            [
              '--app',
              'orders-api',
              '--version',
              '42-aaaaaaa',
              '--environment',
              'prod',
              '--build-url',
              'https://jenkins.acme.internal/job/42/',
              '--approver',
              'carol',
              '--author-email',
              'alice@acme.com',
              '--require-review',
              '--repository',
              'acme/orders-api',
              '--commit',
              'a'.repeat(40),
              '--github-api',
              echo.url,
              '--backoff',
              '5ms',
            ],
            { GITHUB_TOKEN: secretFor('github', 'token') },
          ),
        secretFor('github', 'token'),
      ],
      [
        'health-check',
        () =>
          runBundledHelper('health-check', ['--prometheus', echo.url, '--app', 'orders-api', '--namespace', 'prod', '--checks', checks, ...FAST], {
            PROMETHEUS_TOKEN: secretFor('prometheus', 'token'),
          }),
        secretFor('prometheus', 'token'),
      ],
    ];
    for (const [label, run, secret] of runs) {
      const before = echo.seen.length;
      const result = await run();
      assert.ok(
        echo.seen.slice(before).some((s) => s.includes(secret)),
        `${label}: the server never received the credential, so the test proves nothing: ${result.stderr.slice(0, 300)}`,
      );
      assertNoValue(label, result, secret);
    }
    console.log(`secrets helpers: ${runs.length} helpers against an echoing server, ${echo.seen.length} requests, 0 values printed`);
  } finally {
    await echo.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bump-image with a wrong git password against a real git HTTP server says so without printing the password', async () => {
  const { root } = bareRepoWith({ 'apps/dev/kustomization.yaml': 'images:\n  - name: orders-api\n    newTag: "1"\n' });
  const server = await startGitHttpServer(root, { user: 'bot', password: 'the-right-one' });
  const work = mkdtempSync(join(tmpdir(), 'pw-bump-secret-'));
  try {
    const secret = secretFor('github-bot', 'password');
    const run = await runBundleAsync(
      'bump-image',
      [
        '--repo',
        `${server.url}/remote.git`,
        '--manifest',
        'apps/dev/kustomization.yaml',
        '--image',
        'orders-api',
        '--tag',
        '2',
        '--app',
        'orders-api',
        '--environment',
        'dev',
        '--attempts',
        '2',
        '--backoff-ms',
        '20',
        '--result',
        join(work, 'r.json'),
      ],
      { env: { GIT_USERNAME: 'bot', GIT_PASSWORD: secret, TMPDIR: work }, timeoutMs: 60_000 },
    );
    assert.ok(run.code === 1 || run.code === 2, `exit ${run.code}: ${run.stderr}`);
    assert.match(run.stderr, /auth|credential|401|denied/i, `not an authentication failure: ${run.stderr.slice(0, 400)}`);
    let result = '';
    try {
      result = readFileSync(join(work, 'r.json'), 'utf8');
    } catch {
      // no result file is fine; nothing to search
    }
    for (const text of [run.stdout, run.stderr, result]) assert.not.ok(text.includes(secret), `the password leaked: ${text.slice(0, 400)}`);
  } finally {
    await server.close();
    removeDir(root);
    rmSync(work, { recursive: true, force: true });
  }
});

test.run();
