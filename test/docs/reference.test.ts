// docs/reference.md stays generated from the schema: the check passes on the committed file and fails on a changed schema.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';

const SCRIPT = join(ROOT, 'scripts', 'generated.mjs');
const SCHEMA = join(ROOT, 'schemas', 'pipeline.schema.json');

function generate(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30_000, killSignal: 'SIGKILL' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('docs/reference.md is up to date with the schema', () => {
  const r = generate(['--check']);
  assert.is(r.code, 0, r.stderr);
});

test('a changed schema makes the check fail and say what to run (on a copy of the tree)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-ref-'));
  try {
    for (const path of ['schemas/org-defaults.schema.json', 'docs/reference.md']) cpSync(join(ROOT, path), join(dir, path));
    const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
    schema.definitions.environment.properties.branch.description = 'A description nobody has generated yet.';
    writeFileSync(join(dir, 'schemas', 'pipeline.schema.json'), JSON.stringify(schema));
    const r = generate(['--check', '--root', dir]);
    assert.is(r.code, 1);
    assert.match(r.stderr, /reference\.md out of date.*npm run docs/);
    assert.match(r.stdout, /^\+A description nobody has generated yet\.$/m);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('every property of the schema has a section with its description, default and allowed values', () => {
  const reference = readFileSync(join(ROOT, 'docs', 'reference.md'), 'utf8');
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8'));
  for (const key of Object.keys(schema.properties)) assert.ok(reference.includes(`## \`${key}\`\n`), `top-level key "${key}"`);
  const section = (path: string): string => reference.split(`### \`${path}\`\n`)[1]?.split('\n### ')[0] ?? '';
  const timeout = section('environments.<name>.approval.timeout');
  assert.match(timeout, /- Default: `"24h"`/);
  assert.match(timeout, /- Examples: `"30s"`/);
  const sync = section('environments.<name>.sync');
  assert.match(sync, /manual: operations sync in Argo CD/);
  assert.match(sync, /- Allowed values: `"manual"`, `"auto"`, `"jenkins"`/);
  assert.match(section('image.registry'), /- Type: mapping \(required\)/);
  assert.match(section('custom[].name'), /The stage's name as Jenkins shows it\./);
});

test('the resource profiles are defined in the reference (and the gitops page) exactly as the code defines them', async () => {
  const { RESOURCE_PROFILES } = await import('../../src/helpers/gitops/resource-profiles.js');
  const reference = readFileSync(join(ROOT, 'docs', 'reference.md'), 'utf8');
  const section = reference.split('### `environments.<name>.resources`\n')[1]?.split('\n### ')[0] ?? '';
  const gitops = readFileSync(join(ROOT, 'docs', 'helpers', 'gitops.md'), 'utf8');
  const names = Object.keys(RESOURCE_PROFILES) as Array<keyof typeof RESOURCE_PROFILES>;
  assert.equal(names, ['minimal', 'medium', 'full']);
  for (const name of names) {
    const { requests, limits } = RESOURCE_PROFILES[name];
    const line = `  - \`"${name}"\`: requests cpu ${requests.cpu}, memory ${requests.memory}; limits cpu ${limits.cpu}, memory ${limits.memory}\n`;
    assert.ok(section.includes(line), `reference.md: ${line}`);
    const row = `| ${name} | ${requests.cpu} | ${requests.memory} | ${limits.cpu} | ${limits.memory} |`;
    assert.ok(gitops.includes(row), `docs/helpers/gitops.md: ${row}`);
  }
  const onMismatch = reference.split('### `environments.<name>.onMismatch`\n')[1]?.split('\n### ')[0] ?? '';
  assert.match(onMismatch, /  - `"warn"`: the build turns UNSTABLE/);
  assert.match(onMismatch, /  - `"fail"`: the bump is refused/);
});

test.run();
