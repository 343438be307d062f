// lint and gen are one contract: whenever gen would refuse a config (lint errors, a stage name used twice, a render
// that throws), lint reports an error for it. Mutated configs from the hardening mutator, plus seeded known-bad cases.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import jsYaml from 'js-yaml';
import { loadBytes, loadText } from '../../src/config/load.js';
import { lintLoaded } from '../../src/lint/runner.js';
import { duplicateStageNames } from '../../src/flow/evaluate.js';
import type { Stage } from '../../src/flow/types.js';
import { buildFlow } from '../../src/gen/flow.js';
import { renderFlow } from '../../src/gen/jenkinsfile.js';
import type { Model } from '../../src/config/model.js';
import { seedConfigs } from './mutate.js';
import { describeFailures, fuzzSettings, mutantFor, type FuzzFailure } from './fuzz-support.js';

const SOURCE = { source: 'pipeline.yaml', command: 'pipewright gen' };

/** Why gen, given a config lint found no error in, would still refuse it; null when it renders. Independent of lint. */
function genRefusal(model: Model): string | null {
  try {
    const flow = buildFlow(model);
    const duplicates = duplicateStageNames(flow);
    if (duplicates.length) return `stage names used twice: ${duplicates.join(', ')}`;
    renderFlow(flow, model, SOURCE);
    return null;
  } catch (error) {
    return `render threw: ${(error as Error).message}`;
  }
}

/** The contract for one input: a clean lint means gen renders it. */
function contractBroken(result: ReturnType<typeof lintLoaded>): string | null {
  if (!result.model || result.diagnostics.some((d) => d.severity === 'error')) return null;
  const refusal = genRefusal(result.model);
  return refusal && `lint reports no error, yet gen refuses: ${refusal}`;
}

const names = (stages: Stage[]): string[] => stages.flatMap((s) => [s.name, ...names(s.children)]);

const { seed, cases } = fuzzSettings({ seed: 20261204, cases: 400 });

test(`${cases.length} mutated configs (seed ${seed}): whenever gen refuses, lint reports an error`, () => {
  const failures: FuzzFailure[] = [];
  let clean = 0;
  for (const index of cases) {
    const mutant = mutantFor(seed, index);
    const result = lintLoaded(loadBytes(mutant.bytes, 'pipeline.yaml'), undefined, { today: '2026-06-01' });
    if (result.model && !result.diagnostics.some((d) => d.severity === 'error')) clean++;
    const problem = contractBroken(result);
    if (problem) failures.push({ index, ops: mutant.ops, problem, bytes: mutant.bytes });
  }
  assert.ok(clean > 0, 'no mutant linted clean, so the property was never tested');
  assert.equal(failures.length, 0, describeFailures(seed, failures));
});

// Known-bad: each seed config with a custom stage taking the name of each stage its own Jenkinsfile has (gen refused
// "Install" while lint passed it), in every slot; and two custom stages sharing a name.
const seeds = seedConfigs().map((s) => ({ name: s.name, raw: jsYaml.load(s.text) as Record<string, unknown> }));
const SLOTS = ['checkout', 'install', 'lint', 'test', 'image', 'scan', 'publish', 'deploy'];

test('seeded known-bad: a custom stage named like any stage of the Jenkinsfile is a lint error', () => {
  const broken: string[] = [];
  let checked = 0;
  seeds.forEach(({ name, raw }, i) => {
    const loaded = loadText(jsYaml.dump(raw), 'pipeline.yaml');
    if (!loaded.model) return;
    for (const stageName of [...new Set(names(buildFlow(loaded.model).stages))]) {
      const custom = [...((raw.custom as unknown[]) ?? []), { name: stageName, after: SLOTS[(checked + i) % SLOTS.length], run: 'make' }];
      const text = jsYaml.dump({ ...raw, custom });
      const result = lintLoaded(loadText(text, 'pipeline.yaml'), undefined, { today: '2026-06-01' });
      if (!result.model) continue; // a slot this config cannot hold: the loader refuses it, which is an error too
      checked++;
      if (genRefusal(result.model) === null) continue; // a stage of a slot that is not rendered
      if (!result.diagnostics.some((d) => d.severity === 'error')) broken.push(`${name}: a custom stage "${stageName}"`);
    }
  });
  assert.ok(checked >= 50, `only ${checked} cases`);
  assert.equal(broken, []);
});

test('seeded known-bad: two custom stages with one name, in any slots, are a lint error', () => {
  for (const { name, raw } of seeds) {
    const custom = [
      { name: 'Smoke', after: 'test', run: 'make smoke' },
      { name: 'Smoke', after: 'deploy', run: 'make smoke' },
    ];
    const result = lintLoaded(loadText(jsYaml.dump({ ...raw, custom }), 'pipeline.yaml'), undefined, { today: '2026-06-01' });
    assert.ok(
      result.diagnostics.some((d) => d.ruleId === 'custom-stage-duplicate-name' && d.severity === 'error'),
      name,
    );
  }
});

test.run();
