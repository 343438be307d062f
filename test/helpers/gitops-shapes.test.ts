// bump-image on the shapes real-world values files showed (tag-only subchart blocks, key paths at non-image scalars, "sha" digest keys, empty values), with the changed lines written by hand.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/cli.js';
import { removeDir, runBundle, tempDir, writeFiles } from '../support/git-repo.js';
import { diffLines, splitLines } from '../../src/helpers/gitops/diff.js';
import { setImage } from '../../src/helpers/gitops/manifest.js';

const DIR = join(ROOT, 'test/fixtures/helpers/manifests');
const NEW = 'sha256:abcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcdefabcd';
const NEW_HEX = NEW.slice('sha256:'.length);

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

const CASES: Case[] = [
  // Helm key paths.
  { title: 'a key path at a tag-only map sets its tag and keeps the comment', file: 'helm/subchart-tag-only.values.yaml', image: 'docker.io/bitnami/wordpress', keyPath: 'wordpress.image', tag: '1.2.3-abc1234',
    removed: ['    tag: invalid  # set by the pipeline'], added: ['    tag: 1.2.3-abc1234  # set by the pipeline'] },
  { title: 'a key path at the tag scalar itself is refused, pointing at the block', file: 'helm/subchart-tag-only.values.yaml', image: 'docker.io/bitnami/wordpress', keyPath: 'wordpress.image.tag', tag: '1.2.3-abc1234',
    refused: { kind: 'not-an-image', message: '--helm-key-path "wordpress.image.tag" holds the string "invalid", not an image of "docker.io/bitnami/wordpress"; to set this tag, give the path of the block holding it ("wordpress.image")' } },
  { title: 'a key path at a non-image scalar is refused, saying what it holds', file: 'helm/subchart-tag-only.values.yaml', image: 'ghcr.io/acme/orders-api', keyPath: 'service.type', tag: '1.2.3-abc1234',
    refused: { kind: 'not-an-image', message: '--helm-key-path "service.type" holds the string "ClusterIP", not an image of "ghcr.io/acme/orders-api"' } },
  { title: 'a key path at a number is refused', file: 'helm/subchart-tag-only.values.yaml', image: 'ghcr.io/acme/orders-api', keyPath: 'service.port', tag: '2',
    refused: { kind: 'not-an-image', message: 'holds the number 80' } },
  { title: 'a key path at a list is refused', file: 'helm/subchart-tag-only.values.yaml', image: 'ghcr.io/acme/orders-api', keyPath: 'plugins', tag: '2',
    refused: { kind: 'not-an-image', message: 'holds a list' } },
  { title: 'a key path at a map that is no image block is refused, naming its keys', file: 'helm/subchart-tag-only.values.yaml', image: 'ghcr.io/acme/orders-api', keyPath: 'service', tag: '2',
    refused: { kind: 'not-an-image', message: 'holds a map without "repository", "tag" or a digest key (its keys: type, port)' } },
  { title: 'a key path at an image string naming --image keeps working', file: 'helm/subchart-tag-only.values.yaml', image: 'ghcr.io/acme/worker', keyPath: 'worker.image', tag: '1.1.0',
    removed: ['  image: ghcr.io/acme/worker:1.0.0 # the queue worker'], added: ['  image: ghcr.io/acme/worker:1.1.0 # the queue worker'] },
  { title: 'a key path at an image string of another image is refused', file: 'helm/subchart-tag-only.values.yaml', image: 'ghcr.io/acme/orders-api', keyPath: 'worker.image', tag: '1.1.0',
    refused: { kind: 'not-an-image', message: 'holds the image "ghcr.io/acme/worker:1.0.0", not an image of "ghcr.io/acme/orders-api"' } },
  { title: 'a key path at a map holding an image string points at the string', file: 'helm/subchart-tag-only.values.yaml', image: 'ghcr.io/acme/worker', keyPath: 'worker', tag: '1.1.0',
    refused: { kind: 'not-an-image', message: 'holds a map whose "image" is the image string "ghcr.io/acme/worker:1.0.0", not an image of "ghcr.io/acme/worker"; give --helm-key-path "worker.image"' } },
  { title: 'a key path at a block whose repository contradicts --image is refused, naming it', file: 'helm/subchart-tag-only.values.yaml', image: 'ghcr.io/acme/wordpress', keyPath: 'mirror.image', tag: '6.6.0',
    refused: { kind: 'not-an-image', message: 'holds an image block for "docker.io/bitnami/wordpress", not an image of "ghcr.io/acme/wordpress"; check --image and --helm-key-path' } },
  { title: 'a key path at a block whose repository is --image bumps it', file: 'helm/subchart-tag-only.values.yaml', image: 'bitnami/wordpress', keyPath: 'mirror.image', tag: '6.6.0-debian-12-r0',
    removed: ['    tag: 6.5.0-debian-12-r1'], added: ['    tag: 6.6.0-debian-12-r0'] },
  // Digest keys.
  { title: '"sha": --digest writes the bare hex into sha (the chart adds "@sha256:") and adds no digest key', file: 'helm/sha-digest.values.yaml', image: 'docker.io/grafana/grafana', tag: '11.1.0', digest: NEW,
    removed: ['  tag: ""', '  sha: ""'], added: ['  tag: "11.1.0"', `  sha: "${NEW_HEX}"`] },
  { title: '"sha" without an old digest: a tag-only bump changes the tag alone', file: 'helm/sha-digest.values.yaml', image: 'docker.io/grafana/grafana', tag: '11.1.0',
    removed: ['  tag: ""'], added: ['  tag: "11.1.0"'] },
  { title: '"sha" with an old digest: a tag-only bump clears it, or the old image keeps running', file: 'helm/sha-digest.values.yaml', image: 'quay.io/kiwigrid/k8s-sidecar', tag: '1.28.0',
    removed: ['    tag: 1.27.4', '    sha: 0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0'], added: ['    tag: 1.28.0', '    sha: ""'] },
  { title: '"sha" with an old digest: --digest replaces it, still bare', file: 'helm/sha-digest.values.yaml', image: 'quay.io/kiwigrid/k8s-sidecar', tag: null, digest: NEW,
    removed: ['    sha: 0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0'], added: [`    sha: ${NEW_HEX}`] },
  { title: 'a key of another name holding a sha256: digest is the digest key', file: 'helm/sha-digest.values.yaml', image: 'ghcr.io/acme/downloader', tag: '2.2.0',
    removed: ['    tag: 2.1.0', '    imageDigest: sha256:1111111111111111111111111111111111111111111111111111111111111111'], added: ['    tag: 2.2.0', '    imageDigest: ""'] },
  { title: 'a key path at a digest-only map: --tag adds the tag after the digest and clears it', file: 'helm/sha-digest.values.yaml', image: 'ghcr.io/acme/exporter', keyPath: 'exporter.image', tag: '0.9.0',
    removed: ['    digest: sha256:5555555555555555555555555555555555555555555555555555555555555555'], added: ['    digest: ""', '    tag: 0.9.0'] },
  { title: '--digest on a block with no digest key is refused', file: 'helm/no-digest-key.values.yaml', image: 'ghcr.io/acme/orders-api', tag: '1.1.0', digest: NEW,
    refused: { kind: 'digest-key', message: 'the image block has no digest key ("digest", "sha" or one holding a sha256: digest), so the chart reads none; give --digest-key KEY to add one' } },
  { title: '--digest-key digest adds that key after the tag', file: 'helm/no-digest-key.values.yaml', image: 'ghcr.io/acme/orders-api', tag: '1.1.0', digest: NEW, digestKey: 'digest',
    removed: ['  tag: "1.0.0" # set by Jenkins'], added: ['  tag: "1.1.0" # set by Jenkins', `  digest: ${NEW}`] },
  { title: '--digest-key sha adds the bare hex', file: 'helm/no-digest-key.values.yaml', image: 'ghcr.io/acme/orders-api', tag: null, digest: NEW, digestKey: 'sha',
    removed: [], added: [`  sha: ${NEW_HEX}`] },
  { title: '--digest-key naming another key than the block uses is refused', file: 'helm/sha-digest.values.yaml', image: 'docker.io/grafana/grafana', tag: null, digest: NEW, digestKey: 'digest',
    refused: { kind: 'digest-key', message: 'the image block already keeps its digest under "sha", not "digest"' } },
  // Flow maps: a key is added inside the braces, on the same line.
  { title: 'a flow-style block gets its digest key inside the braces', file: 'helm/flow-and-global.values.yaml', image: 'registry.acme.internal/acme/api', tag: '3.2.0', digest: NEW, digestKey: 'digest',
    removed: ['  image: { repository: acme/api, tag: "3.1.0" }'], added: [`  image: { repository: acme/api, tag: "3.2.0", digest: ${NEW} }`] },
  { title: 'kustomize: a flow-style entry gets its digest inside the braces', file: 'kustomize/flow-entries.kustomization.yaml', image: 'ghcr.io/acme/orders-api', tag: null, digest: NEW,
    removed: ['  - { name: ghcr.io/acme/orders-api, newTag: 1.0.0 }'], added: [`  - { name: ghcr.io/acme/orders-api, newTag: 1.0.0, digest: ${NEW} }`] },
  { title: 'the chart-wide registry names a block without its own', file: 'helm/flow-and-global.values.yaml', image: 'registry.acme.internal/acme/ui', tag: '3.2.0',
    removed: ['    tag: 3.1.0'], added: ['    tag: 3.2.0'] },
  // Empty values ("tag:"), CRLF and no final newline.
  { title: 'empty tag and digest values are set in place, the comment kept, CRLF kept', file: 'helm/empty-values-crlf.values.yaml', image: 'ghcr.io/acme/orders-api', tag: '1.1.0', digest: NEW,
    removed: ['  tag:\r', '  digest:   # none yet\r'], added: ['  tag: 1.1.0\r', `  digest:   ${NEW} # none yet\r`] },
  // Kustomize.
  { title: 'kustomize: a digest-only entry gets a new digest', file: 'kustomize/kustomization.yaml', image: 'alpine', tag: null, digest: NEW,
    removed: ['    digest: sha256:2222222222222222222222222222222222222222222222222222222222222222'], added: [`    digest: ${NEW}`] },
  { title: 'kustomize: an empty newTag is set in place, not added twice', file: 'kustomize/kustomization.yaml', image: 'redis', tag: '7.4',
    removed: ['    newTag:'], added: ['    newTag: "7.4"'] },
  { title: 'kustomize: an entry renamed by newName gets newTag after it', file: 'kustomize/kustomization.yaml', image: 'ghcr.io/acme/worker', tag: '2.0.1',
    removed: [], added: ['    newTag: 2.0.1'] },
  // Plain manifests.
  { title: 'plain: every container of the image in every document, comments and quoting kept', file: 'plain/deployment.yaml', image: 'ghcr.io/acme/orders-api', tag: '1.1.0',
    removed: ['          image: ghcr.io/acme/orders-api:1.0.0 # runs the migrations', '          image: "ghcr.io/acme/orders-api:1.0.0"', "              image: 'ghcr.io/acme/orders-api:1.0.0'"],
    added: ['          image: ghcr.io/acme/orders-api:1.1.0 # runs the migrations', '          image: "ghcr.io/acme/orders-api:1.1.0"', "              image: 'ghcr.io/acme/orders-api:1.1.0'"] },
  { title: 'plain: a tag-only bump drops the stale digest', file: 'plain/deployment.yaml', image: 'redis', tag: '7.4',
    removed: ['          image: redis:7.2@sha256:3333333333333333333333333333333333333333333333333333333333333333'], added: ['          image: redis:7.4'] },
];

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

