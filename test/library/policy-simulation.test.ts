// The library enforces the organisation's policy at run time (issue #16 item 4): a hand-written Jenkinsfile that skips approval, a gate or a scanner is refused by the steps compiled with `lib --policy`.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { simulate, type Scenario, type SimOutcome } from '../support/jenkins-sim.js';
import { generateLibrary } from '../../src/gen/library.js';
import { readPolicy, type Policy } from '../../src/config/policy.js';
import { rules } from '../../src/lint/rules/index.js';

const JENKINSFILE = join(ROOT, 'test', 'fixtures', 'sim', 'Jenkinsfile.policy');
const PYTHON = join(ROOT, 'examples', 'python-service', 'Jenkinsfile');
const policy = readPolicy(join(ROOT, 'test', 'fixtures', 'policy', 'acme.yaml'), new Set(rules.map((r) => r.id))).policy!;
assert.ok(policy);

/** Writes the library `lib --policy` would generate into a temporary folder. */
function library(p: Policy | null): string {
  const root = mkdtempSync(join(tmpdir(), 'pw-policy-lib-'));
  for (const [path, text] of generateLibrary(null, p)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const withPolicy = library(policy);
// The same policy without required gates, to see the approval check alone pass.
const approvalOnly = library({ ...policy, requiredGates: [] });
const plain = library(null);
const users = { alice: { groups: ['ops'] }, mallory: { groups: ['orders-devs'] } };
const scenario = (name: string, env: Record<string, string>, extra: Partial<Scenario> = {}): Scenario => ({
  name,
  branch: 'main',
  jenkinsfile: JENKINSFILE,
  env,
  users,
  ...extra,
});
const run = (root: string, scenarios: Scenario[]): SimOutcome[] => simulate(scenarios, { varsDir: join(root, 'vars'), resourcesDir: join(root, 'resources') });

const LIVE = 'Approve, then deploy live';
const [unapproved, unapprovedSync, mallory, gatesSkipped, scan, rollbackUnapproved, rollbackApproved] = run(withPolicy, [
  scenario('unapproved', { PW_CASE: 'unapproved' }),
  scenario('unapproved-sync', { PW_CASE: 'unapproved-sync' }),
  scenario('mallory', { PW_CASE: 'approved' }, { inputs: { [LIVE]: 'mallory' } }),
  scenario('gates skipped', { PW_CASE: 'approved' }, { inputs: { [LIVE]: 'alice' } }),
  scenario('scan', { PW_CASE: 'scan' }),
  scenario('rollback unapproved', { PW_CASE: 'rollback-unapproved' }),
  scenario('rollback approved', { PW_CASE: 'rollback-approved' }, { inputs: { 'Approve, then roll live back': 'alice' } }),
]);
// The real approve helper runs (execSh) in a scratch workspace, with the policy's identities and without them.
const workspace = mkdtempSync(join(tmpdir(), 'pw-policy-ws-'));
const ownCommit = (): Scenario =>
  scenario('own commit', { PW_CASE: 'own-commit' }, { inputs: { 'Approve your own commit': 'alice' }, execSh: true, workspace });
const [ownCommitUnderPolicy] = run(approvalOnly, [ownCommit()]);
const [ownCommitUnknown] = run(library({ ...policy, requiredGates: [], production: { ...policy.production, identities: {} } }), [ownCommit()]);
const [approved, claimed, forged] = run(approvalOnly, [
  scenario('approved', { PW_CASE: 'approved' }, { inputs: { [LIVE]: 'alice' } }),
  scenario('claimed', { PW_CASE: 'claimed' }),
  scenario('forged', { PW_CASE: 'forged' }),
]);
const [plainUnapproved] = run(plain, [scenario('unapproved, no policy', { PW_CASE: 'unapproved' })]);
// The generated flow on main (Approve: prod answered by alice, of ops) runs as before under the policy; so does its
// manual prod rollback, approved by its own input (by alice, of ops; under a policy that names only release-managers,
// the same approval does not count).
const rollbackOf = (approver: string): Scenario => ({
  name: `python rollback by ${approver}`,
  branch: 'main',
  jenkinsfile: PYTHON,
  inputs: { 'Approve rollback: prod': approver },
  params: { PW_ROLLBACK_ENVIRONMENT: 'prod' },
  users,
});
const [generated, generatedRollback] = run(withPolicy, [
  { name: 'python main', branch: 'main', jenkinsfile: PYTHON, inputs: { 'Approve: prod': 'alice' }, users },
  rollbackOf('alice'),
]);
const releaseManagersOnly = library({ ...policy, production: { ...policy.production, approvers: ['release-managers'] } });
const [generatedRollbackNotNamed] = run(releaseManagersOnly, [rollbackOf('alice')]);

test.after(() => {
  for (const root of [withPolicy, approvalOnly, plain, workspace, releaseManagersOnly]) rmSync(root, { recursive: true, force: true });
});

const bumped = (o: SimOutcome) => o.calls.some((c) => c.step === 'sh' && (c.script ?? '').includes('bump-image.cjs'));
const failure = (o: SimOutcome) => o.stages.map((s) => s.error ?? '').join(' ');
/** Every NAME=value a step passed to withEnv in the run. */
const envValues = (o: SimOutcome): string[] => o.calls.filter((c) => c.step === 'withEnv').flatMap((c) => (c.args as unknown[]).flat() as string[]);

test('without a policy, a hand-written Jenkinsfile deploys the prod manifest under another name with no approval (main today)', () => {
  assert.is(plainUnapproved!.result, 'SUCCESS', failure(plainUnapproved!));
  assert.ok(bumped(plainUnapproved!));
});

test('under the policy, pwBumpManifest refuses the prod manifest with no approval in this build, before any helper runs', () => {
  assert.is(unapproved!.result, 'FAILURE');
  assert.match(
    failure(unapproved!),
    /pwBumpManifest: canary is production under the organisation's policy \(its manifest apps\/orders-api\/overlays\/prod\/kustomization.yaml matches a production pattern\); pwApprove must approve it/,
  );
  assert.not.ok(bumped(unapproved!));
});

test('under the policy, pwArgoSync refuses an Argo CD application matching a production pattern with no approval', () => {
  assert.is(unapprovedSync!.result, 'FAILURE');
  assert.match(failure(unapprovedSync!), /pwArgoSync: blue is production .*application orders-api-prod/);
  assert.not.ok(unapprovedSync!.calls.some((c) => c.step === 'sh' && (c.script ?? '').includes('argocd-sync.cjs')));
});

test("an approver outside the policy's approvers approves nothing", () => {
  assert.is(mallory!.result, 'FAILURE');
  assert.match(failure(mallory!), /pwApprove: mallory is not among the approvers the organisation's policy names \(ops, release-managers\)/);
  assert.not.ok(bumped(mallory!));
});

test('pwApprove refuses an approver Jenkins did not record approving an input of this build (the name is only what the Jenkinsfile says)', () => {
  assert.is(claimed!.result, 'FAILURE');
  assert.match(failure(claimed!), /pwApprove: Jenkins recorded no approval by alice in this build .*; live stays unapproved/);
  assert.not.ok(bumped(claimed!));
});

test('an approval record the Jenkinsfile writes into env itself does not let a production deploy through', () => {
  assert.is(forged!.result, 'FAILURE');
  assert.match(
    failure(forged!),
    /pwBumpManifest: live is production .*its recorded approval does not hold: Jenkins recorded no approval by alice in this build/,
  );
  assert.not.ok(bumped(forged!));
});

const rolledBack = (o: SimOutcome) => o.calls.some((c) => c.step === 'sh' && (c.script ?? '').includes('rollback.cjs'));

test("rolling production back is deploying it: pwRollback refuses without this build's approval, and needs no gates once approved", () => {
  assert.is(rollbackUnapproved!.result, 'FAILURE');
  assert.match(failure(rollbackUnapproved!), /pwRollback: live is production .*pwApprove must approve it in this build/);
  assert.not.ok(rolledBack(rollbackUnapproved!));
  assert.ok(rolledBack(rollbackApproved!), failure(rollbackApproved!));
});

test("the policy's identities tell the four-eyes check who an approver is in git, which the repository cannot take away", () => {
  assert.is(ownCommitUnderPolicy!.result, 'FAILURE');
  assert.match(failure(ownCommitUnderPolicy!), /"alice" is the commit author alice\.smith@acme\.example \(by .*\); someone else must approve/);
  // Without them, nothing says alice.smith@acme.example is alice.
  assert.is(ownCommitUnknown!.result, 'SUCCESS', failure(ownCommitUnknown!));
});

test('an approved production deploy still needs the required gates to have passed in this build', () => {
  assert.is(gatesSkipped!.result, 'FAILURE');
  assert.match(failure(gatesSkipped!), /requires the coverage and trivy gate\(s\) to pass in this build first/);
  assert.not.ok(bumped(gatesSkipped!));
});

test("approved by one of the policy's approvers, the deploy proceeds and bump-image gets the git allow-list", () => {
  assert.is(approved!.result, 'SUCCESS', failure(approved!));
  assert.ok(bumped(approved!));
  for (const v of ['PW_ALLOWED_HOSTS_GIT=github.com', 'PW_ALLOWED_HOSTS_GITHUB=api.github.com'])
    assert.ok(envValues(approved!).includes(v), `${v} in ${JSON.stringify(envValues(approved!))}`);
});

test("step arguments cannot drop the policy's scanners, failOn severities or coverage minimum", () => {
  const values = envValues(scan!);
  for (const v of ['PW_SCANNERS=misconfig,vuln,secret', 'PW_FAIL_ON=CRITICAL,HIGH', 'PW_WARN_ON=MEDIUM', 'PW_MIN=80'])
    assert.ok(values.includes(v), `${v} in ${JSON.stringify(values)}`);
  assert.ok(scan!.calls.some((c) => c.step === 'sh' && (c.script ?? '').includes('gate-coverage.cjs')));
});

test('the generated flow on main, with its approval and gates, deploys prod under the policy', () => {
  assert.is(generated!.result, 'SUCCESS', failure(generated!));
  assert.ok(bumped(generated!));
});

test('under the policy, the generated manual prod rollback runs when a policy approver approved its input, and is refused otherwise (review of #14 F6)', () => {
  const rolledBack = (o: SimOutcome) => o.calls.some((c) => c.step === 'sh' && (c.script ?? '').includes('rollback.cjs'));
  assert.is(generatedRollback!.result, 'SUCCESS', failure(generatedRollback!));
  assert.ok(rolledBack(generatedRollback!));
  assert.is(generatedRollbackNotNamed!.result, 'FAILURE');
  assert.match(failure(generatedRollbackNotNamed!), /pwRollback: prod is production under the organisation's policy .*pwApprove must approve it/);
  assert.not.ok(rolledBack(generatedRollbackNotNamed!));
});

test.run();
