// The output formats beyond the golden fixtures: SARIF validated against the real SARIF 2.1.0 schema, checkstyle XML
// escaping, stylish colour only when asked for.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { loadText } from '../../src/config/load.js';
import { lintLoaded } from '../../src/lint/runner.js';
import { formatSarif, artifactUri } from '../../src/lint/formatters/sarif.js';
import { formatCheckstyle, xmlAttribute } from '../../src/lint/formatters/checkstyle.js';
import { ROOT, runCli } from '../support/cli.js';

// ajv-formats is CommonJS with a default export: under NodeNext its function sits on .default.
const addFormats = formatsPlugin.default;
const SARIF_SCHEMA = join(ROOT, '..', 'shared', 'schemas', 'sarif-2.1.0.json');
const BAD = ['version: 1', 'app: Bad App', 'build:', '  languag: go', '  test: []', 'environments:', '  dev: { autoDeploy: true }', ''].join('\n');

test('a SARIF log with several findings, each with a region, is valid SARIF 2.1.0', () => {
  const result = lintLoaded(loadText(BAD, 'examples/bad/pipeline.yaml'));
  const log = JSON.parse(formatSarif([result]));
  // The schema is draft-07, ajv's default; strict off because it uses keywords ajv's strict mode rejects.
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')));
  const valid: boolean = validate(log);
  assert.ok(valid, JSON.stringify(validate.errors, null, 2));
  const results = log.runs[0].results as Array<{ ruleId: string; ruleIndex: number; locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }> }>;
  assert.ok(results.length >= 3, `only ${results.length} results`);
  for (const r of results) {
    const { region, artifactLocation } = r.locations[0]!.physicalLocation;
    assert.ok(region.startLine! >= 1 && region.startColumn! >= 1 && region.endLine! >= region.startLine!);
    assert.is(artifactLocation.uri, 'examples/bad/pipeline.yaml');
    assert.is(log.runs[0].tool.driver.rules[r.ruleIndex].id, r.ruleId);
  }
});

test('the SARIF schema is strict enough to reject a log with a bad region', () => {
  const log = JSON.parse(formatSarif([lintLoaded(loadText(BAD, 'p.yaml'))]));
  log.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
  const ajv = new Ajv({ strict: false });
  addFormats(ajv);
  assert.not.ok(ajv.validate(JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8')), log));
});

test('artifact URIs are relative under the working folder, percent-encoded, and file: URIs outside it', () => {
  assert.is(artifactUri('/work/repo/a b/pipeline.yaml', '/work/repo'), 'a%20b/pipeline.yaml');
  assert.is(artifactUri('svc/pipeline.yaml', '/work/repo'), 'svc/pipeline.yaml');
  assert.is(artifactUri('/elsewhere/pipeline.yaml', '/work/repo'), 'file:///elsewhere/pipeline.yaml');
});

test('checkstyle XML escapes markup, quotes, line breaks and characters XML cannot hold', () => {
  assert.is(xmlAttribute(`a<b>&"c"'d'\n\u0001`), 'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;&#10;\uFFFD');
  const xml = formatCheckstyle([
    { ...lintLoaded(loadText('version: 1\napp: a\n"<x&y>": 1\n', 'dir/<p>.yaml')) },
  ]);
  assert.match(xml, /<file name="dir\/&lt;p&gt;\.yaml">/);
  assert.match(xml, /<error line="3" column="1" severity="error" message="unknown key &quot;&lt;x&amp;y&gt;&quot;; use one of/);
  assert.not.match(xml.replace(/^<\?xml[^>]*>/, ''), /<(?!\/?(checkstyle|file|error)\b)/);
});

test('stylish is plain under NO_COLOR and when piped, coloured when forced', () => {
  const file = 'test/fixtures/lint/err/unknown-key-typo/pipeline.yaml';
  const plain = runCli(['lint', file]);
  assert.is(plain.code, 1);
  assert.not.match(plain.stdout, /\u001b\[/);
  const forced = runCli(['lint', file], { env: { NO_COLOR: '', FORCE_COLOR: '1' } });
  assert.match(forced.stdout, /\u001b\[/);
  const noColorWins = runCli(['lint', file], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } });
  assert.not.match(noColorWins.stdout, /\u001b\[/);
});

test.run();
