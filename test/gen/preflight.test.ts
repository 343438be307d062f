// The helper environment and the preflight in the flow: each stage group checks, first, the programs its steps run, where they run.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import type { Action, Stage } from '../../src/flow/types.js';
import { binariesOf, buildFlow } from '../../src/gen/flow.js';
import { generateBeside, findStage as find, loadModel } from './support.js';
import { STEPS } from '../../src/gen/steps.js';

const flowOf = (path: string) => buildFlow(loadModel(join(ROOT, path, 'pipeline.yaml')));
const preflight = (stage: Stage): Record<string, unknown> | null => {
  const first = stage.actions[0];
  return first?.kind === 'step' && first.step === 'pwPreflight' ? first.args : null;
};

test('every registry step declares its programs; a step that runs a helper needs node in the helper environment', () => {
  for (const step of STEPS) {
    assert.ok(Array.isArray(step.binaries), step.name);
    const node = step.binaries.some((b) => b.name === 'node' && b.where === 'helpers' && !b.when);
    assert.is(node, step.helpers.length > 0, `${step.name}: node iff it runs a helper`);
  }
});

test("the python example checks, before the checkout, the build's programs in the pod's node container (git, node, and crane with the ECR login helper for the push), naming the field to change", () => {
  const flow = flowOf('examples/python-service');
  const checkout = find(flow.stages, 'checkout')!;
  assert.equal(preflight(checkout), {
    checks: [
      {
        container: 'node',
        image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/pipewright-helpers:1',
        tools: ['git', 'node', 'crane', 'docker-credential-ecr-login'],
        field: 'agent.kubernetes.nodeImage',
      },
    ],
  });
  assert.is((checkout.actions[1] as Extract<Action, { kind: 'step' }>).step, 'pwCheckout');
});

test('each deploy group checks first, before the bump; the https manifests repository needs no ssh', () => {
  const flow = flowOf('examples/python-service');
  // dev and staging deploy in one stage; prod's manual sync bumps in a stage of its own before the agent-less wait.
  for (const [env, id] of [
    ['dev', 'deploy:dev'],
    ['staging', 'deploy:staging'],
    ['prod', 'bump:prod'],
  ] as const) {
    const bump = find(flow.stages, id)!;
    assert.equal(
      preflight(bump),
      {
        checks: [
          {
            container: 'node',
            image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/pipewright-helpers:1',
            tools: ['node', 'git'],
            field: 'agent.kubernetes.nodeImage',
          },
        ],
      },
      env,
    );
  }
  // The wait after a manual sync holds no agent, so it has no preflight: its sync and health check take an agent each
  // and check their programs there (pwInternal.inNodeContainer's requireTools).
  assert.is(preflight(find(flow.stages, 'wait-sync:prod')!), null);
});

test('an ssh manifests repository adds ssh; database steps add pg_dump, and the rollback path pg_restore', () => {
  const flow = flowOf('test/fixtures/gen/database-and-metrics');
  const backup = find(flow.stages, 'deploy:prod')!;
  assert.equal((preflight(backup)!.checks as Array<{ tools: string[] }>)[0]!.tools, ['node', 'pg_dump', 'git', 'ssh']);
  const rollback = find(flow.stages, 'rollback:prod')!;
  assert.equal((preflight(rollback)!.checks as Array<{ tools: string[] }>)[0]!.tools, ['node', 'git', 'ssh', 'pg_restore']);
});

test('conditions on arguments: crane pushes from the helper environment, with the ECR login helper only for ECR; docker and trivy in the build container only for a docker build', () => {
  const push = (builder: string, registry: string): Action => ({
    kind: 'step',
    step: 'pwPushImage',
    args: { image: 'i', registry, registryUrl: 'r', builder },
  });
  assert.equal(binariesOf([push('docker', 'ecr')]), { helpers: ['crane', 'docker-credential-ecr-login'], build: [] });
  assert.equal(binariesOf([push('kaniko', 'dockerhub')]), { helpers: ['crane'], build: [] });
  const build = (builder: string): Action => ({ kind: 'step', step: 'pwBuildImage', args: { image: 'i', builder } });
  const scan = (builder: string): Action => ({ kind: 'step', step: 'pwScanImage', args: { image: 'i', builder } });
  assert.equal(binariesOf([build('docker'), scan('docker')]), { helpers: ['node'], build: ['docker', 'trivy'] });
  assert.equal(binariesOf([build('kaniko'), scan('kaniko')]), { helpers: ['node'], build: [] });
});

test('docker agents: the build checks the build image; deploy stages and borrowed agents take the helper image', () => {
  // The go library on a docker agent: one image for the whole build, which then needs node for the report gates.
  const goModel = loadModel(join(ROOT, 'examples', 'go-library', 'pipeline.yaml'));
  goModel.agent = { kind: 'docker', image: 'golang:1.23', args: null, nodeImage: 'node:20-bookworm' };
  const go = generateBeside(goModel);
  assert.equal(preflight(find(buildFlow(goModel).stages, 'checkout')!), {
    checks: [{ image: 'golang:1.23', tools: ['git', 'node'], field: 'agent.docker.image' }],
  });
  assert.ok(go.includes("agent: [docker: [image: 'node:20-bookworm']]"), 'borrowed agents take the helper image');
  // The seed's flow on docker agents: the deploy stage's agent is the helper image, checked under agent.docker.nodeImage.
  const model = loadModel(join(ROOT, 'examples', 'python-service', 'pipeline.yaml'));
  model.agent = { kind: 'docker', image: 'python:3.12-slim', args: null, nodeImage: 'acme/helpers:1' };
  const text = generateBeside(model);
  const deploy = text.slice(text.indexOf("stage('Deploy: dev')"));
  assert.ok(deploy.startsWith("stage('Deploy: dev') {\n      agent { docker { image 'acme/helpers:1' } }\n"), deploy.slice(0, 200));
  assert.equal(preflight(find(buildFlow(model).stages, 'deploy:dev')!), {
    checks: [{ image: 'acme/helpers:1', tools: ['node', 'git'], field: 'agent.docker.nodeImage' }],
  });
});

test('Kubernetes pods: merged into the inherited template, one uid, the helper container from nodeImage', () => {
  const text = generateBeside(loadModel(join(ROOT, 'examples', 'python-service', 'pipeline.yaml')));
  const agents = text.split("inheritFrom 'python-docker'").length - 1;
  assert.ok(agents > 0);
  assert.is(text.split('yamlMergeStrategy merge()').length - 1, agents);
  // Each pod is written once (the pipeline's environment) and every agent reads one of them.
  assert.is(text.split('securityContext: {runAsUser: 0}').length - 1, 2);
  assert.is(text.match(/yaml env\.PW_POD_(BUILD|DEPLOY) \} \}\n/g)?.length, agents);
  assert.not.ok(text.includes('node:20-alpine'));
});

test.run();
