// Golden lint fixtures in the actionlint manner: every test/fixtures/lint/ok/<case>/pipeline.yaml is clean; every
// err/<case>/pipeline.yaml yields exactly the lines of its hand-written expected.txt, in every output format.
// UPDATE_GOLDEN=1 rewrites expected.txt locally (read the diff before committing); under CI it is refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintFile } from '../../src/lint/runner.js';
import type { Diagnostic } from '../../src/core/diagnostic.js';
import { lintExitCode } from '../../src/cli/lint.js';
import { ROOT, runCli } from '../support/cli.js';

const FIXTURES = 'test/fixtures/lint';
const HANG_GUARD_MS = 5_000;
const cases = (kind: 'ok' | 'err') => readdirSync(join(ROOT, FIXTURES, kind)).sort();
const configOf = (kind: string, name: string) => `${FIXTURES}/${kind}/${name}/pipeline.yaml`;
const expectedFile = (name: string) => join(ROOT, FIXTURES, 'err', name, 'expected.txt');

/** One expected line: `pipeline.yaml:LINE:COL: severity message [rule-id]`. */
const LINE = /^(?<file>.*pipeline\.yaml):(?<line>\d+):(?<column>\d+): (?<severity>error|warning) (?<message>.*) \[(?<ruleId>[a-z0-9-]+)\]$/;

interface Row {
  line: number;
  column: number;
  severity: string;
  message: string;
  ruleId: string;
}

const render = (r: Row) => `pipeline.yaml:${r.line}:${r.column}: ${r.severity} ${r.message} [${r.ruleId}]`;
const rowOf = (d: Pick<Diagnostic, 'line' | 'column' | 'severity' | 'message' | 'ruleId'>): Row => ({
  line: d.line,
  column: d.column,
  severity: d.severity,
  message: d.message,
  ruleId: d.ruleId,
});

function expectedRows(name: string): Row[] {
  return readFileSync(expectedFile(name), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((text) => {
      const m = LINE.exec(text);
      if (!m) throw new Error(`${name}/expected.txt: cannot read the line ${JSON.stringify(text)}`);
      const g = m.groups!;
      return { line: Number(g.line), column: Number(g.column), severity: g.severity!, message: g.message!, ruleId: g.ruleId! };
    });
}

/** Output rows grouped by case name, from a whole-folder run. */
function byCase(rows: Array<Row & { file: string }>): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const r of rows) {
    const name = /err\/([^/]+)\/pipeline\.yaml$/.exec(r.file.replace(/\\/g, '/'))?.[1] ?? r.file;
    grouped.set(name, [...(grouped.get(name) ?? []), render(r)]);
  }
  return grouped;
}

const updating = Boolean(process.env.UPDATE_GOLDEN);

test('UPDATE_GOLDEN is refused under CI: expected files are written by people', () => {
  assert.not.ok(updating && process.env.CI, 'UPDATE_GOLDEN is set under CI');
});

test('there are enough cases to mean something', () => {
  assert.ok(cases('ok').length >= 5, 'ok cases');
  assert.ok(cases('err').length >= 30, 'err cases');
});

for (const name of cases('ok')) {
  test(`ok/${name} is clean`, () => {
    assert.equal(
      lintFile(join(ROOT, configOf('ok', name))).diagnostics.map((d) => render(rowOf(d))),
      [],
    );
  });
}

for (const name of cases('err')) {
  test(`err/${name} yields exactly its expected lines`, () => {
    const actual = lintFile(join(ROOT, configOf('err', name))).diagnostics.map((d) => render(rowOf(d)));
    if (updating && !process.env.CI) writeFileSync(expectedFile(name), `${actual.join('\n')}\n`);
    assert.fixture(actual.join('\n'), expectedRows(name).map(render).join('\n'));
  });
}

const expectedAll = new Map(cases('err').map((name) => [name, expectedRows(name).map(render)]));

test('the CLI run over ok/ prints no error or warning (only the info note of configs whose manifests are elsewhere) and exits 0', () => {
  const r = runCli(['lint', `${FIXTURES}/ok`]);
  const findings = r.stdout.split('\n').filter((l) => /^\S+:\d+:\d+: /.test(l));
  assert.equal(
    findings.filter((l) => !/: info no manifest could be read .*\[manifest-disagrees\]$/.test(l)),
    [],
  );
  assert.match(r.stdout, /^0 errors, 0 warnings, \d+ notes? in \d+ files?$/m);
  assert.is(r.stderr, '');
  assert.is(r.code, 0);
});

test('--format json: the same lines, with end positions and paths', () => {
  const r = runCli(['lint', `${FIXTURES}/err`, '--format', 'json']);
  assert.is(r.code, 2, 'some fixtures are unreadable');
  const rows = JSON.parse(r.stdout) as Array<Row & { file: string; endLine: number; endColumn: number; path: unknown[] }>;
  for (const row of rows) {
    assert.ok(row.endLine > row.line || (row.endLine === row.line && row.endColumn >= row.column), `end before start: ${JSON.stringify(row)}`);
    assert.ok(Array.isArray(row.path));
  }
  assert.equal(byCase(rows), expectedAll);
});

