// `pipewright report`: figures from a folder of records written by the real record-metrics bundle, the HTML page, and exit codes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, runCli } from '../support/cli.js';
import { tempDir } from '../support/reports.js';
import { descendants, parseXml } from '../../src/helpers/reports/xml.js';
import type { ReadJson } from '../support/json.js';

/** Ten builds over 9 days (hand-chosen so every figure below can be checked by hand). */
const BUILDS: Array<{ build: number; status: string; minutes: number; coverage: number; critical: number; env?: string }> = [
  { build: 1, status: 'SUCCESS', minutes: 4, coverage: 81, critical: 1, env: 'dev' },
  { build: 2, status: 'FAILURE', minutes: 2, coverage: 79, critical: 1 },
  { build: 3, status: 'SUCCESS', minutes: 5, coverage: 82, critical: 0, env: 'dev' },
  { build: 4, status: 'SUCCESS', minutes: 6, coverage: 83, critical: 0, env: 'staging' },
  { build: 5, status: 'UNSTABLE', minutes: 5, coverage: 84, critical: 0, env: 'dev' },
  { build: 6, status: 'FAILURE', minutes: 3, coverage: 80, critical: 2, env: 'prod' },
  { build: 7, status: 'SUCCESS', minutes: 7, coverage: 85, critical: 0, env: 'prod' },
  { build: 8, status: 'SUCCESS', minutes: 6, coverage: 86, critical: 0, env: 'dev' },
  { build: 9, status: 'ABORTED', minutes: 1, coverage: 86, critical: 0 },
  { build: 10, status: 'SUCCESS', minutes: 8, coverage: 87, critical: 0, env: 'staging' },
];

function recordAll(dir: string, app = 'orders-api<x>'): void {
  for (const b of BUILDS) {
    const args = [
      join(ROOT, 'dist/helpers/record-metrics.cjs'),
      '--file',
      join(dir, `build-${b.build}`, 'metrics.jsonl'),
      '--app',
      app,
      '--build',
      String(b.build),
      '--branch',
      'main',
      '--status',
      b.status,
      '--duration',
      `${b.minutes}m`,
      '--stage',
      `Build=${b.minutes * 30}s`,
      '--coverage',
      String(b.coverage),
      '--vulnerabilities',
      `CRITICAL=${b.critical},LOW=3`,
      '--timestamp',
      `2026-03-${String(b.build).padStart(2, '0')}T12:00:00Z`,
      ...(b.env ? ['--environment', b.env, '--deployed-version', `1.0.${b.build}`] : []),
    ];
    const r = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 20_000, killSignal: 'SIGKILL' });
    assert.is(r.status, 0, r.stderr);
  }
}

test('json figures match the hand-worked numbers', () => {
  const dir = tempDir('report');
  recordAll(dir);
  // A gate summary and a stray file beside the records are not records; a broken record line is reported.
  writeFileSync(join(dir, 'trivy-summary.json'), JSON.stringify({ schema: 'pipewright.trivy-summary/1' }));
  mkdirSync(join(dir, 'odd'));
  writeFileSync(join(dir, 'odd', 'bad.jsonl'), '{"schema":"pipewright.metrics/1","app":"x"}\nnot json\n');
  const r = runCli(['report', dir, '--format', 'json', '--html', '']);
  assert.is(r.code, 0, r.stderr);
  const m = JSON.parse(r.stdout);
  assert.is(m.builds, 10);
  assert.equal(m.results, { SUCCESS: 6, FAILURE: 2, UNSTABLE: 1, ABORTED: 1 });
  assert.is(m.successRate, 0.6);
  assert.is(m.failureRate, 0.2);
  // durations in minutes sorted: 1 2 3 4 5 5 6 6 7 8 -> nearest-rank median (5th) 5m, p90 (9th) 7m
  assert.is(m.duration.medianMs, 5 * 60_000);
  assert.is(m.duration.p90Ms, 7 * 60_000);
  assert.equal(m.stages, [{ stage: 'Build', count: 10, medianMs: 150_000, p90Ms: 210_000, meanMs: 141_000 }]);
  assert.equal(m.coverage, { latest: 0.87, min: 0.79, max: 0.87, first: 0.81, builds: 10 });
  assert.equal(m.vulnerabilities.latest, { CRITICAL: 0, HIGH: 0, MEDIUM: 0, LOW: 3, UNKNOWN: 0 });
  assert.is(m.vulnerabilities.max.CRITICAL, 2);
  // deployments: SUCCESS or UNSTABLE with an environment; build 6 (prod) failed. Span 9 days = 9/7 weeks.
  assert.equal(
    m.deployments.map((d: ReadJson) => [d.environment, d.count, d.perWeek, d.lastVersion]),
    [
      ['dev', 4, 3.11, '1.0.8'],
      ['prod', 1, 0.78, '1.0.7'],
      ['staging', 2, 1.56, '1.0.10'],
    ],
  );
  assert.equal(
    m.skipped.map((s: ReadJson) => s.reason),
    ['"app", "build" and "branch" must be strings', 'not JSON'],
  );
});

