// A bumped kustomization renders, through the real `kubectl kustomize`, to the new image.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImage } from '../../src/helpers/gitops/manifest.js';

function render(dir: string): string {
  const r = spawnSync('kubectl', ['kustomize', dir], { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  assert.is(r.status, 0, r.stderr);
  return r.stdout;
}

const MANAGER = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: controller
spec:
  selector: { matchLabels: { app: c } }
  template:
    metadata: { labels: { app: c } }
    spec:
      containers:
      - name: controller
        image: argocd-image-updater-controller
`;

// Hand-written in the shape of argocd-image-updater's config/manager kustomization: resources before apiVersion,
// and an image renamed by newName with a newTag.
const KUSTOMIZATION = `resources:
- manager.yaml
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
images:
- name: argocd-image-updater-controller
  newName: quay.io/argoprojlabs/argocd-image-updater
  newTag: latest
`;

test('argocd-image-updater-shaped kustomization: newTag bumped, rendered image follows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-kustomize-'));
  try {
    const source = KUSTOMIZATION;
    writeFileSync(join(dir, 'manager.yaml'), MANAGER);
    writeFileSync(join(dir, 'kustomization.yaml'), source);
    assert.match(render(dir), 'image: quay.io/argoprojlabs/argocd-image-updater:latest');
    const edit = setImage(
      'kustomization.yaml',
      source,
      'auto',
      { image: 'quay.io/argoprojlabs/argocd-image-updater', container: null, helmKeyPath: null },
      'v0.16.0',
      null,
    );
    writeFileSync(join(dir, 'kustomization.yaml'), edit.content);
    assert.match(render(dir), 'image: quay.io/argoprojlabs/argocd-image-updater:v0.16.0\n');
    // A digest inserted after newTag renders as tag@digest.
    const digest = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';
    const pinned = setImage(
      'kustomization.yaml',
      edit.content,
      'auto',
      { image: 'quay.io/argoprojlabs/argocd-image-updater', container: null, helmKeyPath: null },
      'v0.16.0',
      digest,
    );
    writeFileSync(join(dir, 'kustomization.yaml'), pinned.content);
    assert.match(render(dir), `image: quay.io/argoprojlabs/argocd-image-updater:v0.16.0@${digest}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a kustomization whose entry has no newTag yet gets one, and renders with it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-kustomize-'));
  try {
    writeFileSync(join(dir, 'manager.yaml'), MANAGER);
    writeFileSync(
      join(dir, 'kustomization.yaml'),
      'resources:\n- manager.yaml\nimages:\n- name: argocd-image-updater-controller # the controller\n  newName: ghcr.io/acme/updater',
    );
    const source = readFileSync(join(dir, 'kustomization.yaml'), 'utf8');
    const edit = setImage('kustomization.yaml', source, 'auto', { image: 'ghcr.io/acme/updater', container: null, helmKeyPath: null }, '1.5', null);
    assert.is(
      edit.content,
      'resources:\n- manager.yaml\nimages:\n- name: argocd-image-updater-controller # the controller\n  newName: ghcr.io/acme/updater\n  newTag: "1.5"',
    );
    writeFileSync(join(dir, 'kustomization.yaml'), edit.content);
    assert.match(render(dir), 'image: ghcr.io/acme/updater:1.5\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test.run();
