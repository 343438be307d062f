// The output formats beyond the golden fixtures: SARIF's 2.1.0 shape (checked by hand here; against the published schema
// in test/corpus/sarif-schema.test.ts), checkstyle XML escaping, stylish colour only when asked for.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadText } from '../../src/config/load.js';
import { lintLoaded } from '../../src/lint/runner.js';
import { formatSarif, artifactUri } from '../../src/lint/formatters/sarif.js';
import { formatCheckstyle, xmlAttribute } from '../../src/lint/formatters/checkstyle.js';
import { runCli } from '../support/cli.js';
import type { ReadJson } from '../support/json.js';

const BAD = ['version: 1', 'app: Bad App', 'build:', '  languag: go', '  test: []', 'environments:', '  dev: { autoDeploy: true }', ''].join('\n');

// The SARIF 2.1.0 constraints a consumer relies on, checked by hand (validation against the published schema runs in
// the corpus tier, test/corpus/sarif-schema.test.ts, which needs ../shared/schemas).
const SARIF_LEVELS = ['none', 'note', 'warning', 'error'];
function sarifProblems(log: ReadJson): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, what: string): void => {
    if (!ok) problems.push(what);
  };
  check(log.version === '2.1.0', 'version is "2.1.0"');
  check(typeof log.$schema === 'string' && /sarif-2\.1\.0/.test(log.$schema), '$schema names SARIF 2.1.0');
  check(Array.isArray(log.runs) && log.runs.length === 1, 'one run');
  const run = log.runs?.[0] ?? {};
  const driver = run.tool?.driver ?? {};
  check(typeof driver.name === 'string' && driver.name.length > 0, 'tool.driver.name is a non-empty string');
  check(Array.isArray(driver.rules), 'tool.driver.rules is an array');
  const ids = (driver.rules ?? []).map((r: ReadJson) => r.id);
  check(new Set(ids).size === ids.length, 'rule ids are unique');
  for (const rule of driver.rules ?? [])
    check(typeof rule.id === 'string' && typeof rule.shortDescription?.text === 'string', `rule ${rule.id} has an id and shortDescription.text`);
  check(Array.isArray(run.results), 'results is an array');
  for (const [i, r] of (run.results ?? []).entries()) {
    check(typeof r.message?.text === 'string' && r.message.text.length > 0, `result ${i}: message.text`);
    check(SARIF_LEVELS.includes(r.level), `result ${i}: level is one of ${SARIF_LEVELS.join(', ')}`);
    check(Number.isInteger(r.ruleIndex) && r.ruleIndex >= 0 && driver.rules?.[r.ruleIndex]?.id === r.ruleId, `result ${i}: ruleIndex points at ruleId`);
    check(Array.isArray(r.locations) && r.locations.length >= 1, `result ${i}: locations`);
    for (const location of r.locations ?? []) {
      const { artifactLocation, region } = location.physicalLocation ?? {};
      check(typeof artifactLocation?.uri === 'string' && !/[\s\\]/.test(artifactLocation.uri), `result ${i}: artifactLocation.uri is a URI reference`);
      // SARIF 2.1.0 §3.30: line and column numbers are 1-based integers; an end never precedes its start.
      for (const key of ['startLine', 'startColumn', 'endLine', 'endColumn'])
        check(Number.isInteger(region?.[key]) && region[key] >= 1, `result ${i}: region.${key} >= 1`);
      check(
        region?.endLine > region?.startLine || (region?.endLine === region?.startLine && region?.endColumn >= region?.startColumn),
        `result ${i}: region ends after it starts`,
      );
    }
  }
  return problems;
}

test('a SARIF log with several findings, each with a region, has the SARIF 2.1.0 shape', () => {
  const log = JSON.parse(formatSarif([lintLoaded(loadText(BAD, 'examples/bad/pipeline.yaml'))]));
  assert.equal(sarifProblems(log), []);
  const results = log.runs[0].results as Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
  assert.ok(results.length >= 3, `only ${results.length} results`);
  for (const r of results) assert.is(r.locations[0]!.physicalLocation.artifactLocation.uri, 'examples/bad/pipeline.yaml');
});

test('the structural SARIF check catches what it claims to: a 0 line, a wrong ruleIndex, an unknown level', () => {
  const fresh = (): ReadJson => JSON.parse(formatSarif([lintLoaded(loadText(BAD, 'p.yaml'))]));
  const zeroLine = fresh();
  zeroLine.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
  assert.ok(sarifProblems(zeroLine).includes('result 0: region.startLine >= 1'));
  const badIndex = fresh();
  badIndex.runs[0].results[0].ruleIndex = 999;
  assert.ok(sarifProblems(badIndex).includes('result 0: ruleIndex points at ruleId'));
  const badLevel = fresh();
  badLevel.runs[0].results[0].level = 'fatal';
  assert.equal(sarifProblems(badLevel).length, 1);
});

test('artifact URIs are relative under the working folder, percent-encoded, and file: URIs outside it', () => {
  assert.is(artifactUri('/work/repo/a b/pipeline.yaml', '/work/repo'), 'a%20b/pipeline.yaml');
  assert.is(artifactUri('svc/pipeline.yaml', '/work/repo'), 'svc/pipeline.yaml');
  assert.is(artifactUri('/elsewhere/pipeline.yaml', '/work/repo'), 'file:///elsewhere/pipeline.yaml');
});

test('checkstyle XML escapes markup, quotes, line breaks and characters XML cannot hold', () => {
  assert.is(xmlAttribute(`a<b>&"c"'d'\n\u0001`), 'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;&#10;\uFFFD');
  const xml = formatCheckstyle([{ ...lintLoaded(loadText('version: 1\napp: a\n"<x&y>": 1\n', 'dir/<p>.yaml')) }]);
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
