// Routing a step argument to a helper is type-checked: tsc (npm test) fails when an @ts-expect-error line here compiles.
// What each line refuses would otherwise reach a var as a flag the helper does not take, found only on Jenkins.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { ROOT } from '../support/cli.js';
import { flags, commonFlag, type HelperFlag } from '../../src/gen/helper-flags.js';
import type { HelperCall } from '../../src/gen/helper-calls.js';
import type { StepArgument } from '../../src/gen/step-types.js';
import { arg, gitopsArguments, databaseConnection } from '../../src/gen/step-arguments.js';

test('a route names its helpers and compiles only for an option every one of them takes', () => {
  assert.equal(flags('bump-image', 'deploy-history')('manifest'), { flag: '--manifest', to: ['bump-image', 'deploy-history'] });
  assert.equal(arg('x', 'string', 'x', flags('rollback')('reason')).to, ['rollback']);
  // @ts-expect-error release-hold reads no manifest: routing --manifest to it does not compile
  assert.ok(flags('release-hold', 'bump-image')('manifest'));
  // @ts-expect-error health-check has no --max-age (the argument needs its option in the helper's spec first)
  assert.ok(flags('health-check')('max-age'));
  // @ts-expect-error a route names at least one helper: with none, every option name would compile
  assert.ok(flags()('anything'));
  // @ts-expect-error a deprecated alias is no option key: the registry passes the current name
  assert.ok(flags('deploy-history')('env'));
  assert.is(commonFlag('result'), '--result');
  // @ts-expect-error --results is no option the entry point gives every helper
  assert.ok(commonFlag('results'));
});

test('a shared argument list takes only routes whose helpers all have its options', () => {
  assert.is(gitopsArguments(flags('release-hold', 'bump-image'), flags('bump-image'), null).length, 7);
  // @ts-expect-error release-hold takes no --manifest, so it cannot be in the manifest arguments' route
  assert.ok(gitopsArguments(flags('bump-image'), flags('release-hold', 'bump-image'), null));
  // @ts-expect-error deploy-history takes no --method
  assert.ok(gitopsArguments(flags('bump-image'), flags('bump-image'), flags('deploy-history')));
  // @ts-expect-error db-backup and notify share no --sslmode
  assert.ok(databaseConnection(flags('db-backup', 'notify')));
});

test('a flag is never written by hand, and an extra flag goes only on the line of its own helper', () => {
  // @ts-expect-error a flag written as a string is not read off a spec
  const handWritten: StepArgument = { name: 'x', type: 'string', required: false, description: 'x', flag: '--x', to: ['notify'] };
  // @ts-expect-error approve's --audit on notify's line
  const foreign: HelperCall = { helper: 'notify', line: [{ helper: 'approve', flag: '--audit' as HelperFlag, fixed: 'x' }] };
  const own: HelperCall = { helper: 'approve', line: [{ helper: 'approve', flag: '--audit' as HelperFlag, fixed: 'x' }] };
  assert.ok(handWritten && foreign && own);
});

test('only src/gen/helper-flags.ts makes a HelperFlag out of a string, so the brand means read off a spec', () => {
  const made = readdirSync(join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && readFileSync(join(ROOT, 'src', f), 'utf8').includes('as HelperFlag'))
    .map((f) => f.split(sep).join('/'));
  assert.equal(made, ['gen/helper-flags.ts']);
});

test.run();
