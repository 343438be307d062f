// The steps speak the helpers' real command lines: every flag a vars/ script passes, and every registry flag, is one the helper's --help lists.
// The vars' lines are rendered from the registry and src/gen/helper-calls.ts, whose extra flags are typed by the helpers'
// option names; it stays because a step argument's flag is typed against the helpers its registry entry names
// (flags('bump-image')('app')), not against every helper a multi-helper var passes it to (release-hold, deploy-history).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { runBundle } from '../support/git-repo.js';
import { STEPS } from '../../src/gen/steps.js';
import { HELPERS } from '../../src/gen/helper-flags.js';

/** The flags a helper's --help lists, without deprecated aliases: a step must pass the current name. */
const helpFlags = new Map<string, Set<string>>();
for (const helper of HELPERS) {
  const r = runBundle(helper, ['--help']);
  assert.is(r.code, 0, `${helper} --help`);
  helpFlags.set(helper, new Set([...r.stdout.matchAll(/^\s+(--[a-z][a-z0-9-]*)(?!.*deprecated: the old name)/gm)].map((m) => m[1]!)));
}

test("every registry flag is a flag of one of the step's helpers", () => {
  const wrong: string[] = [];
  for (const step of STEPS) {
    for (const a of step.arguments) {
      if (a.flag === null) continue;
      if (!step.helpers.some((h) => helpFlags.get(h)!.has(a.flag!))) wrong.push(`${step.name}.${a.name}: ${a.flag} (helpers: ${step.helpers.join(', ')})`);
    }
  }
  assert.equal(wrong, []);
});

test('every flag a vars/ script passes to a helper is one that helper takes', () => {
  let checked = 0;
  const wrong: string[] = [];
  for (const step of STEPS) {
    const text = readFileSync(join(ROOT, 'vars', `${step.name}.groovy`), 'utf8');
    for (const m of text.matchAll(/node \.pipewright\/([a-z-]+)\.cjs ([^\n']*)/g)) {
      const helper = m[1]!;
      for (const flag of m[2]!.matchAll(/(?<![A-Za-z0-9_-])--[a-z][a-z0-9-]*/g)) {
        checked++;
        if (!helpFlags.get(helper)?.has(flag[0])) wrong.push(`${step.name}: ${helper} ${flag[0]}`);
      }
    }
  }
  assert.equal(wrong, []);
  assert.ok(checked > 100, `only ${checked} flags found`);
});

test('the credentials a step reads are the ones the helpers read (mapped in the step where the Jenkinsfile binds other names)', () => {
  const text = (name: string) => readFileSync(join(ROOT, 'vars', `${name}.groovy`), 'utf8');
  // bump-image and rollback read GIT_USERNAME/GIT_PASSWORD; the Jenkinsfile binds PW_GIT_USER/PW_GIT_TOKEN.
  for (const name of ['pwBumpManifest', 'pwRollback']) assert.match(text(name), /GIT_PASSWORD=\$PW_GIT_TOKEN/);
  const registry = (name: string) => STEPS.find((s) => s.name === name)!.credentials.flatMap((c) => c.variables);
  assert.ok(registry('pwArgoSync').includes('ARGOCD_TOKEN'));
  assert.ok(registry('pwNotify').includes('SLACK_WEBHOOK_URL'));
});

test.run();
