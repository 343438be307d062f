// docs/plan.md shows the current mermaid plan of the seed example and links the screenshot the Chromium test writes.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';

const doc = readFileSync(join(ROOT, 'docs', 'plan.md'), 'utf8');

test('the mermaid block is the golden mermaid plan of examples/python-service', () => {
  const block = /```mermaid\n([\s\S]*?)```/.exec(doc);
  assert.ok(block, 'docs/plan.md has no mermaid block');
  assert.fixture(block![1]!, readFileSync(join(ROOT, 'test', 'fixtures', 'plan', 'python-service', 'plan.mmd'), 'utf8'));
});

test('the screenshot it links is committed', () => {
  assert.match(doc, /\]\(images\/plan-python-service\.png\)/);
  assert.ok(existsSync(join(ROOT, 'docs', 'images', 'plan-python-service.png')));
});

test.run();
