// The bundled examples lint clean and say what their comments claim: the seed's whole flow, a Helm-values service, a library.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { loadFile } from '../../src/config/load.js';
import { ROOT } from '../support/cli.js';

const model = (name: string) => {
  const loaded = loadFile(join(ROOT, 'examples', name, 'pipeline.yaml'));
  assert.equal(loaded.diagnostics, [], name);
  return loaded.model!;
};

test('python-service: dev from develop, staging then prod (after approval) from main', () => {
  const m = model('python-service');
  const envs = m.environments.map((e) => [e.name, e.branch]);
  assert.equal(envs, [
    ['dev', 'develop'],
    ['staging', 'main'],
    ['prod', 'main'],
  ]);
  assert.ok(m.environments.find((e) => e.name === 'prod')?.approval);
});

test('node-helm-service: every environment deploys through Helm values', () => {
  const m = model('node-helm-service');
  assert.is(m.build.language, 'node');
  assert.ok(m.environments.length >= 3);
  for (const e of m.environments) assert.is(e.format, 'helm', e.name);
});

test('go-library: builds and tests only', () => {
  const m = model('go-library');
  assert.is(m.build.language, 'go');
  assert.is(m.image, null);
  assert.equal(m.environments, []);
});

test.run();
