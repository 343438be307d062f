// The step registry's deploy steps: approval, the manifest bump, the Argo CD sync, the health check, rollback and the database's backup and restore.
import { flags, approveFlag, argoFlag, backupFlag, restoreFlag, healthFlag } from './helper-flags.js';
import {
  arg,
  required,
  helperTool,
  NODE,
  GIT_TOOLS,
  UTILITY_STEPS,
  AGENT_ARGUMENT,
  environment,
  app,
  ENVIRONMENT,
  ENVIRONMENT_NAME,
  image,
  tag,
  gitopsArguments,
  GITOPS_FACTS,
  AGENT_FACT,
  databaseConnection,
} from './step-arguments.js';
import type { LibraryStep } from './step-types.js';
import * as creds from './step-credentials.js';

/**
 * pwBumpManifest's routes: the release hold, the bump and the history all read the repository for the app's
 * environment; the bump and the history read the manifest; only the bump commits.
 */
const bumpRepository = flags('release-hold', 'bump-image', 'deploy-history');
const bumpManifest = flags('bump-image', 'deploy-history');
const bumpFlag = flags('bump-image');
/** pwRollback's routes: the history lists the deployments and the rollback restores one, both from the manifest. */
const rollbackManifest = flags('deploy-history', 'rollback');
const rollbackFlag = flags('rollback');

