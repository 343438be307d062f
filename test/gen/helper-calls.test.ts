// The vars' helper runs come from the registry: an argument added there reaches the helper's command line and withEnv list with no template edit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { STEP_BY_NAME, STEPS, type LibraryStep, type StepArgument } from '../../src/gen/steps.js';
import { HELPER_CALLS, type HelperCall } from '../../src/gen/helper-calls.js';
import { checkHelperLines, helperLine, resolveCalls, stepValues } from '../../src/gen/helper-command.js';
import type { HelperFlag, HelperName } from '../../src/gen/helper-flags.js';

/**
 * A registry step with one more argument, as a registry edit would add it. The flag is cast: no helper has --max-age,
 * and the registry's own flags() would not compile with it (test/gen/helper-routes.test.ts).
 */
function withArgument(name: string, extra: Partial<StepArgument>): LibraryStep {
  const step = STEP_BY_NAME.get(name)!;
  const added: StepArgument = {
    name: 'maxAge',
    type: 'duration',
    required: false,
    description: 'How old it may be.',
    flag: '--max-age' as HelperFlag,
    to: [step.helpers[0]!],
    ...extra,
  };
  return { ...step, arguments: [...step.arguments, added] };
}

/** A step's helper runs with one line changed, as an edit to src/gen/helper-calls.ts would change it. */
function withLine(name: string, helper: HelperName, line: unknown[]): HelperCall[] {
  return HELPER_CALLS[name]!.map((c) => (c.helper === helper ? ({ helper, line } as HelperCall) : c));
}

test('an argument with a default, added to the registry only, is passed as --flag "$PW_X" and set in withEnv', () => {
  const step = withArgument('pwHealthCheck', { default: '24h' });
  assert.ok(helperLine(step, 'health-check').endsWith(' --max-age "$PW_MAX_AGE" --result .pipewright/health-check-result.json'));
  assert.is(stepValues(step).get('maxAge'), '"PW_MAX_AGE=${config.maxAge}"');
});

test('an optional argument is left out when empty, a boolean is a switch, a list goes comma-separated', () => {
  const optional = withArgument('pwHealthCheck', {});
  assert.ok(helperLine(optional, 'health-check').includes(' ${PW_MAX_AGE:+--max-age "$PW_MAX_AGE"} --result'));
  assert.is(stepValues(optional).get('maxAge'), `"PW_MAX_AGE=\${config.maxAge ?: ''}"`);
  const flag = withArgument('pwHealthCheck', { type: 'boolean', default: false });
  assert.ok(helperLine(flag, 'health-check').includes(' ${PW_MAX_AGE:+--max-age} --result'));
  assert.is(stepValues(flag).get('maxAge'), `"PW_MAX_AGE=\${config.maxAge ? 'true' : ''}"`);
  const list = withArgument('pwHealthCheck', { type: 'list<string>' });
  assert.is(stepValues(list).get('maxAge'), `"PW_MAX_AGE=\${(config.maxAge ?: []).join(',')}"`);
});

test('an added argument goes before the fixed output flags, which end the line', () => {
  const step = withArgument('pwCoverageGate', { default: '24h' });
  assert.ok(
    helperLine(step, 'gate-coverage').endsWith(
      '--min "$PW_MIN" --max-age "$PW_MAX_AGE" --summary .pipewright/coverage-summary.json --result .pipewright/gate-coverage-result.json',
    ),
  );
});

test('a step with several helpers passes a new argument to exactly the helpers its route names', () => {
  const bumpOnly = withArgument('pwBumpManifest', { default: '24h', to: ['bump-image'] });
  assert.ok(helperLine(bumpOnly, 'bump-image').endsWith(' --max-age "$PW_MAX_AGE" --result .pipewright/bump-image-result.json'));
  for (const other of ['release-hold', 'deploy-history']) assert.not.ok(helperLine(bumpOnly, other).includes('--max-age'), other);
  assert.is(stepValues(bumpOnly).get('maxAge'), '"PW_MAX_AGE=${config.maxAge}"');
  // Routed to two helpers: on both lines, before deploy-history's fixed --limit; the withEnv value once.
  const both = withArgument('pwBumpManifest', { default: '24h', to: ['bump-image', 'deploy-history'] });
  assert.ok(helperLine(both, 'bump-image').includes(' --max-age "$PW_MAX_AGE" --result'));
  assert.ok(helperLine(both, 'deploy-history').endsWith(' --max-age "$PW_MAX_AGE" --limit 5 --result .pipewright/deploy-history-result.json'));
  assert.not.ok(helperLine(both, 'release-hold').includes('--max-age'));
  const rollback = withArgument('pwRollback', { default: '24h', to: ['rollback'] });
  assert.ok(helperLine(rollback, 'rollback').includes(' --max-age "$PW_MAX_AGE" --result'));
  assert.not.ok(helperLine(rollback, 'deploy-history').includes('--max-age'));
});

