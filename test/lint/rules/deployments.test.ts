// Rule cases for deployment strategy, health checks, replicas, manifest paths and database backups.
import { test } from 'uvu';
import { patched, ruleCases } from '../../support/lint.js';

const database = { host: 'db.acme.internal', name: 'orders', credentialsId: 'orders-db', backupDir: '/backups/orders' };

ruleCases('blue-green-without-health-check', {
  valid: [
    { name: 'blue-green with a health check', patch: {} },
    { name: "rolling without one is the rollback rule's", patch: { rollback: { automatic: false }, environments: { dev: { healthCheck: null } } } },
  ],
  invalid: [{ name: 'blue-green without', patch: { environments: { staging: { healthCheck: null } } }, paths: [['environments', 'staging', 'strategy']] }],
});

ruleCases('rollback-without-health-check', {
  valid: [
    { name: 'every environment checked', patch: {} },
    { name: 'automatic rollback off', patch: { rollback: { automatic: false }, environments: { dev: { healthCheck: null } } } },
  ],
  invalid: [{ name: 'rolling dev without a health check', patch: { environments: { dev: { healthCheck: null } } }, paths: [['environments', 'dev']] }],
});

ruleCases('replicas-below-seed', {
  valid: [
    { name: "the seed's table", patch: {} },
    { name: "unset replicas are the manifests' business", patch: { environments: { prod: { replicas: null } } } },
  ],
  invalid: [
    { name: 'prod with 2', patch: { environments: { prod: { replicas: 2 } } }, paths: [['environments', 'prod', 'replicas']] },
    {
      name: 'dev and staging with 1',
      patch: { environments: { dev: { replicas: 1 }, staging: { replicas: 1 } } },
      paths: [
        ['environments', 'dev', 'replicas'],
        ['environments', 'staging', 'replicas'],
      ],
    },
  ],
});

ruleCases('environment-manifest-missing', {
  valid: [
    { name: 'every environment names its manifest', patch: {} },
    { name: 'an environment that says it deploys nothing', patch: { environments: { dev: { manifest: null, deploy: 'none' } } } },
  ],
  invalid: [
    { name: 'dev without a manifest', patch: { environments: { dev: { manifest: null } } }, paths: [['environments', 'dev']] },
    {
      name: 'deploy: gitops said explicitly, no manifest',
      patch: { environments: { staging: { manifest: null, deploy: 'gitops' } } },
      paths: [['environments', 'staging']],
    },
    { name: 'deploy: none with a manifest', patch: { environments: { dev: { deploy: 'none' } } }, paths: [['environments', 'dev', 'manifest']] },
  ],
});

// manifest-disagrees reads the repository: each case lints inside a folder holding these manifests.
const IMAGE = '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api';
const workload = (
  kind: 'Deployment' | 'Rollout',
  replicas: number,
  { image = IMAGE, container = 'orders-api', resources = '' } = {},
) => `apiVersion: ${kind === 'Rollout' ? 'argoproj.io/v1alpha1' : 'apps/v1'}
kind: ${kind}
metadata:
  name: orders-api
spec:
  replicas: ${replicas}
${kind === 'Rollout' ? '  strategy:\n    blueGreen: { activeService: orders-api, previewService: orders-api-preview }\n' : ''}  template:
    spec:
      containers:
        - name: ${container}
          image: ${image}:1.4.0
${resources}`;
const plainManifests = {
  environments: { dev: { manifest: 'deploy/dev.yaml' }, staging: { manifest: 'deploy/staging.yaml' }, prod: { manifest: 'deploy/prod.yaml' } },
};
const agreeing = { 'deploy/dev.yaml': workload('Deployment', 2), 'deploy/staging.yaml': workload('Rollout', 2), 'deploy/prod.yaml': workload('Rollout', 3) };
const medium = '          resources:\n            requests: { cpu: 250m, memory: 256Mi }\n            limits: { cpu: 500m, memory: 512Mi }\n';

