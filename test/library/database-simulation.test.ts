// The data-recovery path in a simulated Jenkins run: a backup right before the production manifest bump, and a restore
// only when the manual rollback asks for it (the generated Jenkinsfile of test/fixtures/gen/database-and-metrics with the real vars/).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { simulate, type SimCall, type SimOutcome } from '../support/jenkins-sim.js';

const JENKINSFILE = join(ROOT, 'test', 'fixtures', 'gen', 'database-and-metrics', 'Jenkinsfile');
const PASSWORD = 'db-Pa55-w0rd-for-the-simulation';
const credentials = { 'orders-db-backup': { username: 'backup', password: PASSWORD } };
/** dba-alice is in the dba group, which the allow-list names: Jenkins' input admits group members. */
const approve = {
  inputs: { 'Approve: prod': 'dba-alice' },
  users: { 'dba-alice': { groups: ['dba'] } },
  sh: [{ match: 'log -1 --format=%ae', stdout: 'dev@acme.com\n' }],
};

const [deploy, rollbackOnly, rollbackAndRestore] = simulate([
  { name: 'deploy prod', branch: 'main', jenkinsfile: JENKINSFILE, credentials, ...approve },
  { name: 'rollback only', branch: 'main', jenkinsfile: JENKINSFILE, credentials, params: { PW_ROLLBACK_ENVIRONMENT: 'prod' } },
  {
    name: 'rollback and restore',
    branch: 'main',
    jenkinsfile: JENKINSFILE,
    credentials,
    params: { PW_ROLLBACK_ENVIRONMENT: 'prod', PW_ROLLBACK_RESTORE_DATABASE: true },
  },
]) as [SimOutcome, SimOutcome, SimOutcome];

const libraryOrder = (o: SimOutcome): string[] => o.calls.filter((c) => c.library && c.depth === 0).map((c) => c.step);
const helperRun = (o: SimOutcome, helper: string): SimCall | undefined =>
  o.calls.find((c) => c.step === 'sh' && (c.script ?? '').includes(`node .pipewright/${helper}.cjs`));

test('a production deploy backs up the database right before the manifest bump', () => {
  assert.is(deploy.result, 'SUCCESS', deploy.errors.join('\n'));
  // Backup and bump are steps of prod's deploy stage, after the approval stage.
  const ran = deploy.stages.filter((s) => s.status === 'success').map((s) => s.name);
  assert.ok(ran.indexOf('Deploy: prod') > ran.indexOf('Approve: prod'), 'after the approval');
  assert.ok(helperRun(deploy, 'db-backup')!.stage === 'Deploy: prod');
  const order = libraryOrder(deploy);
  assert.is(order[order.indexOf('pwBackupDatabase') + 1], 'pwBumpManifest');
});

test('the backup reaches pg_dump through PGUSER/PGPASSWORD bindings, never in the script', () => {
  const bind = deploy.calls.find((c) => c.step === 'withCredentials' && c.stage === 'Deploy: prod' && (c.bound ?? []).includes('PGUSER'))!;
  assert.equal(bind.bound, ['PGPASSWORD', 'PGUSER']);
  const run = helperRun(deploy, 'db-backup')!;
  assert.ok(run, 'db-backup ran');
  assert.ok(run.env!.includes('PGPASSWORD'));
  assert.not.match(JSON.stringify(deploy.calls), PASSWORD);
});

test('a manual rollback restores the database only when asked, after rolling back the image', () => {
  const status = (o: SimOutcome, name: string) => o.stages.find((s) => s.name === name)?.status;
  assert.is(status(rollbackOnly, 'Roll back: prod'), 'success');
  assert.is(status(rollbackOnly, 'Restore database: prod'), 'skipped');
  assert.is(helperRun(rollbackOnly, 'db-restore'), undefined);
  assert.is(status(rollbackAndRestore, 'Restore database: prod'), 'success');
  const restore = helperRun(rollbackAndRestore, 'db-restore')!;
  assert.match(restore.script!, /--confirm "\$PW_DATABASE"/);
  assert.is(rollbackAndRestore.result, 'SUCCESS', rollbackAndRestore.errors.join('\n'));
  // Neither rollback run builds or deploys anything.
  for (const o of [rollbackOnly, rollbackAndRestore]) assert.is(helperRun(o, 'bump-image'), undefined);
});

test.run();
