// The vars' helper runs come from the registry: an argument added there reaches the helper's command line and withEnv list with no template edit.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { STEP_BY_NAME, STEPS, type LibraryStep, type StepArgument } from '../../src/gen/steps.js';
import { HELPER_CALLS } from '../../src/gen/helper-calls.js';
import { helperLine, resolveCalls, stepValues } from '../../src/gen/helper-command.js';

/** A registry step with one more argument, as a registry edit would add it. */
function withArgument(name: string, extra: Partial<StepArgument>): LibraryStep {
  const step = STEP_BY_NAME.get(name)!;
  const added: StepArgument = { name: 'maxAge', type: 'duration', required: false, description: 'How old it may be.', flag: '--max-age', ...extra };
  return { ...step, arguments: [...step.arguments, added] };
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

test('a step with several helpers must say which runs take a new argument; a list of maps must name its file', () => {
  assert.throws(() => resolveCalls(withArgument('pwBumpManifest', { default: '24h' })), /say which runs take maxAge/);
  assert.throws(() => resolveCalls(withArgument('pwHealthCheck', { type: 'list<map>' })), /name the JSON file/);
  const step = STEP_BY_NAME.get('pwHealthCheck')!;
  assert.throws(() => resolveCalls(step, [{ helper: 'health-check', line: ['environment'] }]), /has no flag in the registry/);
  assert.throws(() => resolveCalls(step, [{ helper: 'health-check', line: ['nosuch'] }]), /does not list/);
});

test('every step that runs a helper describes its runs, and its var holds each rendered line and value', () => {
  for (const step of STEPS) {
    const calls = HELPER_CALLS[step.name] ?? [];
    assert.equal([...new Set(calls.map((c) => c.helper))].sort(), [...step.helpers].sort(), `${step.name}: helper runs`);
    const text = readFileSync(join(ROOT, 'vars', `${step.name}.groovy`), 'utf8');
    for (const c of calls) assert.ok(text.includes(helperLine(step, c.helper)), `${step.name}: ${c.helper} line`);
    for (const [name, value] of stepValues(step)) assert.is(text.split(value).length - 1, 1, `${step.name}: the value of ${name}, once`);
  }
});

test.run();
