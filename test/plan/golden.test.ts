// Golden plans for every example, in table, json and mermaid (UPDATE_GOLDEN=1 rewrites them; read the diff before committing).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { loadFile } from '../../src/config/load.js';
import { buildPlan } from '../../src/plan/plan.js';
import { renderPlan, type PlanFormat } from '../../src/plan/render.js';

// Plans name the config as given; the goldens give it relative to the repository root.
process.chdir(ROOT);
const update = process.env.UPDATE_GOLDEN === '1';
const EXTENSIONS: Record<Exclude<PlanFormat, 'html'>, string> = { table: 'txt', json: 'json', mermaid: 'mmd' };
const examples = readdirSync('examples')
  .filter((name) => existsSync(join('examples', name, 'pipeline.yaml')))
  .sort();

test('every example is covered', () => {
  assert.ok(examples.length >= 3, `only ${examples.length} examples`);
});

for (const name of examples) {
  const loaded = loadFile(join('examples', name, 'pipeline.yaml'));
  for (const [format, extension] of Object.entries(EXTENSIONS)) {
    test(`golden plan: examples/${name} as ${format}`, () => {
      assert.ok(loaded.model, `examples/${name} does not load`);
      const text = renderPlan(buildPlan(loaded.model!), format as PlanFormat);
      const golden = join('test', 'fixtures', 'plan', name, `plan.${extension}`);
      if (update) {
        mkdirSync(join('test', 'fixtures', 'plan', name), { recursive: true });
        writeFileSync(golden, text);
      }
      assert.ok(existsSync(golden), `${golden} is missing; run UPDATE_GOLDEN=1 and read it before committing`);
      assert.fixture(text, readFileSync(golden, 'utf8'));
      assert.is(renderPlan(buildPlan(loaded.model!), format as PlanFormat), text, 'the plan is not deterministic');
    });
  }
}

test.run();
