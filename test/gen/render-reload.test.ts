// gen's render pass loads each config again: with fewer checks when its text is the one linted clean (loadChecked), to the same model and the same Jenkinsfile.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadChecked, loadFile } from '../../src/config/load.js';
import { lintForGen, renderForGen } from '../../src/cli/gen-config.js';
import { goldenCases } from './support.js';
import { writeFleet } from '../../scripts/bench/fleet.mjs';

test('every example, golden and fleet config loads to the same model through loadChecked as through loadFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-reload-'));
  try {
    const configs = [...goldenCases().map((c) => c.config), ...writeFleet(dir, 24)];
    assert.ok(configs.length >= 35, `${configs.length} configs`);
    for (const config of configs) {
      const loaded = loadFile(config);
      if (!loaded.model || loaded.org?.org) continue;
      assert.equal(loadChecked(readFileSync(config, 'utf8'), config), loaded.model, config);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a config changed between the lint and the render pass is loaded in full: its new text rendered, or the change refused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-reload-'));
  try {
    const [config] = writeFleet(dir, 1) as [string];
    const target = join(dir, 'Jenkinsfile');
    const before = readFileSync(config, 'utf8');
    assert.equal(lintForGen(config, null).diagnostics, []);
    const same = renderForGen(config, target).text;
    // Linted again, then changed to another valid app name: the render follows the file.
    assert.equal(lintForGen(config, null).diagnostics, []);
    const app = /^app: (.*)$/m.exec(before)![1]!;
    writeFileSync(config, before.replace(`app: ${app}`, 'app: renamed-app'));
    const renamed = renderForGen(config, target).text;
    assert.ok(renamed.includes('renamed-app') && !same.includes('renamed-app'));
    // Linted clean, then broken: refused as before, never rendered from the checks that passed.
    writeFileSync(config, before);
    assert.equal(lintForGen(config, null).diagnostics, []);
    writeFileSync(config, `${before}\n\tbroken: [`);
    assert.throws(() => renderForGen(config, target), /changed while pipewright gen was running/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
