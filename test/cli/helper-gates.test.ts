// `pipewright helper <gate>` runs the bundled gate exactly as Jenkins does, passing its exit code through.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { COVERAGE_DIR, JUNIT_DIR } from '../support/reports.js';

test('gate-coverage through the CLI: 31.96% fails, 88.97% passes', () => {
  const low = runCli(['helper', 'gate-coverage', '--file', join(COVERAGE_DIR, 'pytest-coverage-comment_coverage_1.xml'), '--min', '80']);
  assert.is(low.code, 1);
  assert.match(low.stderr, /line coverage 31\.96% \(489\/1530\) is not above the minimum 80%/);
  const high = runCli(['helper', 'gate-coverage', '--file', join(COVERAGE_DIR, 'pytest-coverage-comment_coverage_2.xml'), '--min', '80']);
  assert.is(high.code, 0, high.stderr);
});

test('test-summary through the CLI: malformed XML exits 1 with the position', () => {
  const r = runCli(['helper', 'test-summary', '--file', join(JUNIT_DIR, 'eurt_pytest_corrupt-xml.xml')]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /malformed XML at line 11, column \d+: <skipped> is never closed/);
});

test.run();
