// Property: every bump of every manifest, kustomization and values fixture changes only the named image's lines (plus at most one inserted key line per value that had no key, in that image's own block), keeps every other byte, and still parses; every refusal leaves the file byte-identical.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node } from 'yaml';
import { ROOT } from '../support/cli.js';
import { removeDir, tempDir } from '../support/git-repo.js';
import { diffLines, splitLines } from '../../src/core/diff.js';
import { bumpEdit, type BumpRequest } from '../../src/helpers/gitops/bump.js';
import { parseImageRef, sameImageName } from '../../src/helpers/gitops/image-ref.js';
import type { ManifestFormat } from '../../src/helpers/gitops/occurrence.js';
import { HelperFailure } from '../../src/helpers/shared/cli.js';

const DIR = join(ROOT, 'test/fixtures/helpers/manifests');
const TAG = '9.9.9-prop1';
const DIGEST = 'sha256:9876543210fedcba9876543210fedcba9876543210fedcba9876543210fedcba';
const VERSIONS: Array<{ tag: string | null; digest: string | null }> = [
  { tag: TAG, digest: null },
  { tag: null, digest: DIGEST },
  { tag: TAG, digest: DIGEST },
];

function fixtures(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? fixtures(join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

function parse(text: string): Document[] {
  const docs = parseAllDocuments(text, { version: '1.2', uniqueKeys: false });
  return (Array.isArray(docs) ? docs : [docs]) as Document[];
}

/** Every image name the file could be asked about: image strings, kustomize names, Helm repositories (with their registry). */
function candidateImages(docs: Document[]): string[] {
  const names = new Set<string>(['ghcr.io/acme/not-here']);
  const walk = (node: unknown): void => {
    if (isMap(node)) {
      const registry = node.get('registry');
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? String(pair.key.value) : '';
        const value = isScalar(pair.value) && typeof pair.value.value === 'string' ? pair.value.value : null;
        if (value && ['image', 'name', 'newName', 'repository'].includes(key)) {
          const ref = parseImageRef(value);
          if (ref) names.add(ref.name);
          if (key === 'repository' && typeof registry === 'string') names.add(`${registry}/${value}`);
        }
        walk(pair.value);
      }
    } else if (isSeq(node)) node.items.forEach(walk);
  };
  docs.forEach((d) => walk(d.contents));
  return [...names];
}

/** Every dotted key path to a map or scalar, for --helm-key-path. */
function keyPaths(docs: Document[]): string[] {
  const out: string[] = [];
  const walk = (node: unknown, path: string[]): void => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const next = [...path, String(pair.key.value)];
      out.push(next.join('.'));
      walk(pair.value, next);
    }
  };
  docs.forEach((d) => walk(d.contents, []));
  return out;
}

/** The node at a reported path such as "spec.containers[1].image", "images[0]", "sidecar.image" or "" (the root). */
function nodeAt(doc: Document, path: string): Node {
  const parts =
    path === ''
      ? []
      : path.split('.').flatMap((p) =>
          p
            .split(/\[(\d+)\]/)
            .filter(Boolean)
            .map((s, i) => (i > 0 || (/^\d+$/.test(s) && p.startsWith('[')) ? Number(s) : s)),
        );
  const node = parts.length === 0 ? doc.contents : doc.getIn(parts, true);
  assert.ok(node && typeof node === 'object' && 'range' in node, `no node at "${path}"`);
  return node as Node;
}

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length - 1;

interface Region {
  start: number;
  end: number;
  node: Node;
}

function regionOf(source: string, node: Node): Region {
  const [from, valueEnd] = node.range!;
  // A block map's range runs to the start of the line after it; its last line is the one before.
  const end = Math.max(lineOf(source, from), lineOf(source, Math.max(from, valueEnd - 1)));
  return { start: lineOf(source, from), end, node };
}

const keyColumn = (line: string): number => line.length - line.replace(/^[ -]*/, '').length;
const hasKey = (lines: string[], keys: RegExp): boolean => lines.some((l) => keys.test(l));