test('text output and a self-contained HTML page with inline SVG charts', () => {
  const dir = tempDir('report');
  recordAll(dir);
  const html = join(dir, 'out.html');
  const r = runCli(['report', dir, '--html', html]);
  assert.is(r.code, 0, r.stderr);
  assert.match(r.stdout, /^10 builds from 2026-03-01 to 2026-03-10/);
  assert.match(r.stdout, /success rate 60\.0%, failure rate 20\.0%/);
  assert.match(r.stdout, /dev\s+4\s+3\.11\s+1\.0\.8/);
  const page = readFileSync(html, 'utf8');
  assert.ok(page.startsWith('<!DOCTYPE html>'));
  const svgs = page.match(/<svg [\s\S]*?<\/svg>/g) ?? [];
  assert.is(svgs.length, 4, 'duration, coverage, vulnerabilities, deployments');
  // Each chart is well-formed SVG: the duration chart has one point per build, coloured by result (2 failures in red).
  const duration = parseXml(svgs[0]!);
  const dots = descendants(duration, 'circle');
  assert.is(dots.length, 10);
  assert.is(dots.filter((c) => c.attributes.fill === '#c62828').length, 2);
  for (const svg of svgs.slice(1)) parseXml(svg);
  assert.not.match(page, /<script|https?:\/\/|<link|@import/, 'nothing to fetch, nothing to run');
  assert.match(page, /orders-api&lt;x&gt;|Pipeline metrics/);
  assert.not.match(page, /orders-api<x>/, 'user text is escaped');
});

test('exit 2 for an unreadable folder; exit 0 and no page for a folder without records', () => {
  const missing = runCli(['report', '/no/such/folder']);
  assert.is(missing.code, 2);
  assert.match(missing.stderr, /cannot read the folder "\/no\/such\/folder": no such folder/);
  const dir = tempDir('report');
  const empty = runCli(['report', dir, '--html', join(dir, 'r.html')]);
  assert.is(empty.code, 0);
  assert.match(empty.stdout, /no build records/);
  assert.throws(() => readFileSync(join(dir, 'r.html')));
  const file = join(dir, 'file.jsonl');
  writeFileSync(file, '');
  assert.is(runCli(['report', file]).code, 2, 'a file is not a folder');
});

test('--app keeps one application', () => {
  const dir = tempDir('report');
  recordAll(join(dir, 'a'), 'alpha');
  recordAll(join(dir, 'b'), 'beta');
  const both = JSON.parse(runCli(['report', dir, '--format', 'json', '--html', '']).stdout);
  assert.is(both.builds, 20);
  assert.equal(
    both.byApp.map((a: ReadJson) => a.app),
    ['alpha', 'beta'],
  );
  assert.is(JSON.parse(runCli(['report', dir, '--format', 'json', '--html', '', '--app', 'beta']).stdout).builds, 10);
});

test.run();
