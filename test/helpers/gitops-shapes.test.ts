// bump-image on the shapes real-world values files showed (tag-only subchart blocks, key paths at non-image scalars, "sha" digest keys, empty values, flow maps), against the cases written by hand beside each fixture.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT } from '../support/cli.js';
import { removeDir, runBundle, tempDir, writeFiles } from '../support/git-repo.js';
import { diffLines, splitLines } from '../../src/core/diff.js';
import { setImage } from '../../src/helpers/gitops/manifest.js';

const DIR = join(ROOT, 'test/fixtures/helpers/manifests');
const NEW = 'sha256:abcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcd';

interface Case {
  title: string;
  file: string;
  image: string;
  keyPath?: string;
  digestKey?: string;
  tag: string | null;
  digest?: string;
  /** Hand-written: the lines removed and added, in file order; or the refusal. */
  removed?: string[];
  added?: string[];
  refused?: { kind: string; message: string };
}

/** The cases written by hand beside each fixture, in <name>.expected.json. */
function fixtureCases(dir: string): Case[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory()) return fixtureCases(join(dir, e.name));
    if (!e.name.endsWith('.expected.json')) return [];
    const base = e.name.slice(0, -'.expected.json'.length);
    const file = readdirSync(dir).find((f) => f === `${base}.yaml` || f === `${base}.yml`);
    assert.ok(file, `${e.name} has no fixture beside it`);
    const { cases } = JSON.parse(readFileSync(join(dir, e.name), 'utf8')) as { cases: Array<Omit<Case, 'file'>> };
    return cases.map((c) => ({ ...c, file: relative(DIR, join(dir, file!)) }));
  });
}

const CASES = fixtureCases(DIR);

test('every manifest fixture has hand-written cases beside it', () => {
  const withCases = new Set(CASES.map((c) => c.file));
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [relative(DIR, join(dir, e.name))] : [],
    );
  assert.equal(
    walk(DIR).filter((f) => !withCases.has(f)),
    [],
  );
});

function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const ops = diffLines(splitLines(before), splitLines(after));
  return { removed: ops.filter((o) => o.kind === 'removed').map((o) => o.line), added: ops.filter((o) => o.kind === 'added').map((o) => o.line) };
}

for (const c of CASES) {
  test(c.title, () => {
    const source = readFileSync(join(DIR, c.file), 'utf8');
    const target = { image: c.image, container: null, helmKeyPath: c.keyPath ?? null, digestKey: c.digestKey ?? null };
    if (c.refused) {
      try {
        setImage(c.file, source, 'auto', target, c.tag, c.digest ?? null);
        assert.unreachable('must be refused');
      } catch (error) {
        assert.instance(error, Error);
        assert.match((error as Error).message, c.refused.message);
        assert.is((error as { details?: { refused?: string } }).details?.refused, c.refused.kind);
      }
      return;
    }
    const edit = setImage(c.file, source, 'auto', target, c.tag, c.digest ?? null);
    assert.equal(changedLines(source, edit.content), { removed: c.removed!, added: c.added! });
    // Bumping again to the same target changes nothing.
    const again = setImage(c.file, edit.content, 'auto', target, c.tag, c.digest ?? null);
    assert.is(again.content, edit.content);
  });
}

test('a "sha" block reports its digest in one form (sha256:<hex>), so rollback and history compare like with like', () => {
  const source = readFileSync(join(DIR, 'helm/sha-digest.values.yaml'), 'utf8');
  const edit = setImage('values.yaml', source, 'helm', { image: 'quay.io/kiwigrid/k8s-sidecar', container: null, helmKeyPath: null }, '1.28.0', null);
  assert.is(edit.changes[0]!.oldDigest, 'sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0');
  assert.is(edit.changes[0]!.path, 'sidecar.image');
});

function withFixtureDir(files: string[], body: (dir: string) => void): void {
  const dir = tempDir();
  try {
    writeFiles(dir, Object.fromEntries(files.map((f) => [f, readFileSync(join(DIR, f), 'utf8')])));
    body(dir);
  } finally {
    removeDir(dir);
  }
}

const base = ['--app', 'orders-api', '--environment', 'dev'];

test('bundle: a refused key path exits 1, names what the path holds, and leaves the file byte-identical', () => {
  withFixtureDir(['helm/subchart-tag-only.values.yaml'], (dir) => {
    const file = 'helm/subchart-tag-only.values.yaml';
    const before = readFileSync(join(dir, file), 'utf8');
    const r = runBundle('bump-image', [
      ...base,
      '--image',
      'ghcr.io/acme/orders-api',
      '--manifest',
      file,
      '--helm-key-path',
      'service.type',
      '--tag',
      '1.2.3-abc1234',
      '--workdir',
      dir,
      '--result',
      join(dir, 'r.json'),
    ]);
    assert.is(r.code, 1, r.stderr);
    assert.match(r.stderr, 'holds the string "ClusterIP"');
    assert.is(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).refused, 'not-an-image');
    assert.is(readFileSync(join(dir, file), 'utf8'), before);
  });
});

test('bundle: --digest-key is a key name, else a usage error', () => {
  assert.is(runBundle('bump-image', [...base, '--image', 'x', '--manifest', 'v.yaml', '--digest', NEW, '--digest-key', 'image.digest']).code, 2);
});

test('message: a digest-only kustomize entry says what it moved from and to, never "null"', () => {
  withFixtureDir(['kustomize/kustomization.yaml'], (dir) => {
    const r = runBundle('bump-image', [
      ...base,
      '--image',
      'alpine',
      '--manifest',
      'kustomize/kustomization.yaml',
      '--digest',
      NEW,
      '--workdir',
      dir,
      '--result',
      join(dir, 'r.json'),
    ]);
    assert.is(r.code, 0, r.stderr);
    const message = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).message as string;
    assert.is(
      message,
      `set alpine sha256:2222222222222222222222222222222222222222222222222222222222222222 -> ${NEW} in 1 place(s) of kustomize/kustomization.yaml (kustomize)`,
    );
  });
});

test('message: invalid YAML names the file, line, column and the reason', () => {
  const dir = tempDir();
  try {
    writeFiles(dir, { 'bad.yaml': 'kind: Pod\nspec: [unclosed\n' });
    const r = runBundle('bump-image', [
      ...base,
      '--image',
      'alpine',
      '--manifest',
      'bad.yaml',
      '--tag',
      '2',
      '--workdir',
      dir,
      '--result',
      join(dir, 'r.json'),
    ]);
    assert.is(r.code, 1);
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    assert.is(result.refused, 'invalid-yaml');
    assert.is(
      result.message,
      'bad.yaml is not valid YAML at line 3, column 1: flow sequence in block collection must be sufficiently indented and end with a ]',
    );
  } finally {
    removeDir(dir);
  }
});

test.run();
