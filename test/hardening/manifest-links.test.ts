// Issue #16 item 1: symbolic links in the manifests repository. Links that leave the clone (absolute or ../../.. folder links, a .pipewright link, a manifest that is itself a link) are refused before anything is read, written or made outside; links inside it are followed; no commit changes a file's mode.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gitSync, removeDir, runBundle, tempDir, writeFiles, type HelperRun } from '../support/git-repo.js';
import type { ReadJson } from '../support/json.js';

const IMAGE = 'ghcr.io/acme/orders-api';
const KUSTOMIZATION = `resources:\n- deployment.yaml\nimages:\n- name: ${IMAGE}\n  newTag: v0\n`;
const MANIFEST = 'apps/orders/kustomization.yaml';

/** Every path under `dir` with its content (or "<link> target", "<dir>"), to prove nothing there changed. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      const rel = relative(dir, full);
      if (entry.isSymbolicLink()) out[rel] = '<link>';
      else if (entry.isDirectory()) {
        out[rel] = '<dir>';
        walk(full);
      } else out[rel] = `${readFileSync(full, 'utf8')} mode ${(statSync(full).mode & 0o777).toString(8)}`;
    }
  };
  walk(dir);
  return out;
}

interface Setup {
  root: string;
  bare: string;
  /** Files outside the repository that no helper may touch. */
  outside: string;
  /** TMPDIR for the helpers, so their clone sits at <root>/tmp/pw-gitops-*\/repo and ../../.. reaches <root>. */
  tmp: string;
}

/** A bare repository seeded from files plus links (path -> target), and an outside folder holding look-alike manifests. */
function setup(files: Record<string, string>, links: Record<string, (s: { root: string; outside: string }) => string>): Setup {
  const root = tempDir('pw-links-');
  const outside = join(root, 'outside');
  writeFiles(outside, { [MANIFEST]: KUSTOMIZATION, 'secret.yaml': `# the agent's private file\n${KUSTOMIZATION}` });
  mkdirSync(join(outside, 'pw'));
  const work = join(root, 'seed');
  writeFiles(work, files);
  for (const [path, target] of Object.entries(links)) {
    mkdirSync(join(work, path, '..'), { recursive: true });
    symlinkSync(target({ root, outside }), join(work, path));
  }
  gitSync(work, ['init', '-q', '-b', 'main']);
  gitSync(work, ['add', '-A']);
  gitSync(work, ['commit', '-q', '-m', 'manifests']);
  const bare = join(root, 'remote.git');
  gitSync(root, ['clone', '-q', '--bare', work, bare]);
  const tmp = join(root, 'tmp');
  mkdirSync(tmp);
  return { root, bare, outside, tmp };
}

function helper(s: Setup, name: string, args: string[]): { run: HelperRun; result: Record<string, ReadJson> } {
  const file = join(s.root, `${name}-result.json`);
  const run = runBundle(name, [...args, '--repo', s.bare, '--branch', 'main', '--app', 'orders-api', '--environment', 'prod', '--result', file], {
    env: { TMPDIR: s.tmp },
  });
  return { run, result: JSON.parse(readFileSync(file, 'utf8')) };
}

const bump = (s: Setup, manifest = MANIFEST) => helper(s, 'bump-image', ['--manifest', manifest, '--image', IMAGE, '--tag', 'v9']);
const head = (s: Setup) => gitSync(s.bare, ['rev-parse', 'main']).trim();

function assertRefusedOutside(s: Setup, r: { run: HelperRun; result: Record<string, ReadJson> }, before: Record<string, string>, headBefore: string): void {
  assert.is(r.run.code, 1, r.run.stderr);
  assert.is(r.result.refused, 'path-outside-repository', JSON.stringify(r.result));
  assert.match(r.result.message, /nothing outside the repository is read or written/);
  assert.equal(snapshot(s.outside), before, 'a file outside the clone changed');
  assert.is(head(s), headBefore, 'something was pushed');
}

const DIR_LINKS: Array<[string, (p: { root: string; outside: string }) => string]> = [
  ['an absolute folder link', ({ outside }) => join(outside, 'apps')],
  ['a ../../.. folder link', () => '../../../outside/apps'],
];

for (const [label, target] of DIR_LINKS) {
  test(`bump-image refuses a manifest behind ${label} out of the clone; the outside file is untouched and nothing is pushed`, () => {
    const s = setup({ 'README.md': 'manifests\n' }, { apps: target });
    try {
      const before = snapshot(s.outside);
      assertRefusedOutside(s, bump(s), before, head(s));
    } finally {
      removeDir(s.root);
    }
  });
}

