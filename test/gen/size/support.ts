// The Jenkinsfiles the size check is calibrated on, and their bytecode as real Groovy 2.4 measures it (test/gen/size/measure.groovy).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ROOT } from '../../support/cli.js';
import { runGroovyScript, withTextFiles } from '../../support/groovy.js';
import { generateBeside, goldenCases, loadModel } from '../support.js';
import { writeFleet } from '../../../scripts/bench/fleet.mjs';

export interface SizeCase {
  name: string;
  text: string;
}

/** What gen writes today for every example, every golden fixture and the first `fleet` configs of the benchmark's fleet. */
export function sizeCases(fleet: number): SizeCase[] {
  const cases = goldenCases().map((c) => ({ name: c.name, text: generateBeside(loadModel(c.config)) }));
  const dir = mkdtempSync(join(tmpdir(), 'pw-size-fleet-'));
  try {
    for (const config of writeFleet(dir, fleet)) cases.push({ name: `fleet/${relative(dir, config).split('/')[0]}`, text: generateBeside(loadModel(config)) });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return cases;
}

export interface Measured {
  file: string;
  ok: boolean;
  error?: string;
  /** The code of run() and of every closure's doCall: the pipeline block's bytecode. */
  bytes: number;
  /** Every class file in full, constant pools and closure-class boilerplate included (reported, not budgeted). */
  classBytes: number;
  classes: number;
}

/** Compiles every text with groovyc's CompilationUnit in one JVM and returns the sizes in the same order. */
export function measureBytecode(texts: string[]): Measured[] {
  return withTextFiles(texts, (files) => runGroovyScript(join(ROOT, 'test', 'gen', 'size', 'measure.groovy'), { files }) as Measured[]);
}