test('--format sarif: the same lines, as results with regions', () => {
  const r = runCli(['lint', `${FIXTURES}/err`, '--format', 'sarif']);
  const results = JSON.parse(r.stdout).runs[0].results as Array<{
    ruleId: string;
    level: string;
    message: { text: string };
    locations: Array<{ physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }>;
  }>;
  const rows = results.map((x) => {
    const { artifactLocation, region } = x.locations[0]!.physicalLocation;
    return { file: artifactLocation.uri, line: region.startLine, column: region.startColumn, severity: x.level, message: x.message.text, ruleId: x.ruleId };
  });
  assert.equal(byCase(rows), expectedAll);
});

test('--format checkstyle: the same lines, as XML that unescapes to the same text', () => {
  const r = runCli(['lint', `${FIXTURES}/err`, '--format', 'checkstyle']);
  const unescape = (s: string) =>
    s
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#10;/g, '\n')
      .replace(/&#9;/g, '\t')
      .replace(/&#13;/g, '\r')
      .replace(/&amp;/g, '&');
  const rows: Array<Row & { file: string }> = [];
  let file = '';
  for (const line of r.stdout.split('\n')) {
    const f = /^\s*<file name="([^"]*)">$/.exec(line);
    if (f) file = unescape(f[1]!);
    const e = /^\s*<error line="(\d+)" column="(\d+)" severity="(\w+)" message="([^"]*)" source="pipewright\.([^"]*)"\/>$/.exec(line);
    if (e) rows.push({ file, line: Number(e[1]), column: Number(e[2]), severity: e[3]!, message: unescape(e[4]!), ruleId: e[5]! });
  }
  assert.equal(byCase(rows), expectedAll);
});

test('--format stylish: the same lines, each followed by its code frame', () => {
  const r = runCli(['lint', `${FIXTURES}/err`]);
  const rows = r.stdout.split('\n').flatMap((text) => {
    const m = LINE.exec(text);
    if (!m) return [];
    const g = m.groups!;
    return [{ file: g.file!, line: Number(g.line), column: Number(g.column), severity: g.severity!, message: g.message!, ruleId: g.ruleId! }];
  });
  assert.equal(byCase(rows), expectedAll);
  assert.match(r.stdout, /\n {3}4 \| {3}languag: python\n {5}\| {3}\^~~~~~~\n/, 'the code frame underlines the unknown key');
  assert.match(r.stdout, new RegExp(`\\n${[...expectedAll.values()].flat().length} errors, 0 warnings in ${expectedAll.size} files\\n$`));
});

// Inputs that must fail fast and cleanly: each run bounded by a hang guard, never a stack trace.
function guarded(args: string[]) {
  const started = Date.now();
  const r = runCli(args, { timeoutMs: HANG_GUARD_MS });
  assert.ok(r.code !== null, `killed by the ${HANG_GUARD_MS} ms hang guard after ${Date.now() - started} ms`);
  assert.not.match(r.stdout + r.stderr, /\n\s+at .+:\d+:\d+\)?\n/, 'a stack trace');
  assert.not.match(r.stderr, /internal error/);
  return r;
}

test('a binary file: a clear error and exit 2', () => {
  const r = guarded(['lint', configOf('err', 'binary')]);
  assert.is(r.code, 2);
  assert.match(r.stdout, /binary, not YAML text/);
});

test('a 5 MiB file: a clear error and exit 2, without reading it all', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-golden-'));
  try {
    const file = join(dir, 'pipeline.yaml');
    writeFileSync(file, `version: 1\napp: big\n# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    const r = guarded(['lint', file]);
    assert.is(r.code, 2);
    assert.match(r.stdout, /larger than pipeline\.yaml may be \(1048576 bytes\)/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a billion-laughs file: a clear error and exit 1 (the file is readable; its content is refused)', () => {
  const r = guarded(['lint', configOf('err', 'billion-laughs'), '--format', 'json']);
  assert.is(r.code, 1);
  assert.equal(
    JSON.parse(r.stdout).map((d: Row) => d.ruleId),
    ['yaml-aliases'],
  );
});

test('exit codes: unreadable 2, errors 1, warnings pass unless over --max-warnings', () => {
  const diagnostic = (ruleId: string, severity: 'error' | 'warning'): Diagnostic => ({
    ruleId,
    severity,
    message: 'm',
    file: 'p.yaml',
    path: [],
    line: 1,
    column: 1,
  });
  const result = (...diagnostics: Diagnostic[]) => ({ file: 'p.yaml', text: '', raw: {}, model: null, diagnostics });
  assert.is(lintExitCode([result()]), 0);
  assert.is(lintExitCode([result(diagnostic('some-rule', 'warning'))]), 0);
  assert.is(lintExitCode([result(diagnostic('some-rule', 'warning'))], 1), 0);
  assert.is(lintExitCode([result(diagnostic('some-rule', 'warning'), diagnostic('other-rule', 'warning'))], 1), 1);
  assert.is(lintExitCode([result(diagnostic('schema', 'error'))]), 1);
  assert.is(lintExitCode([result(diagnostic('schema', 'error')), result(diagnostic('encoding', 'error'))]), 2);
  assert.is(runCli(['lint', configOf('ok', 'minimal'), '--max-warnings', '-1']).code, 2);
  assert.is(runCli(['lint', configOf('ok', 'minimal'), '--max-warnings', '0']).code, 0);
  assert.is(runCli(['lint', configOf('err', 'version-2'), '--max-warnings', '5']).code, 1);
});

test.run();