export const DEPLOY_STEPS: LibraryStep[] = [
  {
    name: 'pwApprove',
    description:
      'The four-eyes check after the stage-level input: refuses when the approver is the commit author (PW_COMMIT_AUTHOR_EMAIL from pwCheckout, matched through identities) or the user who started the build, and, with requireReview, when the commit did not come through an approved pull request.',
    helpers: ['approve'],
    binaries: [NODE],
    plugins: ['workflow-basic-steps', UTILITY_STEPS],
    agent: 'borrows',
    facts: AGENT_FACT,
    credentials: creds.GITHUB_CREDENTIALS,
    arguments: [
      ENVIRONMENT,
      arg('approver', 'expression', "The approving user's ID: the input's submitterParameter, env.PW_APPROVER.", approveFlag('approver'), required),
      arg(
        'submitters',
        'list<string>',
        'Users or groups allowed to approve (empty: anyone who may build); passed comma-separated.',
        approveFlag('submitters'),
        { default: [] },
      ),
      arg(
        'fourEyes',
        'boolean',
        'The approver may be neither the commit author nor the user who started the build (false: the step passes --author-email and --started-by to nobody).',
        null,
        { default: true },
      ),
      arg(
        'requireReview',
        'boolean',
        'Require a merged pull request with an approving review of the commit (the step passes --repository from the checkout).',
        approveFlag('require-review'),
        { default: false },
      ),
      arg(
        'identities',
        'map<string,list<string>>',
        'Jenkins user ID to the git author e-mails of the same person; the step writes it to a JSON file.',
        approveFlag('identities'),
        { default: {} },
      ),
      creds.GITHUB_CREDENTIALS_ID,
      AGENT_ARGUMENT,
    ],
    example: "pwApprove(environment: 'prod', approver: env.PW_APPROVER, submitters: ['ops'])",
  },
  {
    name: 'pwArgoSync',
    description:
      "Waits until Argo CD reports the application synced to the revision pwBumpManifest committed (env.PW_GITOPS_REVISION, passed as --revision), healthy, and running the image. mode auto: Argo CD's auto-sync applies it; jenkins: the step triggers the sync through the API first; manual: operations sync in Argo CD; given `agent` (as the generated deploy stages pass it), the step polls taking that agent only for each check (at most a minute), so nothing is held while waiting, and without it (the generated manual rollback) it waits on the agent it runs on; the waits between checks grow from 30 s, doubling, to 10 minutes, the last cut to the deadline (about 10 agents for an hour's wait, 135 for 24 h). blue-green: checks the Argo Rollouts preview, then promotes.",
    helpers: ['argocd-sync'],
    binaries: [NODE],
    plugins: ['credentials-binding', UTILITY_STEPS],
    agent: 'borrows',
    facts: {
      server: 'argocdServer',
      application: 'argocdApp',
      mode: 'sync',
      strategy: 'strategy',
      image: 'image',
      tag: 'tag',
      timeout: 'syncTimeout',
      credentialsId: 'argocdCredentials',
      ...AGENT_FACT,
    },
    credentials: creds.ARGOCD_CREDENTIALS,
    arguments: [
      ENVIRONMENT_NAME,
      arg('server', 'string', 'The Argo CD server URL.', argoFlag('server'), required),
      arg('application', 'string', 'The Argo CD application.', argoFlag('app'), required),
      arg('mode', 'string', 'auto, jenkins or manual.', argoFlag('mode'), { default: 'auto' }),
      arg('strategy', 'string', 'rolling or blue-green (an Argo Rollouts Rollout).', argoFlag('strategy'), { default: 'rolling' }),
      arg('image', 'string', 'The image that must be running, without tag; the step adds the resolved tag.', argoFlag('image')),
      arg('tag', 'string', 'The tag scheme, resolved as pwBuildImage resolves it.', null, { default: '{build}-{shortCommit}' }),
      arg('timeout', 'duration', 'How long to wait for synced and healthy.', argoFlag('timeout'), { default: '5m' }),
      creds.ARGOCD_CREDENTIALS_ID,
      AGENT_ARGUMENT,
    ],
    example: "pwArgoSync(environment: 'dev', server: 'https://argocd.acme.internal', application: 'orders-api-dev', mode: 'auto')",
  },
  {
    name: 'pwBackupDatabase',
    description: "Backs up the environment's PostgreSQL database with pg_dump right before the deploy, keeping the newest `retention` backups.",
    helpers: ['db-backup'],
    binaries: [NODE, helperTool('pg_dump')],
    plugins: ['credentials-binding', UTILITY_STEPS],
    agent: 'held',
    credentials: creds.DATABASE_CREDENTIALS,
    arguments: [
      arg('environment', 'string', 'The environment name (part of the backup name; the step passes --build too).', backupFlag('environment'), required),
      app(backupFlag('app')),
      ...databaseConnection(backupFlag),
      arg('database', 'string', 'The database name.', backupFlag('database'), required),
      arg('backupDir', 'string', 'A folder on storage the agents share.', backupFlag('dir'), required),
      arg('retention', 'integer', 'How many backups to keep.', backupFlag('retention'), { default: 7 }),
      creds.DATABASE_CREDENTIALS_ID,
    ],
    example:
      "pwBackupDatabase(environment: 'prod', app: 'orders-api', host: 'db.internal', database: 'orders', backupDir: '/backups/orders', credentialsId: 'orders-db')",
  },
  {
    name: 'pwBumpManifest',
    description:
      "Sets the environment's image to the new tag in the manifests repository (kustomize, Helm values or plain manifests) and commits through the chosen method; refuses while a release hold is set for the environment; records the deploy in the deploy history.",
    helpers: ['release-hold', 'bump-image', 'deploy-history'],
    binaries: GIT_TOOLS,
    plugins: ['credentials-binding', UTILITY_STEPS],
    agent: 'held',
    facts: { ...GITOPS_FACTS, tag: 'tag', strategy: 'strategy', replicas: 'replicas', resources: 'resources', onMismatch: 'onMismatch' },
    credentials: creds.GITOPS_CREDENTIALS,
    arguments: [
      environment(bumpRepository('environment')),
      app(bumpRepository('app')),
      image(bumpManifest('image')),
      tag(bumpFlag('tag')),
      ...gitopsArguments(bumpRepository, bumpManifest, bumpFlag),
      arg(
        'releaseHold',
        'boolean',
        "Release a manual rollback's hold first (release-hold): a person's decision that the environment takes new versions again.",
        null,
        { default: false },
      ),
      arg(
        'strategy',
        'string',
        "The deployment table's strategy for the environment (rolling or blue-green): the manifest must deploy that way.",
        bumpFlag('strategy'),
      ),
      arg('replicas', 'integer', "The deployment table's replicas: the manifest must run that many.", bumpFlag('replicas')),
      arg(
        'resources',
        'string',
        "The deployment table's resources profile (minimal, medium or full): the manifest's requests and limits must match it.",
        bumpFlag('resources'),
      ),
      arg(
        'onMismatch',
        'string',
        'A manifest that disagrees with the deployment table: warn (the build turns unstable) or fail (the bump is refused).',
        bumpFlag('on-mismatch'),
        { default: 'warn' },
      ),
      creds.GITOPS_CREDENTIALS_ID,
    ],
    example:
      "pwBumpManifest(environment: 'dev', app: 'orders-api', image: 'registry.local/orders-api', repo: 'https://github.com/acme/k8s-manifests.git', manifest: 'apps/orders-api/overlays/dev/kustomization.yaml')",
  },
  {
    name: 'pwHealthCheck',
    description:
      'Polls the health URL until it answers 2xx (and contains expectBody) within the timeout; with Prometheus checks, then re-evaluates them for the watch period. Failing fails the stage, which triggers the rollback.',
    helpers: ['health-check'],
    binaries: [NODE],
    plugins: [UTILITY_STEPS],
    agent: 'borrows',
    facts: {
      url: 'healthUrl',
      expectBody: 'healthExpectBody',
      timeout: 'healthTimeout',
      app: 'app',
      namespace: 'namespace',
      prometheus: 'prometheus',
      watch: 'metricsWindow',
      checks: 'metricsChecks',
      ...AGENT_FACT,
    },
    credentials: [],
    arguments: [
      ENVIRONMENT_NAME,
      arg('url', 'string', 'The health URL.', healthFlag('url'), required),
      arg('expectBody', 'string', 'Text the response body must contain.', healthFlag('expect-body')),
      arg('timeout', 'duration', 'How long the app may take to answer healthy.', healthFlag('timeout'), { default: '30s' }),
      arg('app', 'string', 'The application name ({app} in metric queries).', healthFlag('app')),
      arg('namespace', 'string', 'The Kubernetes namespace ({namespace} in metric queries).', healthFlag('namespace')),
      arg('prometheus', 'string', 'The Prometheus base URL for the metric checks.', healthFlag('prometheus')),
      arg('watch', 'duration', 'How long to keep re-evaluating the metric checks after the deploy.', healthFlag('watch')),
      arg(
        'checks',
        'list<map>',
        "Metric checks: [[name: '…', preset: 'error-rate' or query: '…', max: 0.01, min: …]]; the step writes them to a JSON file.",
        healthFlag('checks'),
      ),
      AGENT_ARGUMENT,
    ],
    example: "pwHealthCheck(environment: 'prod', url: 'https://orders.acme.com/healthz', timeout: '30s')",
  },
  {
    name: 'pwRestoreDatabase',
    description: "Restores the environment's PostgreSQL database from a backup taken by pwBackupDatabase (the newest one unless named).",
    helpers: ['db-restore'],
    binaries: [NODE, helperTool('pg_restore')],
    plugins: ['credentials-binding', UTILITY_STEPS],
    agent: 'held',
    credentials: creds.DATABASE_CREDENTIALS,
    arguments: [
      arg('environment', 'string', 'The environment whose backup to restore.', restoreFlag('environment'), required),
      app(restoreFlag('app')),
      ...databaseConnection(restoreFlag),
      arg('database', 'string', 'The database name (also passed as --confirm, which the restore demands).', restoreFlag('database'), required),
      arg('backupDir', 'string', 'The folder the backups are in.', restoreFlag('dir'), required),
      arg('backup', 'string', 'The backup to restore: latest or a backup name.', restoreFlag('backup'), { default: 'latest' }),
      creds.DATABASE_CREDENTIALS_ID,
    ],
    example:
      "pwRestoreDatabase(environment: 'prod', app: 'orders-api', host: 'db.internal', database: 'orders', backupDir: '/backups/orders', credentialsId: 'orders-db')",
  },
  {
    name: 'pwRollback',
    description:
      "Restores the environment's previous image in the manifests repository (or the given revision from the deploy history) and records it. A manual rollback sets a release hold, so automation does not deploy over it until released; an automatic one sets none and marks the abandoned tag as failed.",
    helpers: ['deploy-history', 'rollback'],
    binaries: GIT_TOOLS,
    plugins: ['credentials-binding', UTILITY_STEPS],
    agent: 'borrows',
    facts: { ...GITOPS_FACTS, ...AGENT_FACT },
    credentials: creds.GITOPS_CREDENTIALS,
    arguments: [
      environment(rollbackManifest('environment')),
      app(rollbackManifest('app')),
      image(rollbackManifest('image')),
      // A rollback needs the repository's history, so it always pushes with git (the token of the API methods works for that too).
      ...gitopsArguments(rollbackManifest, rollbackManifest, null),
      arg(
        'revision',
        'expression',
        'The deploy-history revision to restore: a number N goes back N deployments (--steps N), anything else is a tag (--to TAG); empty: the one before the current.',
        null,
      ),
      arg('reason', 'string', 'Why: recorded in the commit and the deploy history.', rollbackFlag('reason'), required),
      arg(
        'automatic',
        'boolean',
        'An automatic rollback after a failed deploy or health check: sets no hold and marks the abandoned tag as failed; a manual one (false) sets a release hold.',
        rollbackFlag('automatic'),
        { default: false },
      ),
      creds.GITOPS_CREDENTIALS_ID,
      AGENT_ARGUMENT,
    ],
    example:
      "pwRollback(environment: 'prod', app: 'orders-api', image: 'registry.local/orders-api', repo: 'https://github.com/acme/k8s-manifests.git', manifest: 'apps/orders-api/overlays/prod/kustomization.yaml', reason: 'health check failed')",
  },
];