function checkBump(
  file: string,
  format: ManifestFormat,
  source: string,
  after: string,
  req: BumpRequest,
  changes: Array<{ path: string; document: number }>,
): void {
  const context = `${file} ${req.target.image} ${req.target.helmKeyPath ?? ''} tag=${req.tag} digest=${req.digest ? 'yes' : 'no'} key=${req.target.digestKey ?? ''}`;
  // Still parses, into as many documents.
  const afterDocs = parse(after);
  assert.equal(
    afterDocs.flatMap((d) => d.errors.map((e) => e.message)),
    [],
    context,
  );
  const beforeDocs = parse(source);
  assert.is(afterDocs.length, beforeDocs.length, context);
  assert.is(after.endsWith('\n'), source.endsWith('\n'), `final newline kept: ${context}`);
  const before = splitLines(source);
  const regions = changes.map((c) => regionOf(source, nodeAt(beforeDocs[c.document]!, c.path)));
  // Walk the line diff: every removed line and every insertion point must fall in one of the image's regions.
  const removedIn = new Map<Region, string[]>();
  const addedIn = new Map<Region, string[]>();
  let index = 0;
  for (const op of diffLines(before, splitLines(after))) {
    if (op.kind === 'same') {
      index++;
      continue;
    }
    const region = regions.find((r) => (op.kind === 'removed' ? index >= r.start && index <= r.end : index >= r.start + 1 && index <= r.end + 1));
    assert.ok(region, `line ${index + 1} (${JSON.stringify(op.line)}) is outside the image's lines: ${context}`);
    (op.kind === 'removed' ? removedIn : addedIn).set(region!, [...((op.kind === 'removed' ? removedIn : addedIn).get(region!) ?? []), op.line]);
    if (op.kind === 'removed') index++;
  }
  for (const region of regions) {
    const own = before.slice(region.start, region.end + 1);
    const removed = removedIn.get(region) ?? [];
    const added = addedIn.get(region) ?? [];
    // At most one inserted key line per requested value whose key the block lacks, at the block's own indentation.
    const tagKey = /^\s*(-\s+)?(tag|newTag)\s*:/;
    const digestKey = /^\s*(-\s+)?(digest|sha)\s*:|:\s*["']?sha256:[0-9a-f]{64}/;
    const allowed =
      (req.tag !== null && isMap(region.node) && !hasKey(own, tagKey) ? 1 : 0) + (req.digest !== null && isMap(region.node) && !hasKey(own, digestKey) ? 1 : 0);
    assert.ok(added.length - removed.length <= allowed, `${added.length - removed.length} lines inserted, ${allowed} allowed: ${context}`);
    if (added.length > removed.length) {
      const column = keyColumn(own.find((l) => /:/.test(l) && !/^\s*#/.test(l))!);
      for (const line of added) assert.is(line.length - line.trimStart().length, column, `inserted line joins the block: ${context}`);
    }
    // A comment on a changed line survives (a removed line is a stale digest giving way, with nothing to keep).
    for (const line of removed) {
      const comment = / #.*$/.exec(line)?.[0];
      if (comment && !/^\s*(-\s+)?digest:/.test(line))
        assert.ok(
          added.some((a) => a.endsWith(comment)),
          `comment kept: ${line} (${context})`,
        );
    }
  }
  // The new values read back from the bumped file at the reported places.
  for (const c of changes) {
    const node = nodeAt(afterDocs[c.document]!, c.path);
    if (isScalar(node)) {
      const ref = parseImageRef(String(node.value));
      assert.ok(ref && sameImageName(ref.name, req.target.image), `the changed string names the image: ${context}`);
      if (req.tag) assert.is(ref!.tag, req.tag, context);
      assert.is(ref!.digest, req.digest, context);
    } else if (isMap(node)) {
      const tagKey = format === 'kustomize' ? 'newTag' : 'tag';
      if (req.tag) assert.is(String(node.get(tagKey)), req.tag, context);
      const digests = node.items
        .filter(isPair)
        .map((p) => String((p.value as { value?: unknown } | null)?.value ?? ''))
        .filter((v) => v === DIGEST || v === DIGEST.slice(7));
      assert.is(digests.length, req.digest ? 1 : 0, `the digest is set once, or no stale one is left: ${context}`);
    } else assert.unreachable(`unexpected node at ${c.path}`);
  }
}

test("every bump of every fixture changes only the image's lines and still parses; every refusal leaves the file byte-identical", async () => {
  const root = tempDir();
  let bumps = 0;
  let refusals = 0;
  try {
    for (const path of fixtures(DIR)) {
      const file = relative(DIR, path);
      const format = file.split('/')[0] as ManifestFormat;
      const source = readFileSync(path, 'utf8');
      const docs = parse(source);
      const paths = format === 'helm' ? [null, ...keyPaths(docs)] : [null];
      const digestKeys = format === 'helm' ? [null, 'digest', 'sha'] : [null];
      const target = join(root, file);
      mkdirSync(dirname(target), { recursive: true });
      for (const image of candidateImages(docs)) {
        for (const helmKeyPath of paths) {
          for (const version of VERSIONS) {
            for (const digestKey of version.digest ? digestKeys : [null]) {
              writeFileSync(target, source);
              const req: BumpRequest = {
                app: 'app',
                env: 'dev',
                manifest: file,
                format,
                target: { image, container: null, helmKeyPath, digestKey },
                ...version,
                buildUrl: null,
                force: false,
                dryRun: false,
                expect: { strategy: null, replicas: null, resources: null },
                onMismatch: 'warn',
              };
              let outcome;
              try {
                outcome = await bumpEdit(root, req);
              } catch (error) {
                // A refusal is a helper failure (exit 1), never an internal error, and writes nothing.
                assert.instance(error, HelperFailure, `${file} ${image} ${helmKeyPath}: ${(error as Error).stack}`);
                assert.is(readFileSync(target, 'utf8'), source, `refused, yet changed: ${file} ${image} ${helmKeyPath}`);
                refusals++;
                continue;
              }
              const after = readFileSync(target, 'utf8');
              if (!outcome.value.changed) {
                assert.is(after, source);
                continue;
              }
              bumps++;
              checkBump(file, format, source, after, req, outcome.value.changes);
            }
          }
        }
      }
    }
  } finally {
    removeDir(root);
  }
  // The fixtures hold many images and many non-image paths: both sides of the property must be exercised.
  assert.ok(bumps >= 50, `${bumps} bumps`);
  assert.ok(refusals >= 50, `${refusals} refusals`);
});

test.run();
