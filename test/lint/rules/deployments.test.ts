// Rule cases for deployment strategy, health checks, replicas, manifest paths and database backups.
import { test } from 'uvu';
import { ruleCases } from '../../support/lint.js';

const database = { host: 'db.acme.internal', name: 'orders', credentialsId: 'orders-db', backupDir: '/backups/orders' };

ruleCases('blue-green-without-health-check', {
  valid: [{ name: 'blue-green with a health check', patch: {} }, { name: 'rolling without one is the rollback rule\'s', patch: { rollback: { automatic: false }, environments: { dev: { healthCheck: null } } } }],
  invalid: [{ name: 'blue-green without', patch: { environments: { staging: { healthCheck: null } } }, paths: [['environments', 'staging', 'strategy']] }],
});

ruleCases('rollback-without-health-check', {
  valid: [{ name: 'every environment checked', patch: {} }, { name: 'automatic rollback off', patch: { rollback: { automatic: false }, environments: { dev: { healthCheck: null } } } }],
  invalid: [{ name: 'rolling dev without a health check', patch: { environments: { dev: { healthCheck: null } } }, paths: [['environments', 'dev']] }],
});

ruleCases('replicas-below-seed', {
  valid: [{ name: 'the seed\'s table', patch: {} }, { name: 'unset replicas are the manifests\' business', patch: { environments: { prod: { replicas: null } } } }],
  invalid: [
    { name: 'prod with 2', patch: { environments: { prod: { replicas: 2 } } }, paths: [['environments', 'prod', 'replicas']] },
    { name: 'dev and staging with 1', patch: { environments: { dev: { replicas: 1 }, staging: { replicas: 1 } } }, paths: [['environments', 'dev', 'replicas'], ['environments', 'staging', 'replicas']] },
  ],
});

ruleCases('environment-manifest-missing', {
  valid: [
    { name: 'every environment names its manifest', patch: {} },
    { name: 'an environment that says it deploys nothing', patch: { environments: { dev: { manifest: null, deploy: 'none' } } } },
  ],
  invalid: [
    { name: 'dev without a manifest', patch: { environments: { dev: { manifest: null } } }, paths: [['environments', 'dev']] },
    { name: 'deploy: gitops said explicitly, no manifest', patch: { environments: { staging: { manifest: null, deploy: 'gitops' } } }, paths: [['environments', 'staging']] },
    { name: 'deploy: none with a manifest', patch: { environments: { dev: { deploy: 'none' } } }, paths: [['environments', 'dev', 'manifest']] },
  ],
});

ruleCases('manifest-path-unsafe', {
  valid: [{ name: 'relative paths', patch: {} }, { name: 'dots inside a name', patch: { environments: { dev: { manifest: 'apps/orders..api/dev.yaml' } } } }],
  invalid: [
    { name: 'absolute', patch: { environments: { dev: { manifest: '/etc/kubernetes/dev.yaml' } } }, paths: [['environments', 'dev', 'manifest']] },
    { name: 'climbing out', patch: { environments: { prod: { manifest: 'apps/../../secrets/prod.yaml' } } }, paths: [['environments', 'prod', 'manifest']] },
  ],
});

ruleCases('workspace-path-unsafe', {
  valid: [{ name: 'relative paths', patch: {} }, { name: 'dots inside names', patch: { build: { reports: { junit: 'out/..junit.xml' } }, image: { context: './app' } } }],
  invalid: [
    { name: 'absolute report', patch: { build: { reports: { junit: '/etc/passwd' } } }, paths: [['build', 'reports', 'junit']] },
    { name: 'coverage climbing out', patch: { build: { reports: { coverage: 'reports/../../../home/jenkins/.ssh/id_rsa' } } }, paths: [['build', 'reports', 'coverage']] },
    { name: 'Dockerfile and context outside', patch: { image: { dockerfile: '../Dockerfile', context: '..' } }, paths: [['image', 'dockerfile'], ['image', 'context']] },
  ],
});

ruleCases('production-database-backup-off', {
  valid: [{ name: 'backed up', patch: { environments: { prod: { database } } } }, { name: 'dev may skip backups', patch: { environments: { dev: { database: { ...database, backup: false } } } } }],
  invalid: [{ name: 'prod without backups', patch: { environments: { prod: { database: { ...database, backup: false } } } }, paths: [['environments', 'prod', 'database', 'backup']] }],
});

test.run();
