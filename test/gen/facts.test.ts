// Each environment's facts are written once in the Jenkinsfile (PW_ENVIRONMENT_FACTS): one change in pipeline.yaml, one changed line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { loadText } from '../../src/config/load.js';
import { factorEnvironmentFacts } from '../../src/gen/facts.js';
import { buildFlow } from '../../src/gen/flow.js';
import { generateBeside } from './support.js';

const SEED = readFileSync(join(ROOT, 'examples', 'python-service', 'pipeline.yaml'), 'utf8');
const PROD_URL = 'https://orders.acme.com/healthz';

function generate(text: string): string {
  const loaded = loadText(text, 'pipeline.yaml');
  if (!loaded.model) throw new Error(loaded.diagnostics.map((d) => d.message).join('; '));
  return generateBeside(loaded.model);
}

/** The lines of `after` that differ from `before`, position by position (both must have as many lines). */
function changedLines(before: string, after: string): Array<[string, string]> {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.is(b.length, a.length, 'the change added or removed lines');
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]));
}

test("changing one environment's health-check URL changes exactly one line of the Jenkinsfile", () => {
  assert.is(SEED.split(PROD_URL).length, 2, 'the seed names the prod health URL once');
  const before = generate(SEED);
  const after = generate(SEED.replace(PROD_URL, 'https://orders.acme.com/ready'));
  const changed = changedLines(before, after);
  assert.is(changed.length, 1, JSON.stringify(changed));
  assert.match(changed[0]![1], /^ *"prod": \{ .*"healthUrl": "https:\/\/orders\.acme\.com\/ready"/);
});

test("changing one environment's manifest changes exactly one line too, though the bump and both rollbacks use it", () => {
  const manifest = 'apps/orders-api/overlays/staging/kustomization.yaml';
  assert.is(SEED.split(manifest).length, 2);
  const changed = changedLines(generate(SEED), generate(SEED.replace(manifest, 'apps/orders-api/staging/kustomization.yaml')));
  assert.is(changed.length, 1, JSON.stringify(changed));
});

test('the calls leave the facts out, and plan still sees every argument (the flow keeps them)', () => {
  const text = generate(SEED);
  assert.not.ok(text.includes(`url: '${PROD_URL}'`), 'the health check call still names its URL');
  assert.match(text, /pwHealthCheck\(environment: 'prod'[,)]/);
  const loaded = loadText(SEED, 'pipeline.yaml');
  const flow = buildFlow(loaded.model!);
  assert.ok(JSON.stringify(flow.stages).includes(PROD_URL), 'the flow lost the URL');
  const { facts } = factorEnvironmentFacts(flow);
  assert.is(facts!.environments.prod!.healthUrl, PROD_URL);
  assert.is(facts!.shared.repo, 'https://github.com/acme/k8s-manifests.git');
  // factoring works on a copy: the flow's calls keep their arguments
  assert.ok(JSON.stringify(flow.stages).includes(PROD_URL));
});

test('a value json-lib would read back as JSON ("{…}", "[…]", "null") stays in the call: readJSON could not return it as written', () => {
  // The tag scheme "{build}-{shortCommit}" looks like a JSON object to json-lib's JSONUtils.mayBeJSON.
  const text = generate(SEED);
  assert.ok(text.includes("pwBumpManifest(environment: 'prod', tag: '{build}-{shortCommit}')"));
  assert.not.ok(/"tag":/.test(text));
  const body = '{"status":"UP"}';
  const withBody = generate(SEED.replace(`url: ${PROD_URL}`, `url: ${PROD_URL}\n      expectBody: '${body}'`));
  assert.ok(withBody.includes(`expectBody: '${body}'`), 'the JSON-looking body left the call');
});

test.run();
