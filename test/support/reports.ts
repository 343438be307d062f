// Test support for the report gates: the corpus folders, the independently worked-out expectations, and temp folders.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CORPUS, ROOT } from './cli.js';

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
