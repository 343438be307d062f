// Test support for the report gates: the hand-made samples (default tier), the corpus folders and their
// independently worked-out expectations (corpus tier, test/corpus/ only), and temp folders.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS, ROOT } from './cli.js';

/** Hand-made reports shaped like the real ones; their quirks are listed in the README beside them. */
export const SAMPLES = join(ROOT, 'test/fixtures/reports/samples');

// ../shared/corpus: only tests under test/corpus/ may use these.
export const TRIVY_DIR = join(CORPUS, 'trivy');
export const COVERAGE_DIR = join(CORPUS, 'coverage');
export const JUNIT_DIR = join(CORPUS, 'junit');

interface Expected {
  trivy: Record<string, Record<string, unknown>>;
  coverage: Record<string, Record<string, unknown>>;
  junit: Record<string, Record<string, unknown>>;
}

export const EXPECTED = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/reports/expected.json'), 'utf8')) as Expected;

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `pipewright-${prefix}-`));
}
