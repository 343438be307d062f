// `pipewright helper <gate>` runs the bundled gate exactly as Jenkins does, passing its exit code through.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { runCli } from '../support/cli.js';
import { SAMPLES } from '../support/reports.js';

test('gate-coverage through the CLI: 75% fails, 83.33% passes', () => {
  const low = runCli(['helper', 'gate-coverage', '--file', join(SAMPLES, 'cobertura-no-branches.xml'), '--min', '80']);
  assert.is(low.code, 1);
  assert.match(low.stderr, /line coverage 75\.00% \(3\/4\) is not above the minimum 80%/);
  const high = runCli(['helper', 'gate-coverage', '--file', join(SAMPLES, 'cobertura-branches.xml'), '--min', '80']);
  assert.is(high.code, 0, high.stderr);
});

test('test-summary through the CLI: malformed XML exits 1 with the position', () => {
  const r = runCli(['helper', 'test-summary', '--file', join(SAMPLES, 'junit-unclosed-skipped.xml')]);
  assert.is(r.code, 1);
  assert.match(r.stderr, /malformed XML at line 8, column \d+: <skipped> is never closed/);
});

test.run();
