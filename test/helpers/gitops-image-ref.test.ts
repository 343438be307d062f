// Image reference parsing and matching: registries with ports, digests beside tags, Docker Hub short names.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { canonicalName, formatImageRef, parseImageRef, sameImageName } from '../../src/helpers/gitops/image-ref.js';

test('parses registry ports, tags and digests', () => {
  assert.equal(parseImageRef('10.42.0.1:30000/test-image:1.0.0'), { name: '10.42.0.1:30000/test-image', tag: '1.0.0', digest: null });
  assert.equal(parseImageRef('localhost:5000/app'), { name: 'localhost:5000/app', tag: null, digest: null });
  assert.equal(parseImageRef('busybox:1.38.0@sha256:fd8d9aa63ba2f0982b5304e1ee8d3b90a210bc1ffb5314d980eb6962f1a9715d'), {
    name: 'busybox',
    tag: '1.38.0',
    digest: 'sha256:fd8d9aa63ba2f0982b5304e1ee8d3b90a210bc1ffb5314d980eb6962f1a9715d',
  });
  assert.equal(parseImageRef('alpine@sha256:24a0c4b4a4c0eb97'), { name: 'alpine', tag: null, digest: 'sha256:24a0c4b4a4c0eb97' });
  for (const bad of ['', 'a b', '{{ .Values.image }}', 'repo:', 'x@notadigest', '/abs', 'a//b', '$IMAGE']) assert.is(parseImageRef(bad), null, bad);
});

test('Docker Hub short names, docker.io and docker.io/library name the same image', () => {
  for (const name of ['nginx', 'library/nginx', 'docker.io/nginx', 'docker.io/library/nginx', 'index.docker.io/library/nginx']) {
    assert.is(canonicalName(name), 'docker.io/library/nginx', name);
  }
  assert.ok(sameImageName('redis', 'docker.io/redis'));
  assert.ok(sameImageName('bitnami/nginx', 'docker.io/bitnami/nginx'));
  assert.not.ok(sameImageName('registry.k8s.io/redis', 'redis'));
  assert.not.ok(sameImageName('10.42.0.1:30000/test-image', '10.42.0.1:30001/test-image'));
  assert.not.ok(sameImageName('ghcr.io/acme/app', 'ghcr.io/acme/app-worker'));
  assert.not.ok(sameImageName('localhost/app', 'app'));
});

test('formats back what it parsed', () => {
  for (const text of ['a', 'a:1', 'r.io:5000/a/b:1.2@sha256:abcdef0123', 'a@sha256:abcdef0123']) assert.is(formatImageRef(parseImageRef(text)!), text);
});

test.run();
