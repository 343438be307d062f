// Bumps an image in every corpus manifest, kustomization and values file that names one; the expected changed lines are written by hand below.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CORPUS } from '../support/cli.js';
import { diffLines, splitLines } from '../../src/core/diff.js';
import { setImage, type FormatChoice } from '../../src/helpers/gitops/manifest.js';

interface Case {
  file: string;
  image: string;
  tag: string | null;
  digest?: string;
  container?: string;
  format?: FormatChoice;
  helmKeyPath?: string;
  /** Hand-written: the lines the bump removes and adds, in file order. */
  removed: string[];
  added: string[];
  paths?: string[];
}

const NEW_DIGEST = 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef';

const CASES: Case[] = [
  // k8s/
  {
    file: 'k8s/argocd-image-updater_004-multi-images-public_deployment.yaml',
    image: 'docker.io/library/nginx',
    tag: '1.19.0',
    removed: ['        image: nginx:1.17.0'],
    added: ['        image: nginx:1.19.0'],
  },
  {
    file: 'k8s/argocd-image-updater_004-multi-images_deployment.yaml',
    image: '10.42.0.1:30000/test-image',
    tag: '1.1.0',
    removed: ['        image: 10.42.0.1:30000/test-image:1.0.0'],
    added: ['        image: 10.42.0.1:30000/test-image:1.1.0'],
  },
  {
    file: 'k8s/flux-iac_replace_commented_deployment.yaml',
    image: 'used',
    tag: 'v1.1.0',
    removed: ['        image: used:v1.0.0 # the comment must stay!'],
    added: ['        image: used:v1.1.0 # the comment must stay!'],
  },
  {
    file: 'k8s/flux-iac_replace_commented-expected_deployment.yaml',
    image: 'used',
    tag: 'v1.2.0',
    removed: ['          image: used:v1.1.0 # the comment must stay!'],
    added: ['          image: used:v1.2.0 # the comment must stay!'],
  },
  {
    file: 'k8s/jenkins-zero-to-hero_spring-boot-app-manifests_deployment.yml',
    image: 'abhishekf5/ultimate-cicd',
    tag: '42',
    removed: ['        image: abhishekf5/ultimate-cicd:replaceImageTag'],
    added: ['        image: abhishekf5/ultimate-cicd:42'],
  },
  {
    file: 'k8s/k8s-examples_azure-disk-pod_CRLF.yaml',
    image: 'library/nginx',
    tag: '1.27.0',
    removed: ['  - image: nginx\r'],
    added: ['  - image: nginx:1.27.0\r'],
  },
  {
    file: 'k8s/k8s-examples_cassandra-statefulset.yaml',
    image: 'gcr.io/google-samples/cassandra',
    tag: 'v15',
    removed: ['        image: gcr.io/google-samples/cassandra:v14'],
    added: ['        image: gcr.io/google-samples/cassandra:v15'],
  },
  {
    file: 'k8s/k8s-examples_cockroachdb-statefulset.yaml',
    image: 'cockroachdb/cockroach',
    tag: 'v1.1.9',
    removed: ['        image: cockroachdb/cockroach:v1.1.0'],
    added: ['        image: cockroachdb/cockroach:v1.1.9'],
  },
  {
    file: 'k8s/k8s-examples_guestbook-all-in-one.yaml',
    image: 'registry.k8s.io/redis',
    tag: 'e2e-2',
    removed: ['        image: registry.k8s.io/redis:e2e  # or just image: redis'],
    added: ['        image: registry.k8s.io/redis:e2e-2  # or just image: redis'],
  },
  {
    file: 'k8s/k8s-examples_guestbook-all-in-one.yaml',
    image: 'gcr.io/google-samples/gb-frontend',
    tag: 'v6',
    removed: ['        image: gcr.io/google-samples/gb-frontend:v5'],
    added: ['        image: gcr.io/google-samples/gb-frontend:v6'],
  },
  {
    file: 'k8s/k8s-examples_guestbook-go_redis-master-rc.yaml',
    image: 'docker.io/library/redis',
    tag: '7.4',
    removed: ['        image: redis:7.2'],
    added: ['        image: redis:7.4'],
  },
  {
    file: 'k8s/k8s-examples_javaweb-pod-initcontainer.yaml',
    image: 'resouer/sample',
    tag: 'v2',
    removed: ['    - image: resouer/sample:v1'],
    added: ['    - image: resouer/sample:v2'],
  },
  {
    file: 'k8s/kube-prometheus_blackboxExporter-deployment.yaml',
    image: 'quay.io/brancz/kube-rbac-proxy',
    tag: 'v0.23.0',
    removed: ['        image: quay.io/brancz/kube-rbac-proxy:v0.22.1'],
    added: ['        image: quay.io/brancz/kube-rbac-proxy:v0.23.0'],
  },
  {
    file: 'k8s/kube-prometheus_prometheus-CR.yaml',
    image: 'quay.io/prometheus/prometheus',
    tag: 'v3.14.0',
    removed: ['  image: quay.io/prometheus/prometheus:v3.13.2'],
    added: ['  image: quay.io/prometheus/prometheus:v3.14.0'],
  },
  {
    file: 'k8s/kustomize-docs_images-md_example-build-output.yaml',
    image: 'alpine',
    tag: '3.20',
    digest: NEW_DIGEST,
    removed: ['      - image: alpine@sha256:24a0c4b4a4c0eb97a1aabb8e29f18e917d05abfe1b7a7c07857230879ce7d3d3'],
    added: ['      - image: alpine:3.20@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
  },
  {
    file: 'k8s/kustomize-docs_images-md_example-deployment.yaml',
    image: 'my-demo-app',
    tag: 'v2',
    removed: ['        image: my-demo-app:latest'],
    added: ['        image: my-demo-app:v2'],
  },
  {
    file: 'k8s/kustomize-examples_image-md_pod.yaml',
    image: 'busybox',
    tag: '1.36.1',
    removed: ['    image: busybox:1.29.0', '    image: busybox:1.29.0'],
    added: ['    image: busybox:1.36.1', '    image: busybox:1.36.1'],
    paths: ['spec.containers[0].image', 'spec.initContainers[0].image'],
  },
  {
    file: 'k8s/kustomize-examples_image-md_pod.yaml',
    image: 'busybox',
    tag: '1.36.1',
    container: 'init-mydb',
    removed: ['    image: busybox:1.29.0'],
    added: ['    image: busybox:1.36.1'],
    paths: ['spec.initContainers[0].image'],
  },
  {
    file: 'k8s/kustomize_examples_transformerconfigs_images_resources.yaml',
    image: 'alpine',
    tag: '3.20',
    removed: ['        image: alpine:1.8.0'],
    added: ['        image: alpine:3.20'],
  },
  {
    file: 'k8s/kustomize_examples_transformerconfigs_images_resources.yaml',
    image: 'my-mysql',
    tag: 'v4',
    removed: ['    - image: my-mysql'],
    added: ['    - image: my-mysql:v4'],
  },
  {
    file: 'k8s/microservices-demo_frontend.yaml',
    image: 'frontend',
    tag: 'v0.10.1',
    removed: ['          image: frontend'],
    added: ['          image: frontend:v0.10.1'],
  },
  {
    file: 'k8s/microservices-demo_loadgenerator.yaml',
    image: 'busybox',
    tag: '1.37.0',
    removed: ['        image: busybox:1.38.0@sha256:fd8d9aa63ba2f0982b5304e1ee8d3b90a210bc1ffb5314d980eb6962f1a9715d'],
    added: ['        image: busybox:1.37.0'],
  },
  {
    file: 'k8s/podinfo_cache-deployment.yaml',
    image: 'redis',
    tag: '8.8.1',
    removed: ['          image: docker.io/redis:8.8.0'],
    added: ['          image: docker.io/redis:8.8.1'],
  },
  {
    file: 'k8s/podinfo_cronjob-warm-cache.yaml',
    image: 'ghcr.io/stefanprodan/podinfo',
    tag: '6.15.0',
    removed: ['            image: ghcr.io/stefanprodan/podinfo:6.14.1', '            image: ghcr.io/stefanprodan/podinfo:6.14.1'],
    added: ['            image: ghcr.io/stefanprodan/podinfo:6.15.0', '            image: ghcr.io/stefanprodan/podinfo:6.15.0'],
  },
  {
    file: 'k8s/podinfo_kustomize-deployment.yaml',
    image: 'ghcr.io/stefanprodan/podinfo',
    tag: '6.15.0',
    removed: ['        image: ghcr.io/stefanprodan/podinfo:6.14.1'],
    added: ['        image: ghcr.io/stefanprodan/podinfo:6.15.0'],
  },
  {
    file: 'k8s/podinfo_statefulset-primary.yaml',
    image: 'ghcr.io/stefanprodan/podinfo',
    tag: '6.15.0',
    removed: ['        image: ghcr.io/stefanprodan/podinfo:6.14.1'],
    added: ['        image: ghcr.io/stefanprodan/podinfo:6.15.0'],
  },
  // kustomize/
  {
    file: 'kustomize/argocd-image-updater_config-manager_kustomization.yaml',
    image: 'quay.io/argoprojlabs/argocd-image-updater',
    tag: 'v0.16.0',
    removed: ['  newTag: latest'],
    added: ['  newTag: v0.16.0'],
  },
  {
    file: 'kustomize/flux-iac_setters_original_Kustomization',
    image: 'replaced',
    tag: 'v2',
    removed: ['    newTag: v1 # {"$imagepolicy": "automation-ns:policy:tag"}'],
    added: ['    newTag: v2 # {"$imagepolicy": "automation-ns:policy:tag"}'],
  },
  {
    file: 'kustomize/kustomize_examples_transformerconfigs_images_kustomization.yaml',
    image: 'prod-mysql',
    tag: 'v4',
    removed: ['  newTag: v3'],
    added: ['  newTag: v4'],
  },
  {
    file: 'kustomize/kustomize_examples_transformerconfigs_images_kustomization.yaml',
    image: 'my-docker2',
    tag: '2.0',
    removed: ['  digest: sha256:25a0d4'],
    added: ['  newTag: "2.0"'],
  },
  {
    file: 'kustomize/kustomize_examples_transformerconfigs_images_kustomization.yaml',
    image: 'my-docker2',
    tag: null,
    digest: NEW_DIGEST,
    removed: ['  digest: sha256:25a0d4'],
    added: ['  digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
  },
  {
    file: 'kustomize/microservices-demo_container-images-registry_kustomization.yaml',
    image: 'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/frontend',
    tag: 'v0.10.1',
    removed: [],
    added: ['  newTag: v0.10.1'],
  },
  {
    file: 'kustomize/microservices-demo_container-images-tag-suffix_kustomization.yaml',
    image: 'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/shippingservice',
    tag: 'v0.10.1',
    removed: [],
    added: ['  newTag: v0.10.1'],
  },
  {
    file: 'kustomize/microservices-demo_container-images-tag_kustomization.yaml',
    image: 'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/cartservice',
    tag: 'v0.10.1',
    removed: ['  newTag: CONTAINER_IMAGES_TAG'],
    added: ['  newTag: v0.10.1'],
  },
  // helm/
  {
    file: 'helm/argocd-image-updater_008-simple-helm-app_values.yaml',
    image: 'quay.io/dkarpele/my-guestbook',
    tag: '1.1.0',
    removed: ['  tag: 1.0.0'],
    added: ['  tag: 1.1.0'],
  },
  {
    file: 'helm/argocd-image-updater_1-004-git-helm-test_values.yaml',
    image: 'quay.io/dkarpele/my-guestbook',
    tag: '1.1.0',
    removed: ['  tag: "1.0.0"'],
    added: ['  tag: "1.1.0"'],
  },
  {
    file: 'helm/argocd-image-updater_1-008-helmvalues-non-live-images_values.yaml',
    image: '127.0.0.1:30000/session',
    tag: '1.0.1',
    removed: ['    tag: "1.0.0"'],
    added: ['    tag: "1.0.1"'],
    paths: ['session.image'],
  },
  {
    file: 'helm/bitnami_nginx_values.yaml',
    image: 'docker.io/bitnami/nginx',
    tag: '1.29.2-debian-12-r0',
    removed: ['  tag: 1.29.1-debian-12-r0'],
    added: ['  tag: 1.29.2-debian-12-r0'],
    paths: ['image'],
  },
  {
    file: 'helm/bitnami_postgresql_values.yaml',
    image: 'bitnami/postgres-exporter',
    tag: '0.17.1-debian-12-r17',
    removed: ['    tag: 0.17.1-debian-12-r16'],
    added: ['    tag: 0.17.1-debian-12-r17'],
    paths: ['metrics.image'],
  },
  {
    file: 'helm/ingress-nginx_values.yaml',
    image: 'registry.k8s.io/ingress-nginx/controller',
    tag: 'v1.15.2',
    removed: ['    tag: "v1.15.1"', '    digest: sha256:594ceea76b01c592858f803f9ff4d2cb40542cae2060410b2c95f75907d659e1'],
    added: ['    tag: "v1.15.2"', '    digest: ""'],
    paths: ['controller.image'],
  },
  {
    file: 'helm/ingress-nginx_values.yaml',
    image: 'registry.k8s.io/ingress-nginx/kube-webhook-certgen',
    helmKeyPath: 'controller.admissionWebhooks.patch.image',
    tag: 'v1.6.10',
    digest: NEW_DIGEST,
    removed: ['        tag: v1.6.9', '        digest: sha256:01038e7de14b78d702d2849c3aad72fd25903c4765af63cf16aa3398f5d5f2dd'],
    added: ['        tag: v1.6.10', '        digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef'],
  },
  { file: 'helm/podinfo_values-prod.yaml', image: 'redis', tag: '8.8.1', removed: ['  tag: 8.8.0'], added: ['  tag: 8.8.1'], paths: ['redis'] },
  {
    file: 'helm/podinfo_values.yaml',
    image: 'ghcr.io/stefanprodan/podinfo',
    tag: '6.15.0',
    removed: ['  tag: 6.14.1'],
    added: ['  tag: 6.15.0'],
    paths: ['image'],
  },
  {
    file: 'helm/prometheus-community_alertmanager_values.yaml',
    image: 'quay.io/prometheus/alertmanager',
    tag: 'v0.28.1',
    removed: ['  tag: ""'],
    added: ['  tag: "v0.28.1"'],
  },
];

function changedLines(before: string, after: string): { removed: string[]; added: string[] } {
  const ops = diffLines(splitLines(before), splitLines(after));
  return { removed: ops.filter((o) => o.kind === 'removed').map((o) => o.line), added: ops.filter((o) => o.kind === 'added').map((o) => o.line) };
}

for (const c of CASES) {
  test(`${c.file}: ${c.helmKeyPath ?? c.image}${c.container ? ` (container ${c.container})` : ''} -> ${c.tag ?? ''}${c.digest ? '@digest' : ''}`, () => {
    const source = readFileSync(join(CORPUS, c.file), 'utf8');
    const edit = setImage(
      c.file,
      source,
      c.format ?? 'auto',
      { image: c.image, container: c.container ?? null, helmKeyPath: c.helmKeyPath ?? null },
      c.tag,
      c.digest ?? null,
    );
    assert.equal(changedLines(source, edit.content), { removed: c.removed, added: c.added });
    if (c.paths)
      assert.equal(
        edit.changes.map((ch) => ch.path),
        c.paths,
      );
    // Bumping again to the same target changes nothing.
    const again = setImage(
      c.file,
      edit.content,
      c.format ?? 'auto',
      { image: c.image, container: c.container ?? null, helmKeyPath: c.helmKeyPath ?? null },
      c.tag,
      c.digest ?? null,
    );
    assert.is(again.content, edit.content);
    assert.is(again.changes.length, 0);
  });
}

test('every corpus file that names an image has a case', () => {
  const covered = new Set(CASES.map((c) => c.file));
  for (const dir of ['k8s', 'kustomize', 'helm']) {
    for (const name of readdirSync(join(CORPUS, dir))) {
      const text = readFileSync(join(CORPUS, dir, name), 'utf8');
      const namesImage = /^\s*-?\s*(image|newName|newTag|repository|tagSuffix):/m.test(text);
      if (namesImage) assert.ok(covered.has(`${dir}/${name}`), `${dir}/${name} names an image but has no case`);
    }
  }
});

test('the guestbook comment "image: redis" is not an image: bumping redis leaves the file untouched', () => {
  const file = 'k8s/k8s-examples_guestbook-all-in-one.yaml';
  const source = readFileSync(join(CORPUS, file), 'utf8');
  const edit = setImage(file, source, 'auto', { image: 'redis', container: null, helmKeyPath: null }, '7.4', null);
  assert.is(edit.occurrences.length, 0);
  assert.is(edit.content, source);
});

test('files without the image are untouched and report no occurrence', () => {
  for (const dir of ['k8s', 'kustomize', 'helm']) {
    for (const name of readdirSync(join(CORPUS, dir))) {
      const source = readFileSync(join(CORPUS, dir, name), 'utf8');
      const edit = setImage(name, source, 'auto', { image: 'ghcr.io/acme/not-in-any-file', container: null, helmKeyPath: null }, 'v9', null);
      assert.is(edit.occurrences.length, 0, name);
      assert.is(edit.content, source, name);
    }
  }
  const none = readFileSync(join(CORPUS, 'kustomize/microservices-demo_kubernetes-manifests_kustomization.yaml'), 'utf8');
  assert.is(setImage('kustomization.yaml', none, 'auto', { image: 'frontend', container: null, helmKeyPath: null }, 'v1', null).occurrences.length, 0);
});

test('flux replace_commented: the bump reproduces the expected file, line for line, apart from its re-indented list', () => {
  const original = readFileSync(join(CORPUS, 'k8s/flux-iac_replace_commented_deployment.yaml'), 'utf8');
  const expected = readFileSync(join(CORPUS, 'k8s/flux-iac_replace_commented-expected_deployment.yaml'), 'utf8');
  const edit = setImage('deployment.yaml', original, 'plain', { image: 'used', container: null, helmKeyPath: null }, 'v1.1.0', null);
  // Flux re-serialises (the sequence moves two columns right); we splice, so only indentation may differ.
  assert.equal(
    splitLines(edit.content).map((l) => l.trimStart()),
    splitLines(expected).map((l) => l.trimStart()),
  );
  assert.is(splitLines(edit.content).filter((l, i) => l !== splitLines(original)[i]).length, 1);
});

test('CRLF and a missing final newline survive byte for byte', () => {
  const crlf = readFileSync(join(CORPUS, 'k8s/k8s-examples_azure-disk-pod_CRLF.yaml'), 'utf8');
  const out = setImage('pod.yaml', crlf, 'auto', { image: 'nginx', container: null, helmKeyPath: null }, '1.27.0', null).content;
  assert.is(out.split('\r\n').length, crlf.split('\r\n').length);
  assert.is(out.replace(/\r\n/g, '').includes('\n'), false);
  const tail = readFileSync(join(CORPUS, 'kustomize/microservices-demo_container-images-tag-suffix_kustomization.yaml'), 'utf8');
  const bumped = setImage(
    'kustomization.yaml',
    tail,
    'auto',
    { image: 'us-central1-docker.pkg.dev/online-boutique-ci/microservices-demo/shippingservice', container: null, helmKeyPath: null },
    'v2',
    null,
  ).content;
  assert.ok(bumped.endsWith('  tagSuffix: CONTAINER_IMAGES_TAG_SUFFIX'));
});

test('Helm key path to an image string under any key; a key path that is missing finds nothing', () => {
  const values = 'worker:\n  # pinned\n  containerImage: "ghcr.io/acme/worker:1.0" # keep\n  other: 1\n';
  const edit = setImage('values.yaml', values, 'helm', { image: 'ghcr.io/acme/worker', container: null, helmKeyPath: 'worker.containerImage' }, '1.1', null);
  assert.is(edit.content, 'worker:\n  # pinned\n  containerImage: "ghcr.io/acme/worker:1.1" # keep\n  other: 1\n');
  assert.is(
    setImage('values.yaml', values, 'helm', { image: 'ghcr.io/acme/worker', container: null, helmKeyPath: 'worker.missing' }, '1.1', null).occurrences.length,
    0,
  );
});

test('a plain tag that YAML would read as a number gets quoted; a quoted one keeps its quotes', () => {
  const values = "image:\n  repository: acme/app\n  tag: v1\nsidecar:\n  image:\n    repository: acme/side\n    tag: '1.0'\n";
  const a = setImage('values.yaml', values, 'helm', { image: 'acme/app', container: null, helmKeyPath: null }, '2.0', null).content;
  assert.match(a, '  tag: "2.0"\n');
  const b = setImage('values.yaml', values, 'helm', { image: 'acme/side', container: null, helmKeyPath: null }, '1.5', null).content;
  assert.match(b, "    tag: '1.5'\n");
});

test.run();
