// The option tables of docs/helpers are the helpers' specs: generated, checked for drift, and showing choices and bounds.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { HELPER_PAGES, optionsTable, withOptionsRegion } from '../../src/helpers/shared/options-doc.js';
import { spec as gateTrivy } from '../../src/helpers/gate-trivy.js';
import { spec as gateCoverage } from '../../src/helpers/gate-coverage.js';
import { spec as testSummary } from '../../src/helpers/test-summary.js';
import { spec as recordMetrics } from '../../src/helpers/record-metrics.js';
import { spec as bumpImage } from '../../src/helpers/bump-image.js';

test('the committed pages are what the generator writes (npm run docs:helpers), and every helper is on a page', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'gen-helper-docs.mjs'), '--check'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.is(r.status, 0, r.stderr);
});

test('a hand edit inside the generated region is drift: regenerating restores it', () => {
  const page = readFileSync(join(ROOT, 'docs', 'helpers', 'gates.md'), 'utf8');
  const specs = [gateTrivy, gateCoverage, testSummary, recordMetrics];
  assert.equal(
    HELPER_PAGES['gates.md'],
    specs.map((s) => s.name),
  );
  const edited = page.replace('| `CRITICAL,HIGH` | comma-separated severities that fail', '| `CRITICAL` | comma-separated severities that fail');
  assert.is.not(edited, page);
  assert.is(withOptionsRegion(edited, specs), page);
  // Text outside the region is the page's own and stays.
  const outside = page.replace('# Report gates and build metrics', '# Report gates');
  assert.is(withOptionsRegion(outside, specs), outside);
});

test('a table shows required, defaults, choices, bounds and checks', () => {
  const table = optionsTable(bumpImage);
  assert.ok(table.includes('| `--app APP` | text: letters, digits, ".", "_" or "-" | required |'), table);
  assert.ok(table.includes('| `--format FORMAT` | one of `auto`, `kustomize`, `helm`, `plain` | `auto` |'));
  assert.ok(table.includes('| `--attempts N` | whole number, 1 to 100 | `8` |'));
  assert.ok(table.includes('| `--git-timeout DURATION` | duration (`500ms`, `30s`, `5m`, `24h`; bare: seconds), 100ms to 1h | `120s` |'));
  assert.ok(table.includes('| `--dry-run` | flag | off |'));
  assert.ok(table.includes('| `--repo URL\\|PATH` | text |  |'));
});

test.run();