ruleCases('manifest-disagrees', {
  valid: [
    { name: 'manifests that agree with pipeline.yaml', patch: plainManifests, files: agreeing },
    { name: 'a config alone (an editor) reads no manifest', patch: plainManifests },
    {
      name: 'resources that equal the profile',
      patch: patched({ environments: { dev: { resources: 'medium' } } }, plainManifests),
      files: { ...agreeing, 'deploy/dev.yaml': workload('Deployment', 2, { resources: medium }) },
    },
  ],
  invalid: [
    {
      name: 'prod runs 1 replica where pipeline.yaml says 3',
      patch: plainManifests,
      files: { ...agreeing, 'deploy/prod.yaml': workload('Rollout', 1) },
      paths: [['environments', 'prod', 'replicas']],
    },
    {
      name: 'dev runs a Deployment where pipeline.yaml says blue-green',
      patch: patched({ environments: { dev: { strategy: 'blue-green' } } }, plainManifests),
      files: agreeing,
      paths: [['environments', 'dev', 'strategy']],
    },
    {
      name: 'dev runs no resources where pipeline.yaml says medium',
      patch: patched({ environments: { dev: { resources: 'medium' } } }, plainManifests),
      files: agreeing,
      paths: [['environments', 'dev', 'resources']],
    },
    {
      name: 'the manifests run another image name (app gives it)',
      patch: plainManifests,
      files: { ...agreeing, 'deploy/dev.yaml': workload('Deployment', 2, { image: `${IMAGE}-v2` }) },
      paths: [['app']],
    },
    {
      name: 'the manifests run another image name (image.repository gives it)',
      patch: patched({ image: { repository: 'payments/orders-api' } }, plainManifests),
      files: agreeing,
      paths: [
        ['image', 'repository'],
        ['image', 'repository'],
        ['image', 'repository'],
      ],
    },
    {
      name: 'the configured container does not run the image',
      patch: patched({ environments: { staging: { container: 'api' } } }, plainManifests),
      files: agreeing,
      paths: [['environments', 'staging', 'container']],
    },
    {
      name: 'no manifest in the repository: one note',
      patch: plainManifests,
      files: { 'README.md': 'manifests live elsewhere\n' },
      paths: [['environments', 'dev', 'manifest']],
    },
  ],
});

ruleCases('manifest-path-unsafe', {
  valid: [
    { name: 'relative paths', patch: {} },
    { name: 'dots inside a name', patch: { environments: { dev: { manifest: 'apps/orders..api/dev.yaml' } } } },
  ],
  invalid: [
    { name: 'absolute', patch: { environments: { dev: { manifest: '/etc/kubernetes/dev.yaml' } } }, paths: [['environments', 'dev', 'manifest']] },
    { name: 'climbing out', patch: { environments: { prod: { manifest: 'apps/../../secrets/prod.yaml' } } }, paths: [['environments', 'prod', 'manifest']] },
  ],
});

ruleCases('workspace-path-unsafe', {
  valid: [
    { name: 'relative paths', patch: {} },
    { name: 'dots inside names', patch: { build: { reports: { junit: 'out/..junit.xml' } }, image: { context: './app' } } },
  ],
  invalid: [
    { name: 'absolute report', patch: { build: { reports: { junit: '/etc/passwd' } } }, paths: [['build', 'reports', 'junit']] },
    {
      name: 'coverage climbing out',
      patch: { build: { reports: { coverage: 'reports/../../../home/jenkins/.ssh/id_rsa' } } },
      paths: [['build', 'reports', 'coverage']],
    },
    {
      name: 'Dockerfile and context outside',
      patch: { image: { dockerfile: '../Dockerfile', context: '..' } },
      paths: [
        ['image', 'dockerfile'],
        ['image', 'context'],
      ],
    },
  ],
});

ruleCases('production-database-backup-off', {
  valid: [
    { name: 'backed up', patch: { environments: { prod: { database } } } },
    { name: 'dev may skip backups', patch: { environments: { dev: { database: { ...database, backup: false } } } } },
  ],
  invalid: [
    {
      name: 'prod without backups',
      patch: { environments: { prod: { database: { ...database, backup: false } } } },
      paths: [['environments', 'prod', 'database', 'backup']],
    },
  ],
});

test.run();