const base = ['--app', 'orders-api', '--env', 'dev'];

test('bundle: a refused key path exits 1, names what the path holds, and leaves the file byte-identical', () => {
  withFixtureDir(['helm/subchart-tag-only.values.yaml'], (dir) => {
    const file = 'helm/subchart-tag-only.values.yaml';
    const before = readFileSync(join(dir, file), 'utf8');
    const r = runBundle('bump-image', [...base, '--image', 'ghcr.io/acme/orders-api', '--manifest', file, '--helm-key-path', 'service.type', '--tag', '1.2.3-abc1234', '--workdir', dir, '--result', join(dir, 'r.json')]);
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
    const r = runBundle('bump-image', [...base, '--image', 'alpine', '--manifest', 'kustomize/kustomization.yaml', '--digest', NEW, '--workdir', dir, '--result', join(dir, 'r.json')]);
    assert.is(r.code, 0, r.stderr);
    const message = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')).message as string;
    assert.is(message, `set alpine sha256:2222222222222222222222222222222222222222222222222222222222222222 -> ${NEW} in 1 place(s) of kustomize/kustomization.yaml (kustomize)`);
  });
});

test('message: invalid YAML names the file, line, column and the reason', () => {
  const dir = tempDir();
  try {
    writeFiles(dir, { 'bad.yaml': 'kind: Pod\nspec: [unclosed\n' });
    const r = runBundle('bump-image', [...base, '--image', 'alpine', '--manifest', 'bad.yaml', '--tag', '2', '--workdir', dir, '--result', join(dir, 'r.json')]);
    assert.is(r.code, 1);
    const result = JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8'));
    assert.is(result.refused, 'invalid-yaml');
    assert.is(result.message, 'bad.yaml is not valid YAML at line 3, column 1: flow sequence in block collection must be sufficiently indented and end with a ]');
  } finally {
    removeDir(dir);
  }
});

test.run();
