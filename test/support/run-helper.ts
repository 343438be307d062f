// Runs a bundled helper (dist/helpers/<name>.cjs) as Jenkins does, asynchronously so loopback stubs in this process can answer; bounded in time.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './cli.js';
import type { ReadJson } from './json.js';

export interface HelperRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** The parsed --result file, when the helper wrote one. */
  result: ReadJson;
  /** The raw --result file text ('' when absent), for leak searches. */
  resultText: string;
}

/** A fresh temporary folder for one test's files. */
export function tempDir(prefix = 'pw-ops-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function runBundledHelper(name: string, args: string[], env: Record<string, string> = {}, timeoutMs = 30_000): Promise<HelperRun> {
  const resultFile = join(tempDir(), 'result.json');
  return new Promise((resolve) => {
    // Only PATH and HOME from the outer environment, so no stray token of the machine reaches the helper.
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'helpers', `${name}.cjs`), ...args, '--result', resultFile], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const resultText = existsSync(resultFile) ? readFileSync(resultFile, 'utf8') : '';
      resolve({ code, stdout, stderr, resultText, result: resultText ? JSON.parse(resultText) : undefined });
    });
  });
}
