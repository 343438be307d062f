// The deployment check's kustomize build (patches, replicas) against the real `kubectl kustomize` on hand-written overlays.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { buildKustomization, strategicMerge } from '../../src/helpers/gitops/kustomize-build.js';
import { parseDocuments } from '../../src/helpers/gitops/yaml-nodes.js';
import { ROOT } from '../support/cli.js';
import type { ReadJson } from '../support/json.js';

const FIXTURE = join(ROOT, 'test/fixtures/lint/manifests/kustomize-patches');

/** What the deployment check reads of each workload: kind, name, replicas, and each container's resources. */
type Seen = Array<{ kind: unknown; name: unknown; replicas: unknown; containers: Array<{ name: unknown; resources: unknown }> }>;
function summary(objects: ReadJson[]): Seen {
  return objects
    .filter((o) => o && o.kind)
    .map((o) => ({
      kind: o.kind,
      name: o.metadata?.name,
      replicas: o.spec?.replicas,
      containers: (o.spec?.template?.spec?.containers ?? []).map((c: ReadJson) => ({ name: c.name, resources: c.resources ?? null })),
    }));
}

function ours(overlay: string): Seen {
  const file = join(FIXTURE, 'deploy/overlays', overlay, 'kustomization.yaml');
  return summary(buildKustomization(FIXTURE, file, parseDocuments(readFileSync(file, 'utf8'))).map((d) => d.toJS()));
}

function kubectl(overlay: string): { code: number | null; seen: Seen; stderr: string } {
  const r = spawnSync('kubectl', ['kustomize', join(FIXTURE, 'deploy/overlays', overlay)], { encoding: 'utf8', timeout: 60_000, killSignal: 'SIGKILL' });
  return { code: r.status, seen: r.status === 0 ? summary(parseAllDocuments(r.stdout).map((d) => d.toJS())) : [], stderr: r.stderr };
}

for (const overlay of ['dev', 'staging', 'prod']) {
  test(`overlay ${overlay}: replicas and resources as kubectl kustomize renders them`, () => {
    const real = kubectl(overlay);
    assert.is(real.code, 0, real.stderr);
    assert.equal(ours(overlay), real.seen);
  });
}

test('the fixture overlays differ from their base where the quirks say (so the comparison above can fail)', () => {
  const [dev, staging, prod] = ['dev', 'staging', 'prod'].map((o) => ours(o)[0]!);
  // dev: the replicas field; staging: a patch file and an inline patch; prod: replicas field after two patches.
  assert.equal([dev!.replicas, staging!.replicas, prod!.replicas], [2, 2, 3]);
  assert.equal((staging!.containers[0]!.resources as ReadJson).limits, { cpu: '500m', memory: '512Mi' });
  assert.equal((prod!.containers[0]!.resources as ReadJson).limits, { cpu: '1', memory: '1Gi' });
  // The sidecar survives the merge by name.
  assert.equal(
    prod!.containers.map((c) => c.name),
    ['orders-api', 'metrics'],
  );
});

test('a replicas entry naming only a Rollout: kustomize refuses the build, and so does the check', () => {
  const real = kubectl('qa');
  assert.is.not(real.code, 0);
  assert.match(real.stderr, /resource with name orders-api does not match a config/);
  assert.throws(
    () => ours('qa'),
    /kustomize cannot build deploy\/overlays\/qa\/kustomization\.yaml: its replicas entry "orders-api" names no Deployment, StatefulSet, ReplicaSet or ReplicationController \(only a Rollout of that name/,
  );
});

test('strategic merge: null deletes, $patch: delete drops a named item, other lists are replaced', () => {
  const base = {
    spec: {
      replicas: 2,
      paused: true,
      template: {
        spec: {
          containers: [
            { name: 'a', image: 'x' },
            { name: 'b', image: 'y' },
          ],
          args: ['1'],
        },
      },
    },
  };
  const patch = {
    spec: {
      paused: null,
      template: {
        spec: {
          containers: [
            { name: 'b', $patch: 'delete' },
            { name: 'c', image: 'z' },
          ],
          args: ['2'],
        },
      },
    },
  };
  assert.equal(strategicMerge(base, patch), {
    spec: {
      replicas: 2,
      template: {
        spec: {
          containers: [
            { name: 'a', image: 'x' },
            { name: 'c', image: 'z' },
          ],
          args: ['2'],
        },
      },
    },
  });
});

test.run();
