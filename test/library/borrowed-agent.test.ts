// The borrowed agent as a shared fact: steps of agent-less stages take it from PW_ENVIRONMENT_FACTS, steps of stages with an agent run there.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { simulate } from '../support/jenkins-sim.js';

const PYTHON = join(ROOT, 'examples', 'python-service', 'Jenkinsfile');

test('the seed on main: only the agent-less stages and the pipeline post take a pod of their own', () => {
  const [run] = simulate([
    { name: 'main', branch: 'main', jenkinsfile: PYTHON, inputs: { 'Wait for approval: prod': 'alice' }, users: { alice: { groups: ['ops'] } } },
  ]);
  assert.is(run!.result, 'SUCCESS');
  const pods: Record<string, number> = {};
  for (const c of run!.calls) if (c.step === 'podTemplate') pods[c.stage ?? '-'] = (pods[c.stage ?? '-'] ?? 0) + 1;
  // Deploy: staging's steps (pwBumpManifest, pwArgoSync, pwHealthCheck, pwNotify) get the fact too, but hold a node
  // (NODE_NAME), so none borrows; the manual-sync wait polls with one pod per check.
  assert.equal(pods, { 'Request approval: prod': 1, 'Wait for approval: prod': 1, 'Wait for Argo CD sync: prod': 4, post: 2 });
});

test('the Jenkinsfile writes the agent once in the facts; only the pipeline post, which may run without them, passes it', () => {
  const text = readFileSync(PYTHON, 'utf8');
  const facts = text.slice(text.indexOf('PW_ENVIRONMENT_FACTS'), text.indexOf("}'''"));
  assert.is(facts.split('"agent": {"kubernetes":').length - 1, 1);
  const calls = text.split('\n').filter((line) => line.includes('agent: [kubernetes:'));
  assert.is(calls.length, 3);
  assert.ok(
    calls.every((line) => /^ {4}(always|success|unsuccessful) \{ pw/.test(line)),
    calls.join('\n'),
  );
});

test.run();
