// record-metrics: one JSON line per run, from flags or from the summaries the gates wrote; missing summaries are noted, not fatal.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spec } from '../../src/helpers/record-metrics.js';
import { spec as trivySpec } from '../../src/helpers/gate-trivy.js';
import { spec as coverageSpec } from '../../src/helpers/gate-coverage.js';
import { spec as testsSpec } from '../../src/helpers/test-summary.js';
import { runHelper } from '../../src/helpers/shared/cli.js';
import { metricsRecordProblem } from '../../src/helpers/reports/metrics-record.js';
import { SAMPLES, tempDir } from '../support/reports.js';
import type { ReadJson } from '../support/json.js';

const readLines = (file: string): Array<Record<string, ReadJson>> =>
  readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l));

test('reads the summaries the gates wrote and appends one line per run', async () => {
  const dir = tempDir('metrics');
  await runHelper(trivySpec, ['--file', join(SAMPLES, 'trivy-image.json'), '--summary', join(dir, 'trivy.json')]);
  await runHelper(coverageSpec, ['--file', join(SAMPLES, 'cobertura-branches.xml'), '--summary', join(dir, 'coverage.json')]);
  await runHelper(testsSpec, ['--file', join(SAMPLES, 'junit-header-disagrees.xml'), '--summary', join(dir, 'tests.json')]);
  const file = join(dir, 'archive', 'metrics.jsonl');
  const common = ['--file', file, '--app', 'orders-api', '--branch', 'main', '--commit', 'abc1234'];
  const first = await runHelper(spec, [
    ...common,
    '--build',
    '41',
    '--status',
    'failure',
    '--duration',
    '5m',
    '--stage',
    'Build=95s',
    '--stage',
    'Security Scan=1500ms',
    '--trivy-summary',
    join(dir, 'trivy.json'),
    '--coverage-summary',
    join(dir, 'coverage.json'),
    '--tests-summary',
    join(dir, 'tests.json'),
    '--timestamp',
    '2026-01-02T03:04:05+01:00',
  ]);
  assert.is(first.exitCode, 0);
  const second = await runHelper(spec, [
    ...common,
    '--build',
    '42',
    '--status',
    'SUCCESS',
    '--coverage',
    '83.5',
    '--vulnerabilities',
    'critical=0,HIGH=2',
    '--environment',
    'staging',
    '--deployed-version',
    '42-abc1234',
  ]);
  assert.is(second.exitCode, 0);
  const [a, b] = readLines(file);
  assert.equal(a, {
    schema: 'pipewright.metrics/1',
    app: 'orders-api',
    build: '41',
    branch: 'main',
    commit: 'abc1234',
    status: 'FAILURE',
    timestamp: '2026-01-02T02:04:05.000Z',
    durationMs: 300000,
    stages: { Build: 95000, 'Security Scan': 1500 },
    coverage: { lineRate: 5 / 6, branchRate: 4 / 9 },
    vulnerabilities: { CRITICAL: 1, HIGH: 1, MEDIUM: 1, LOW: 0, UNKNOWN: 0 },
    tests: { tests: 5, failures: 1, errors: 1, skipped: 1 },
    deployment: null,
  });
  assert.equal(
    [b!.coverage, b!.vulnerabilities, b!.deployment, b!.durationMs],
    [{ lineRate: 0.835, branchRate: null }, { CRITICAL: 0, HIGH: 2, MEDIUM: 0, LOW: 0, UNKNOWN: 0 }, { environment: 'staging', version: '42-abc1234' }, null],
  );
  assert.is(metricsRecordProblem(b), undefined);
});

test('a missing or broken summary is noted and recorded as null; the run still succeeds', async () => {
  const dir = tempDir('metrics');
  writeFileSync(join(dir, 'broken.json'), '{');
  const file = join(dir, 'm.jsonl');
  const outcome = await runHelper(spec, [
    '--file',
    file,
    '--app',
    'a',
    '--build',
    '1',
    '--branch',
    'b',
    '--status',
    'ABORTED',
    '--trivy-summary',
    join(dir, 'none.json'),
    '--coverage-summary',
    join(dir, 'broken.json'),
    '--result',
    join(dir, 'r.json'),
  ]);
  assert.is(outcome.exitCode, 0);
  const [record] = readLines(file);
  assert.equal([record!.coverage, record!.vulnerabilities], [null, null]);
  const message = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).message;
  assert.match(message, /no summary at ".*none\.json" \(the stage may not have run\)/);
  assert.match(message, /broken\.json" is not a summary JSON object; ignored/);
});

test('bad flags exit 2 and write nothing', async () => {
  const dir = tempDir('metrics');
  const file = join(dir, 'm.jsonl');
  const base = ['--file', file, '--app', 'a', '--build', '1', '--branch', 'b'];
  for (const extra of [
    ['--status', 'GREEN'],
    ['--status', 'SUCCESS', '--stage', 'Build'],
    ['--status', 'SUCCESS', '--coverage', '120'],
    ['--status', 'SUCCESS', '--vulnerabilities', 'SEVERE=1'],
    ['--status', 'SUCCESS', '--duration', 'soon'],
    ['--status', 'SUCCESS', '--timestamp', 'yesterday'],
  ]) {
    assert.is((await runHelper(spec, [...base, ...extra])).exitCode, 2, extra.join(' '));
  }
  assert.is((await runHelper(spec, ['--file', file, '--status', 'SUCCESS'])).exitCode, 2);
  assert.throws(() => readFileSync(file));
});

test.run();
