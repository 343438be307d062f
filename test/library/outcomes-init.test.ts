// Issue 14's expected-outcomes table over the configs `pipewright init` writes for the repository shapes of test/fixtures/init/shapes, on every branch of each plan where a row applies.
import { test } from 'uvu';
import { join } from 'node:path';
import { removeDir } from '../support/git-repo.js';
import { initShape, PRESET_IMAGES, SHAPES_LIST } from '../support/init-shapes.js';
import { registerOutcomeTests } from '../support/outcomes.js';
import { loadModel } from '../gen/support.js';

const dirs: string[] = [];
const configs = SHAPES_LIST.map((shape) => {
  const dir = initShape(shape);
  dirs.push(dir);
  return {
    name: `init ${shape.name}`,
    model: loadModel(join(dir, 'pipeline.yaml')),
    jenkinsfile: join(dir, 'Jenkinsfile'),
    scenario: { images: PRESET_IMAGES },
  };
});

test.after(() => {
  for (const dir of dirs) removeDir(dir);
});

// 56 scenarios (14 per config: develop, main and a feature branch) in one JVM: minutes on a loaded machine.
registerOutcomeTests(configs, { timeoutMs: 900_000 });

test.run();
