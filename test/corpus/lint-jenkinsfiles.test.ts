// Corpus tier: every pipeline.yaml port under test/fixtures/lint/corpus/ names a real Jenkinsfile in ../shared/corpus
// (the ports themselves are linted by the default tier, test/lint/corpus.test.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS, ROOT } from '../support/cli.js';

const cases = readdirSync(join(ROOT, 'test/fixtures/lint/corpus')).sort();

test('each ported Jenkinsfile exists in the corpus', () => {
  const jenkinsfiles = readdirSync(join(CORPUS, 'jenkinsfiles'));
  for (const name of cases)
    assert.ok(
      jenkinsfiles.some((f) => f.startsWith(`${name}.`)),
      `${name} is in corpus/jenkinsfiles`,
    );
  assert.ok(cases.length >= 4);
});

test.run();