test('a .pipewright link out of the clone: rollback --automatic and release-hold create and read nothing outside', () => {
  const s = setup({ [MANIFEST]: KUSTOMIZATION }, { '.pipewright': ({ outside }) => join(outside, 'pw') });
  try {
    const before = snapshot(s.outside);
    const headBefore = head(s);
    assertRefusedOutside(s, helper(s, 'rollback', ['--manifest', MANIFEST, '--image', IMAGE, '--automatic', '--to', 'v1', '--force']), before, headBefore);
    assertRefusedOutside(s, helper(s, 'release-hold', []), before, headBefore);
    assertRefusedOutside(s, bump(s), before, headBefore);
  } finally {
    removeDir(s.root);
  }
});

test("a manifest that is itself a link to the agent's file: refused, so that file's content is never committed", () => {
  const s = setup({ 'apps/orders/deployment.yaml': 'kind: Deployment\n' }, { [MANIFEST]: ({ outside }) => join(outside, 'secret.yaml') });
  try {
    const before = snapshot(s.outside);
    const headBefore = head(s);
    assertRefusedOutside(s, bump(s), before, headBefore);
    assert.match(gitSync(s.bare, ['ls-tree', 'main', MANIFEST]), /^120000 /);
  } finally {
    removeDir(s.root);
  }
});

test('a link that stays inside the clone is followed: its target is edited, the link stays a link (mode 120000)', () => {
  const s = setup({ 'shared/kustomization.yaml': KUSTOMIZATION }, { [MANIFEST]: () => '../../shared/kustomization.yaml' });
  try {
    const before = snapshot(s.outside);
    const r = bump(s);
    assert.is(r.run.code, 0, r.run.stderr);
    assert.is(r.result.pushed, true);
    assert.match(gitSync(s.bare, ['show', 'main:shared/kustomization.yaml']), /newTag: v9/);
    assert.match(gitSync(s.bare, ['ls-tree', 'main', MANIFEST]), /^120000 /);
    assert.equal(gitSync(s.bare, ['show', '--format=', '--name-only', 'main']).trim().split('\n'), ['shared/kustomization.yaml']);
    assert.equal(snapshot(s.outside), before);
  } finally {
    removeDir(s.root);
  }
});

test('an executable manifest keeps its mode (100755): an edit never commits a mode change', () => {
  const root = tempDir('pw-links-mode-');
  try {
    const work = join(root, 'seed');
    writeFiles(work, { [MANIFEST]: KUSTOMIZATION });
    chmodSync(join(work, MANIFEST), 0o755);
    gitSync(work, ['init', '-q', '-b', 'main']);
    gitSync(work, ['add', '-A']);
    gitSync(work, ['commit', '-q', '-m', 'manifests']);
    const s: Setup = { root, bare: join(root, 'remote.git'), outside: join(root, 'tmp'), tmp: join(root, 'tmp') };
    gitSync(root, ['clone', '-q', '--bare', work, s.bare]);
    mkdirSync(s.tmp);
    const r = bump(s);
    assert.is(r.run.code, 0, r.run.stderr);
    assert.match(gitSync(s.bare, ['show', `main:${MANIFEST}`]), /newTag: v9/);
    assert.match(gitSync(s.bare, ['ls-tree', 'main', MANIFEST]), /^100755 /);
  } finally {
    removeDir(root);
  }
});

test('--workdir (no repository): a folder link out of the workdir is refused the same way', () => {
  const root = tempDir('pw-links-workdir-');
  try {
    const outside = join(root, 'outside');
    writeFiles(outside, { 'orders/kustomization.yaml': KUSTOMIZATION });
    const workdir = join(root, 'work');
    mkdirSync(join(workdir, 'apps'), { recursive: true });
    symlinkSync(join(outside, 'orders'), join(workdir, 'apps', 'orders'));
    const before = snapshot(outside);
    const result = join(root, 'result.json');
    const run = runBundle('bump-image', [
      '--manifest',
      MANIFEST,
      '--image',
      IMAGE,
      '--tag',
      'v9',
      '--workdir',
      workdir,
      '--app',
      'orders-api',
      '--environment',
      'prod',
      '--result',
      result,
    ]);
    assert.is(run.code, 1, run.stderr);
    assert.is(JSON.parse(readFileSync(result, 'utf8')).refused, 'path-outside-repository');
    assert.equal(snapshot(outside), before);
  } finally {
    removeDir(root);
  }
});

test.run();
