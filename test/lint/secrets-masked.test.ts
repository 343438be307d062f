// No lint output format prints a secret back: every fixture under test/fixtures/lint/secrets/ is reported, in every
// format, and none of the secrets its secrets.txt lists appears in full (at most its first 4 characters).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { maskSecrets } from '../../src/lint/support/secrets.js';
import { renderStylish } from '../../src/lint/formatters/stylish.js';
import { lintFile, type LintResult } from '../../src/lint/runner.js';
import { findingsOf } from '../../src/cli/gen-config.js';
import { ROOT, runCli } from '../support/cli.js';

const FOLDER = 'test/fixtures/lint/secrets';
const cases = readdirSync(join(ROOT, FOLDER), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();
const secretsOf = (name: string): string[] =>
  readFileSync(join(ROOT, FOLDER, name, 'secrets.txt'), 'utf8')
    .split('\n')
    .filter(Boolean);

test('the fixtures hold the secrets they list (so the checks below can fail)', () => {
  assert.ok(cases.length >= 5, `only ${cases.length} cases`);
  for (const name of cases) {
    const text = readFileSync(join(ROOT, FOLDER, name, 'pipeline.yaml'), 'utf8');
    for (const secret of secretsOf(name)) assert.ok(text.includes(secret), `${name}: ${secret}`);
  }
});

for (const format of ['stylish', 'json', 'sarif', 'checkstyle']) {
  test(`--format ${format}: every case is reported with an error, and no secret appears in full`, () => {
    const r = runCli(['lint', FOLDER, '--format', format]);
    assert.is(r.code, 1, r.stderr);
    for (const name of cases) {
      assert.ok(r.stdout.includes(`${name}/pipeline.yaml`) || r.stdout.includes(`${name}%2Fpipeline.yaml`), `${name} is not reported`);
      for (const secret of secretsOf(name)) {
        // Also the escaped forms a format may hold (JSON, XML attributes).
        for (const form of [secret, JSON.stringify(secret).slice(1, -1), secret.slice(4)]) {
          assert.not.ok(r.stdout.includes(form), `${format} prints ${JSON.stringify(form)} from ${name}`);
        }
      }
    }
  });
}

test("gen's findings (only the quoted lines and the secret values) print exactly as the lint result they come from", () => {
  const plain = { red: String, yellow: String, gray: String, bold: String };
  for (const name of cases) {
    const full = lintFile(join(ROOT, FOLDER, name, 'pipeline.yaml'));
    const kept: LintResult = { file: full.file, text: '', raw: undefined, model: null, diagnostics: [], ...findingsOf(full) };
    assert.ok(kept.text.length < full.text.length, `${name}: the findings hold less than the text`);
    assert.is(renderStylish([kept], plain), renderStylish([full], plain), name);
  }
});

test('gen prints no secret in full either', () => {
  const r = runCli(['gen', FOLDER, '--check']);
  assert.is(r.code, 1, r.stderr);
  for (const name of cases) for (const secret of secretsOf(name)) assert.not.ok(r.stderr.includes(secret), `gen prints ${secret} from ${name}`);
});

test('maskSecrets: token shapes, URL passwords and known values, at most 4 characters kept', () => {
  assert.is(maskSecrets('token ghp_R4nd0mF4k3T0k3nV4lu3F0rT3st1ngXyZ987 end'), 'token ghp_**** end');
  assert.is(maskSecrets('https://bot:hunter2hunter2@git.acme/x.git'), 'https://bot:****@git.acme/x.git');
  assert.is(maskSecrets('https://bot:$TOKEN@git.acme/x.git'), 'https://bot:$TOKEN@git.acme/x.git', 'a variable is not a secret');
  assert.is(maskSecrets('a "q7Pz9wLm2xK4" b', ['q7Pz9wLm2xK4']), 'a "****" b');
  assert.is(maskSecrets('ssh://git@github.com/acme/x.git'), 'ssh://git@github.com/acme/x.git');
});

test.run();
