// Corpus tier: our SARIF validated against the published SARIF 2.1.0 JSON schema in ../shared/schemas (the default
// tier checks the same logs structurally, by hand, in test/lint/formats.test.ts).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import formatsPlugin from 'ajv-formats';
import { loadText } from '../../src/config/load.js';
import { lintLoaded } from '../../src/lint/runner.js';
import { formatSarif } from '../../src/lint/formatters/sarif.js';
import { ROOT } from '../support/cli.js';

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
  const results = log.runs[0].results as Array<{
    ruleId: string;
    ruleIndex: number;
    locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }>;
  }>;
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

test.run();
