// Versioning: the library version is the package version, generated Jenkinsfiles pin it, and the changelog records it with every step.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { INTERNAL_VARS, STEPS } from '../../src/gen/steps.js';

const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

test('the committed library records the package version', () => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'resources/pipewright/library.json'), 'utf8')) as {
    version: string;
    steps: string[];
    internal: string[];
  };
  assert.is(manifest.version, version);
  assert.equal(
    manifest.steps,
    STEPS.map((s) => s.name),
  );
  assert.equal(
    manifest.internal,
    INTERNAL_VARS.map((v) => v.name),
  );
  for (const step of [...STEPS, ...INTERNAL_VARS])
    assert.ok(readFileSync(join(ROOT, 'vars', `${step.name}.groovy`), 'utf8').includes(`(pipewright library ${version})`), step.name);
});

test('every example Jenkinsfile pins the library at the package version', () => {
  for (const example of ['python-service', 'node-helm-service', 'go-library']) {
    const text = readFileSync(join(ROOT, 'examples', example, 'Jenkinsfile'), 'utf8');
    assert.match(text, new RegExp(`^@Library\\('pipewright@${version.replace(/\./g, '\\.')}'\\) _$`, 'm'), example);
  }
});

test('CHANGELOG.md has a section for the package version, and every step appears in it', () => {
  const changelog = readFileSync(join(ROOT, 'CHANGELOG.md'), 'utf8');
  assert.match(changelog, new RegExp(`^## ${version.replace(/\./g, '\\.')}$`, 'm'));
  for (const step of STEPS) assert.ok(changelog.includes(`\`${step.name}(`), `${step.name} is not in CHANGELOG.md`);
});

test.run();
