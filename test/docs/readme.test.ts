// The README's pipeline.yaml example is what a reader copies first: it must lint clean and generate.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { loadText } from '../../src/config/load.js';
import { lintLoaded } from '../../src/lint/runner.js';
import { generateJenkinsfile } from '../../src/gen/jenkinsfile.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## pipeline.yaml'));
const example = /```yaml\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

test('the README has a pipeline.yaml example', () => {
  assert.match(example, /^version: 1$/m);
});

test('the example lints clean: no errors and no warnings', () => {
  const result = lintLoaded(loadText(example, 'README.md#pipeline.yaml'));
  assert.equal(
    result.diagnostics.map((d) => `${d.line}:${d.column} ${d.message} [${d.ruleId}]`),
    [],
  );
});

test('the example generates a Jenkinsfile', () => {
  const result = lintLoaded(loadText(example, 'pipeline.yaml'));
  const text = generateJenkinsfile(result.model!, { source: 'pipeline.yaml', command: 'pipewright gen' });
  assert.match(text, /stage\('Approve: prod'\)/);
});

test.run();
