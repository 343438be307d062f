// Stage names without the flow (src/flow/stage-names.ts) against the names of the whole flow: every example, golden config, a few hundred bench-fleet configs, and custom stages named like the stages around them.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFleet } from '../../scripts/bench/fleet.mjs';
import type { CustomStage, Model, StageId } from '../../src/config/model.js';
import { buildFlow as buildUnmerged } from '../../src/flow/build-flow.js';
import { duplicateStageNames } from '../../src/flow/evaluate.js';
import { mergeableRollbacks, stageNames } from '../../src/flow/stage-names.js';
import type { Stage } from '../../src/flow/types.js';
import { buildFlow, duplicateStageNamesOf, programsOf } from '../../src/gen/flow.js';
import { rollbackMerge } from '../../src/gen/rollback-merge.js';
import { goldenCases, loadModel } from './support.js';

const FLEET_SIZE = 300;

/** Names in the order duplicateStageNames visits them: a stage, then its children. */
const flowNames = (stages: Stage[]): string[] => stages.flatMap((s) => [s.name, ...flowNames(s.children)]);

/** Where the two ways to the names part for one model, or null. */
function disagreement(model: Model): string | null {
  const flow = buildFlow(model);
  const expected = flowNames(flow.stages);
  const got = stageNames(model, rollbackMerge(buildUnmerged(model, programsOf)));
  if (JSON.stringify(got) !== JSON.stringify(expected)) return `names:\n  flow      ${JSON.stringify(expected)}\n  stageNames ${JSON.stringify(got)}`;
  const duplicates = duplicateStageNames(flow);
  const found = duplicateStageNamesOf(model);
  if (JSON.stringify(found) !== JSON.stringify(duplicates)) return `duplicates: flow ${JSON.stringify(duplicates)}, without it ${JSON.stringify(found)}`;
  return null;
}

const custom = (name: string, stage: StageId, position: 'before' | 'after' = 'after'): CustomStage => ({ name, position, stage, branch: null, run: ['true'] });

/**
 * The model with custom stages named like stages of its Jenkinsfile (each in turn, in the build and in the deploy slot),
 * like each manual rollback's stage and the merged ones ("Roll back: a, b"), and like one another.
 */
function collisions(model: Model): Model[] {
  const names = flowNames(buildFlow(model).stages);
  const envs = mergeableRollbacks(model);
  const merged = envs.flatMap((a, i) => [envs.slice(i).join(', '), ...envs.slice(i + 1).map((b) => `${a}, ${b}`)]).map((list) => `Roll back: ${list}`);
  const unmerged = envs.map((e) => `Roll back: ${e}`);
  const out: Model[] = [];
  for (const name of [...new Set([...names, ...merged, ...unmerged])]) {
    out.push({ ...model, custom: [...model.custom, custom(name, 'test')] });
    out.push({ ...model, custom: [...model.custom, custom(name, 'deploy', 'before')] });
  }
  out.push({ ...model, custom: [...model.custom, custom('Smoke', 'checkout', 'before'), custom('Smoke', 'deploy'), custom('Smoke', 'lint')] });
  return out;
}

const cases = goldenCases().map((c) => ({ name: c.name, model: loadModel(c.config) }));

test('there are examples, golden fixtures and configs with a manual rollback to merge', () => {
  assert.ok(cases.some((c) => c.name.startsWith('examples/')));
  assert.ok(cases.filter((c) => c.name.startsWith('test/fixtures/gen/')).length >= 10);
  assert.ok(cases.filter((c) => mergeableRollbacks(c.model).length >= 2).length >= 2, 'fewer than two configs with two mergeable rollbacks');
});

test('stageNames gives the names of the whole flow for every example and golden config', () => {
  for (const c of cases) {
    const problem = disagreement(c.model);
    assert.is(problem, null, `${c.name}: ${problem}`);
  }
});

test('stageNames gives the names of the whole flow for bench-fleet configs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-stage-names-'));
  try {
    const files = writeFleet(dir, FLEET_SIZE);
    for (const file of files) {
      const problem = disagreement(loadModel(file));
      assert.is(problem, null, `${file}: ${problem}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('custom stages named like other stages: the same names and duplicates as the whole flow', () => {
  let withDuplicates = 0;
  for (const c of cases) {
    for (const model of collisions(c.model)) {
      const problem = disagreement(model);
      assert.is(problem, null, `${c.name} with custom stages ${JSON.stringify(model.custom.map((s) => s.name))}: ${problem}`);
      if (duplicateStageNames(buildFlow(model)).length) withDuplicates++;
    }
  }
  // The collisions do collide: without them the comparison above would prove little.
  assert.ok(withDuplicates > 100, `only ${withDuplicates} configs with a stage name used twice`);
});

test('a custom stage named like two merged rollbacks collides only when they merge', () => {
  const model = cases.find((c) => c.name === 'examples/python-service')!.model;
  const envs = mergeableRollbacks(model);
  assert.ok(envs.length >= 2, 'python-service has two environments whose rollback is one stage');
  const merged = `Roll back: ${envs.join(', ')}`;
  const names = flowNames(buildFlow(model).stages);
  const clash = { ...model, custom: [...model.custom, custom(merged, 'test')] };
  assert.is(duplicateStageNamesOf(clash).includes(merged), names.includes(merged));
  assert.equal(duplicateStageNamesOf(clash), duplicateStageNames(buildFlow(clash)));
});

test.run();
