// A build that ends NOT_BUILT meets `post { unsuccessful }` in Jenkins but failed nothing: pwNotify sends no failure
// notification for it (the outside review of issue #14, F2: notify used to refuse --build-result NOT_BUILT with exit 2).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { simulate } from '../support/jenkins-sim.js';

const JENKINSFILE = join(ROOT, 'test', 'fixtures', 'sim', 'Jenkinsfile.notbuilt');
const [notBuilt, failed, rollbackCancelled] = simulate([
  { name: 'not built', branch: 'develop', jenkinsfile: JENKINSFILE, env: { PW_CASE: 'not-built' } },
  { name: 'failed', branch: 'develop', jenkinsfile: JENKINSFILE, env: { PW_CASE: 'failure' } },
  { name: 'manual rollback cancelled', branch: 'develop', jenkinsfile: JENKINSFILE, env: { PW_CASE: 'not-built' }, params: { PW_ROLLBACK_ENVIRONMENT: 'dev' } },
]);
const notified = (o: typeof notBuilt) => o!.calls.some((c) => c.step === 'sh' && (c.script ?? '').includes('notify.cjs'));

test('NOT_BUILT: the unsuccessful post runs, and pwNotify says why it sends nothing', () => {
  assert.is(notBuilt!.result, 'NOT_BUILT');
  assert.ok(notBuilt!.postRan.includes('unsuccessful'));
  assert.not.ok(notified(notBuilt));
  assert.ok(notBuilt!.calls.some((c) => c.step === 'echo' && String(c.args).includes('no failure notification')));
});

test('NOT_BUILT in a manual rollback (a newer build passed a milestone and cancelled it): still announced', () => {
  assert.is(rollbackCancelled!.result, 'NOT_BUILT');
  assert.ok(notified(rollbackCancelled));
});

test('FAILURE: the same post sends the failure notification', () => {
  assert.is(failed!.result, 'FAILURE');
  assert.ok(notified(failed));
});

test.run();
