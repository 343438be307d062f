// A vars/ folder for the pipeline simulator: the real library steps where vars/ exists, a recording no-op for every other registry step.
import { copyFileSync, existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { STEPS } from '../../src/gen/steps.js';

/**
 * The simulator records every library step call with its arguments; a stub lets a generated Jenkinsfile run
 * before `pipewright lib` has written the real step, and the real step (when present) is what runs instead.
 */
export function libraryVarsDir(): { dir: string; real: string[] } {
  const dir = mkdtempSync(join(tmpdir(), 'pw-vars-'));
  for (const step of STEPS) writeFileSync(join(dir, `${step.name}.groovy`), 'def call(Map args = [:]) {\n  return null\n}\n');
  const real: string[] = [];
  const vars = join(ROOT, 'vars');
  if (existsSync(vars)) {
    for (const file of readdirSync(vars).filter((f) => f.endsWith('.groovy'))) {
      copyFileSync(join(vars, file), join(dir, file));
      real.push(file.replace(/\.groovy$/, ''));
    }
  }
  return { dir, real };
}
