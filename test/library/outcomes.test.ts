// Issue 14's expected-outcomes table (test/fixtures/sim/outcomes.json), simulated row by row for every example on every branch of its plan where the row applies.
import { test } from 'uvu';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { loadModel } from '../gen/support.js';
import { registerOutcomeTests } from '../support/outcomes.js';

const configs = readdirSync(join(ROOT, 'examples'))
  .sort()
  .map((example) => ({
    name: example,
    model: loadModel(join(ROOT, 'examples', example, 'pipeline.yaml')),
    jenkinsfile: join(ROOT, 'examples', example, 'Jenkinsfile'),
  }));

// About 35 scenarios in one JVM: minutes on a loaded machine, so a longer limit than the default five.
registerOutcomeTests(configs, { timeoutMs: 900_000 });

test.run();