test('what the types cannot see stops the library: a route to a helper the step does not run, a line passing what is not routed to it', () => {
  assert.throws(
    () => resolveCalls(withArgument('pwBumpManifest', { to: ['rollback'] })),
    /pwBumpManifest\.maxAge is routed to rollback, which the step does not run/,
  );
  assert.throws(() => resolveCalls(withArgument('pwHealthCheck', { to: [] })), /a flag without a helper/);
  assert.throws(() => resolveCalls(withArgument('pwHealthCheck', { flag: null })), /helpers without a flag/);
  // release-hold reads no manifest: naming it on release-hold's line is refused, as is an argument routed nowhere.
  const bump = STEP_BY_NAME.get('pwBumpManifest')!;
  assert.throws(
    () => resolveCalls(bump, withLine('pwBumpManifest', 'release-hold', ['app', 'manifest'])),
    /passes "manifest" to release-hold, which its registry flag/,
  );
  const withEnvironmentName = STEP_BY_NAME.get('pwHealthCheck')!;
  assert.throws(() => resolveCalls(withEnvironmentName, [{ helper: 'health-check', line: ['environment'] }]), /has no flag in the registry/);
  assert.throws(() => resolveCalls(withEnvironmentName, [{ helper: 'health-check', line: ['nosuch'] }]), /does not list/);
  // An extra flag of another helper, built past the types (the compile-time half is in helper-routes.test.ts).
  const foreign = { helper: 'approve', flag: '--audit' as HelperFlag, fixed: 'x' };
  assert.throws(() => resolveCalls(bump, withLine('pwBumpManifest', 'release-hold', ['app', foreign])), /passes --audit of approve to release-hold/);
  // Each helper the registry lists runs once; none it does not list.
  assert.throws(() => resolveCalls(bump, HELPER_CALLS.pwBumpManifest!.slice(1)), /must run release-hold once/);
  assert.throws(
    () => resolveCalls(withEnvironmentName, [...HELPER_CALLS.pwHealthCheck!, { helper: 'notify', line: [] }]),
    /runs notify, which the registry does not list/,
  );
  assert.throws(() => resolveCalls(withArgument('pwHealthCheck', { type: 'list<map>' })), /name the JSON file/);
});

test('a helper run written by hand in a var template stops the library', () => {
  const step = STEP_BY_NAME.get('pwHealthCheck')!;
  const text = readFileSync(join(ROOT, 'vars', 'pwHealthCheck.groovy'), 'utf8');
  checkHelperLines(step, step.name, text);
  const edited = text.replace('--url "$PW_URL"', '--uri "$PW_URL"');
  assert.is.not(edited, text);
  assert.throws(() => checkHelperLines(step, step.name, edited), /pwHealthCheck\.groovy\.hbs runs a helper by a line of its own/);
  assert.throws(() => checkHelperLines(null, 'pwInternal', "sh 'node .pipewright/notify.cjs --event x'"), /pwInternal\.groovy\.hbs runs a helper/);
});

test('every step that runs a helper describes its runs, and its var holds each rendered line and value', () => {
  for (const step of STEPS) {
    const calls = HELPER_CALLS[step.name] ?? [];
    assert.equal([...new Set(calls.map((c) => c.helper))].sort(), [...step.helpers].sort(), `${step.name}: helper runs`);
    const text = readFileSync(join(ROOT, 'vars', `${step.name}.groovy`), 'utf8');
    for (const c of calls) assert.ok(text.includes(helperLine(step, c.helper)), `${step.name}: ${c.helper} line`);
    // Each helper run in the var is one of these lines: the check that stops a hand-written one sees them all.
    assert.is(text.match(/node \.pipewright\//g)?.length ?? 0, calls.length, `${step.name}: helper runs in the var`);
    checkHelperLines(step, step.name, text);
    for (const [name, value] of stepValues(step)) assert.is(text.split(value).length - 1, 1, `${step.name}: the value of ${name}, once`);
  }
});

test('the credentials a step binds reach its helpers under the names they read (mapped in the var where the Jenkinsfile binds other names)', () => {
  const text = (name: string) => readFileSync(join(ROOT, 'vars', `${name}.groovy`), 'utf8');
  // bump-image and rollback read GIT_USERNAME/GIT_PASSWORD; the step binds PW_GIT_USER/PW_GIT_TOKEN.
  for (const name of ['pwBumpManifest', 'pwRollback']) assert.match(text(name), /GIT_PASSWORD=\$PW_GIT_TOKEN/);
  const registry = (name: string) => STEP_BY_NAME.get(name)!.credentials.flatMap((c) => c.variables);
  assert.ok(registry('pwArgoSync').includes('ARGOCD_TOKEN'));
  assert.ok(registry('pwNotify').includes('SLACK_WEBHOOK_URL'));
});

test.run();
