// The step registry: every pipewright library step a generated Jenkinsfile calls, as data (name, arguments, defaults, plugins, helpers).
import { flags, type HelperFlag, approveFlag, argoFlag, backupFlag, restoreFlag, databaseFlag, bumpFlag, rollbackFlag, gitopsFlag, coverageFlag, healthFlag, notifyFlag, metricsFlag, trivyFlag, testSummaryFlag } from './helper-flags.js';
import type { ArgumentType, LibraryStep, StepArgument, StepBinary } from './step-types.js';
import * as creds from './step-credentials.js';
// The registry's entry types and the internal vars are part of what its readers import from here.
export type * from './step-types.js';
export * from './internal-vars.js';


const arg = (name: string, type: ArgumentType, description: string, flag: HelperFlag | null, extra: { required?: boolean; default?: unknown } = {}): StepArgument => ({
  name,
  type,
  required: extra.required ?? false,
  ...(extra.default !== undefined ? { default: extra.default } : {}),
  description,
  flag,
});
const required = { required: true };

const helperTool = (name: string, ...when: Array<{ argument: string; pattern: string }>): StepBinary => ({ name, where: 'helpers', ...(when.length ? { when } : {}) });
const NODE = helperTool('node');
/** The GitOps helpers spawn git, and ssh for an ssh repository URL. */
const GIT_TOOLS: StepBinary[] = [NODE, helperTool('git'), helperTool('ssh', { argument: 'repo', pattern: '^(?!https://)' })];
/** readJSON, writeJSON and findFiles: every step that reads a helper's result file uses them. */
const UTILITY_STEPS = 'pipeline-utility-steps';

/** The borrowed-agent argument, shared by every step that can run where no agent is held. */
const AGENT_ARGUMENT = arg(
  'agent',
  'map',
  "Where to run the helper when the stage holds no agent: [label: 'linux'], [docker: [image: 'node:20-bookworm']] or [kubernetes: [inheritFrom: '…', nodeImage: 'node:20-bookworm', serviceAccount: '…', namespace: '…']] (a one-container pod).",
  null,
);


const environment = (flag: HelperFlag | null): StepArgument => arg('environment', 'string', 'The environment name, as in pipeline.yaml.', flag, required);
const app = (flag: HelperFlag): StepArgument => arg('app', 'string', 'The application name.', flag, required);
const ENVIRONMENT = environment(approveFlag('environment'));
/** The GitOps helpers (release-hold, bump-image, deploy-history, rollback) all take it. */
const GITOPS_ENVIRONMENT = environment(flags('release-hold', 'bump-image', 'deploy-history', 'rollback')('environment'));
/** Steps whose helper has no environment flag use the name in their messages only. */
const ENVIRONMENT_NAME = environment(null);
/** The image and tag arguments: passed to a helper in some steps, used by the step itself in others. */
const image = (flag: HelperFlag | null): StepArgument => arg('image', 'string', 'The image name without tag: registry URL and repository.', flag, required);
const tag = (flag: HelperFlag | null): StepArgument =>
  arg('tag', 'string', 'The tag scheme: {build}, {shortCommit}, {commit} and {branch} are replaced from the build.', flag, { default: '{build}-{shortCommit}' });

const GITOPS_ARGUMENTS: StepArgument[] = [
  arg('repo', 'string', 'The manifests repository clone URL.', gitopsFlag('repo'), required),
  arg('branch', 'string', 'The manifests repository branch.', gitopsFlag('branch'), { default: 'main' }),
  arg('method', 'string', 'push, github-api or pull-request.', bumpFlag('method'), { default: 'push' }),
  arg('manifest', 'string', "The file holding the environment's image.", gitopsFlag('manifest'), required),
  arg('format', 'string', 'auto, kustomize, helm or plain.', gitopsFlag('format'), { default: 'auto' }),
  arg('container', 'string', "Only this container's image is changed.", gitopsFlag('container')),
  arg('helmKeyPath', 'string', 'For Helm values: the key path of the image block.', gitopsFlag('helm-key-path')),
];
/** The manifests repository facts pwBumpManifest and pwRollback share (argument -> fact). */
const GITOPS_FACTS: Record<string, string> = {
  app: 'app', image: 'image', repo: 'repo', branch: 'branch', method: 'method', manifest: 'manifest', format: 'format', container: 'container', helmKeyPath: 'helmKeyPath',
  credentialsId: 'gitCredentials',
};

/** Where the environment's PostgreSQL runs: the same two arguments for the backup and the restore. */
const DATABASE_CONNECTION: StepArgument[] = [
  arg('host', 'string', 'The database host.', databaseFlag('host'), required),
  arg('port', 'integer', 'The database port.', databaseFlag('port'), { default: 5432 }),
  arg('sslmode', 'string', "libpq's sslmode: require (TLS, the default), verify-ca, verify-full, or the cleartext opt-outs prefer, allow, disable.", databaseFlag('sslmode'), { default: 'require' }),
];

export const STEPS: LibraryStep[] = [
  {
    name: 'pwApprove',
    description:
      'The four-eyes check after the stage-level input: refuses when the approver is the commit author (PW_COMMIT_AUTHOR_EMAIL from pwCheckout, matched through identities) or the user who started the build, and, with requireReview, when the commit did not come through an approved pull request.',
    helpers: ['approve'],
    binaries: [NODE],
    plugins: ['workflow-basic-steps', UTILITY_STEPS],
    agent: 'borrows',
    credentials: creds.GITHUB_CREDENTIALS,
    arguments: [
      ENVIRONMENT,
      arg('approver', 'expression', "The approving user's ID: the input's submitterParameter, env.PW_APPROVER.", approveFlag('approver'), required),
      arg('submitters', 'list<string>', 'Users or groups allowed to approve (empty: anyone who may build); passed comma-separated.', approveFlag('submitters'), { default: [] }),
      arg('fourEyes', 'boolean', 'The approver may be neither the commit author nor the user who started the build (false: the step passes --author-email and --started-by to nobody).', null, { default: true }),
      arg('requireReview', 'boolean', 'Require a merged pull request with an approving review of the commit (the step passes --repository from the checkout).', approveFlag('require-review'), { default: false }),
      arg('identities', 'map<string,list<string>>', 'Jenkins user ID to the git author e-mails of the same person; the step writes it to a JSON file.', approveFlag('identities'), { default: {} }),
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
    facts: { server: 'argocdServer', application: 'argocdApp', mode: 'sync', strategy: 'strategy', image: 'image', tag: 'tag', timeout: 'syncTimeout', credentialsId: 'argocdCredentials' },
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
      ...DATABASE_CONNECTION,
      arg('database', 'string', 'The database name.', backupFlag('database'), required),
      arg('backupDir', 'string', 'A folder on storage the agents share.', backupFlag('dir'), required),
      arg('retention', 'integer', 'How many backups to keep.', backupFlag('retention'), { default: 7 }),
      creds.DATABASE_CREDENTIALS_ID,
    ],
    example: "pwBackupDatabase(environment: 'prod', app: 'orders-api', host: 'db.internal', database: 'orders', backupDir: '/backups/orders', credentialsId: 'orders-db')",
  },
  {
    name: 'pwBuildImage',
    description:
      'Builds the image once from a (multi-stage) Dockerfile into the tarball .pipewright/image.tar that pwScanImage scans and pwPushImage pushes: with kaniko (in the pod\'s kaniko container, --no-push --tar-path) or with docker (docker build, then docker save). The builder reads a copy of the context without .pipewright/, so pipewright\'s own files never reach the image. Nothing is pushed.',
    helpers: [],
    binaries: [{ name: 'docker', where: 'build', when: [{ argument: 'builder', pattern: '^docker$' }] }],
    plugins: ['kubernetes', UTILITY_STEPS],
    agent: 'held',
    credentials: [],
    arguments: [
      image(null),
      tag(null),
      arg('alsoTag', 'list<string>', 'Extra tags (same scheme).', null, { default: [] }),
      arg('dockerfile', 'string', 'The Dockerfile.', null, { default: 'Dockerfile' }),
      arg('context', 'string', 'The build context folder.', null, { default: '.' }),
      arg('target', 'string', 'The multi-stage build target.', null),
      arg('buildArgs', 'map<string,string>', 'Build arguments (never secrets).', null, { default: {} }),
      arg('builder', 'string', 'docker or kaniko.', null, { default: 'docker' }),
    ],
    example: "pwBuildImage(image: '123456789012.dkr.ecr.eu-west-1.amazonaws.com/orders-api', target: 'runtime')",
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
      GITOPS_ENVIRONMENT,
      app(bumpFlag('app')),
      image(bumpFlag('image')),
      tag(bumpFlag('tag')),
      ...GITOPS_ARGUMENTS,
      arg('releaseHold', 'boolean', "Release a manual rollback's hold first (release-hold): a person's decision that the environment takes new versions again.", null, { default: false }),
      arg('strategy', 'string', "The deployment table's strategy for the environment (rolling or blue-green): the manifest must deploy that way.", bumpFlag('strategy')),
      arg('replicas', 'integer', "The deployment table's replicas: the manifest must run that many.", bumpFlag('replicas')),
      arg('resources', 'string', "The deployment table's resources profile (minimal, medium or full): the manifest's requests and limits must match it.", bumpFlag('resources')),
      arg('onMismatch', 'string', 'A manifest that disagrees with the deployment table: warn (the build turns unstable) or fail (the bump is refused).', bumpFlag('on-mismatch'), { default: 'warn' }),
      creds.GITOPS_CREDENTIALS_ID,
    ],
    example:
      "pwBumpManifest(environment: 'dev', app: 'orders-api', image: 'registry.local/orders-api', repo: 'https://github.com/acme/k8s-manifests.git', manifest: 'apps/orders-api/overlays/dev/kustomization.yaml')",
  },
  {
    name: 'pwCheckout',
    description: 'Checks out the commit being built and exports GIT_COMMIT, GIT_URL, PW_SHORT_COMMIT and PW_COMMIT_AUTHOR_EMAIL to later stages (other agents included). Ends the build as NOT_BUILT when the commit is pipewright\'s own manifest commit (trailer Pipewright-Action): the loop guard for a repository that is its own GitOps repository.',
    helpers: [],
    binaries: [helperTool('git')],
    plugins: ['git'],
    agent: 'held',
    credentials: [],
    arguments: [],
    example: 'pwCheckout()',
  },
  {
    name: 'pwCoverageGate',
    description: 'Publishes the coverage report (Coverage plugin) and fails the build when line coverage is not above the minimum.',
    helpers: ['gate-coverage'],
    binaries: [NODE],
    plugins: ['coverage', UTILITY_STEPS],
    agent: 'held',
    credentials: [],
    arguments: [
      arg('report', 'string', 'The coverage report.', coverageFlag('file'), required),
      arg('format', 'string', 'cobertura, lcov or jacoco.', coverageFlag('format'), { default: 'cobertura' }),
      arg('min', 'number', 'Line coverage must be above this percentage.', coverageFlag('min'), { default: 80 }),
    ],
    example: "pwCoverageGate(report: 'reports/coverage.xml', min: 80)",
  },
  {
    name: 'pwHealthCheck',
    description:
      'Polls the health URL until it answers 2xx (and contains expectBody) within the timeout; with Prometheus checks, then re-evaluates them for the watch period. Failing fails the stage, which triggers the rollback.',
    helpers: ['health-check'],
    binaries: [NODE],
    plugins: [UTILITY_STEPS],
    agent: 'borrows',
    facts: { url: 'healthUrl', expectBody: 'healthExpectBody', timeout: 'healthTimeout', app: 'app', namespace: 'namespace', prometheus: 'prometheus', watch: 'metricsWindow', checks: 'metricsChecks' },
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
      arg('checks', 'list<map>', "Metric checks: [[name: '…', preset: 'error-rate' or query: '…', max: 0.01, min: …]]; the step writes them to a JSON file.", healthFlag('checks')),
      AGENT_ARGUMENT,
    ],
    example: "pwHealthCheck(environment: 'prod', url: 'https://orders.acme.com/healthz', timeout: '30s')",
  },
  {
    name: 'pwNotify',
    description:
      'Sends an event to its route: Slack through the incoming webhook, e-mail through Email Extension. A failed notification only warns unless failBuild is set.',
    helpers: ['notify'],
    binaries: [NODE],
    plugins: ['credentials-binding', 'email-ext', UTILITY_STEPS],
    agent: 'borrows',
    facts: { app: 'app', slackCredentialsId: 'slackCredentials' },
    credentials: creds.SLACK_CREDENTIALS,
    arguments: [
      arg('event', 'string', 'success, failure (an unstable or aborted build too: the message says which), security (sent only when the image scan found something), deployment, approval, approval-expired, awaiting-sync or rollback.', notifyFlag('event'), required),
      arg('targets', 'list<string>', 'slack, email, slack:#channel or email:address: the step runs the helper once per Slack channel (--channel) and mails the rendered --email-out once.', null, required),
      app(notifyFlag('app')),
      arg('environment', 'string', 'The environment the event is about.', notifyFlag('environment')),
      arg('slackChannel', 'string', 'The channel for plain "slack" targets (default: the webhook\'s own).', notifyFlag('channel')),
      arg('emailTo', 'list<string>', 'The addresses for plain "email" targets.', null, { default: [] }),
      arg('emailFrom', 'string', 'The sender address.', null),
      arg('approvers', 'list<string>', 'approval: who may approve; passed comma-separated.', notifyFlag('approvers')),
      arg('approvalTimeout', 'duration', 'approval: how long the request stays open.', notifyFlag('approval-timeout')),
      arg('failBuild', 'boolean', 'A failed notification fails the build.', notifyFlag('fail-on-error'), { default: false }),
      creds.SLACK_CREDENTIALS_ID,
      AGENT_ARGUMENT,
    ],
    example: "pwNotify(event: 'failure', targets: ['slack', 'email'], app: 'orders-api', slackChannel: '#deploys', emailTo: ['team@acme.com'])",
  },
  {
    name: 'pwPreflight',
    description:
      "Runs before any side effect (first in the build and in each deploy stage): checks that each container, or the agent itself, has the programs the stage's steps run (the registry's binaries), and fails in seconds with one message naming the container, the missing programs and the pipeline.yaml field that chooses the image.",
    helpers: [],
    binaries: [],
    plugins: [],
    agent: 'held',
    credentials: [],
    arguments: [
      arg(
        'checks',
        'list<map>',
        "[[container: 'node' (on Kubernetes; empty: where the stage runs), image: 'node:20-bookworm', tools: ['node', 'git'], field: 'agent.kubernetes.nodeImage']]: the field the message tells the user to change.",
        null,
        required,
      ),
    ],
    example: "pwPreflight(checks: [[container: 'node', image: 'node:20-bookworm', tools: ['node', 'git'], field: 'agent.kubernetes.nodeImage']])",
  },
  {
    name: 'pwPushImage',
    description:
      'Pushes the tarball pwBuildImage wrote and pwScanImage scanned (refusing one whose checksum changed since the scan) with crane, in the helper environment: nothing is rebuilt. The extra tags name the pushed digest; the tag, digest and commit are stashed as the build facts a restarted deploy stage reads. ECR signs in through docker-credential-ecr-login (the AWS keys bound around the call, or the agent\'s role), Docker Hub and generic registries with username and password.',
    helpers: [],
    binaries: [helperTool('crane'), helperTool('docker-credential-ecr-login', { argument: 'registry', pattern: '^ecr$' })],
    plugins: ['credentials-binding', UTILITY_STEPS],
    agent: 'held',
    credentials: creds.REGISTRY_CREDENTIALS,
    arguments: [
      image(null),
      tag(null),
      arg('alsoTag', 'list<string>', 'Extra tags (same scheme).', null, { default: [] }),
      arg('registry', 'string', 'ecr, dockerhub or generic.', null, required),
      arg('registryUrl', 'string', 'The registry host (docker.io for Docker Hub).', null, required),
      arg('region', 'string', 'The AWS region (ECR).', null),
      arg('builder', 'string', 'docker or kaniko: how the image was built (either way pwBuildImage left a tarball).', null, { default: 'docker' }),
      creds.REGISTRY_CREDENTIALS_ID,
    ],
    example: "pwPushImage(image: 'docker.io/acme/orders-api', registry: 'dockerhub', registryUrl: 'docker.io')",
  },
  {
    name: 'pwRecordMetrics',
    description: "Records the build's stages, durations, result, test and coverage figures, vulnerability counts and deployments as one build record for `pipewright report`.",
    helpers: ['record-metrics'],
    binaries: [NODE],
    plugins: [UTILITY_STEPS],
    agent: 'borrows',
    facts: { app: 'app' },
    credentials: [],
    arguments: [app(metricsFlag('app')), AGENT_ARGUMENT],
    example: "pwRecordMetrics(app: 'orders-api')",
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
      ...DATABASE_CONNECTION,
      arg('database', 'string', 'The database name (also passed as --confirm, which the restore demands).', restoreFlag('database'), required),
      arg('backupDir', 'string', 'The folder the backups are in.', restoreFlag('dir'), required),
      arg('backup', 'string', 'The backup to restore: latest or a backup name.', restoreFlag('backup'), { default: 'latest' }),
      creds.DATABASE_CREDENTIALS_ID,
    ],
    example: "pwRestoreDatabase(environment: 'prod', app: 'orders-api', host: 'db.internal', database: 'orders', backupDir: '/backups/orders', credentialsId: 'orders-db')",
  },
  {
    name: 'pwRollback',
    description:
      "Restores the environment's previous image in the manifests repository (or the given revision from the deploy history) and records it. A manual rollback sets a release hold, so automation does not deploy over it until released; an automatic one sets none and marks the abandoned tag as failed.",
    helpers: ['deploy-history', 'rollback'],
    binaries: GIT_TOOLS,
    plugins: ['credentials-binding', UTILITY_STEPS],
    agent: 'borrows',
    facts: GITOPS_FACTS,
    credentials: creds.GITOPS_CREDENTIALS,
    arguments: [
      GITOPS_ENVIRONMENT,
      app(rollbackFlag('app')),
      image(rollbackFlag('image')),
      // A rollback needs the repository's history, so it always pushes with git (the token of the API methods works for that too).
      ...GITOPS_ARGUMENTS.map((a) => (a.name === 'method' ? { ...a, flag: null } : a)),
      arg('revision', 'expression', 'The deploy-history revision to restore: a number N goes back N deployments (--steps N), anything else is a tag (--to TAG); empty: the one before the current.', null),
      arg('reason', 'string', 'Why: recorded in the commit and the deploy history.', rollbackFlag('reason'), required),
      arg('automatic', 'boolean', 'An automatic rollback after a failed deploy or health check: sets no hold and marks the abandoned tag as failed; a manual one (false) sets a release hold.', rollbackFlag('automatic'), { default: false }),
      creds.GITOPS_CREDENTIALS_ID,
      AGENT_ARGUMENT,
    ],
    example:
      "pwRollback(environment: 'prod', app: 'orders-api', image: 'registry.local/orders-api', repo: 'https://github.com/acme/k8s-manifests.git', manifest: 'apps/orders-api/overlays/prod/kustomization.yaml', reason: 'health check failed')",
  },
  {
    name: 'pwScanImage',
    description:
      'Scans the image tarball pwBuildImage wrote with Trivy (trivy image --input, its settings pinned so a trivy.yaml, .trivyignore or trivy-secret.yaml in the repository changes nothing), records the tarball\'s checksum for pwPushImage, and applies the policy: a finding at a failOn severity fails the build, one at a warnOn severity marks it unstable with a warning; only pipeline.yaml\'s ignore entries are accepted, and expired ones stop ignoring.',
    helpers: ['gate-trivy'],
    binaries: [NODE, { name: 'trivy', where: 'build', when: [{ argument: 'builder', pattern: '^docker$' }] }],
    plugins: ['kubernetes', UTILITY_STEPS],
    agent: 'held',
    credentials: [],
    arguments: [
      image(null),
      tag(null),
      arg('builder', 'string', 'docker or kaniko: where Trivy runs (kaniko: the pod\'s trivy container; docker: the build container).', null, { default: 'docker' }),
      arg('failOn', 'list<string>', 'Severities that fail the build.', trivyFlag('fail-on'), { default: ['CRITICAL', 'HIGH'] }),
      arg('warnOn', 'list<string>', 'Severities that mark the build unstable.', trivyFlag('warn-on'), { default: ['MEDIUM', 'LOW'] }),
      arg('ignoreUnfixed', 'boolean', 'Skip vulnerabilities with no fixed version.', trivyFlag('ignore-unfixed'), { default: false }),
      arg('scanners', 'list<string>', 'vuln, secret, misconfig.', null, { default: ['vuln', 'secret'] }),
      arg('ignore', 'list<map>', "Accepted findings: [[id: 'CVE-…', until: 'YYYY-MM-DD', reason: '…']]; the step writes them to a JSON file.", trivyFlag('ignore-file'), { default: [] }),
      arg('trivyImage', 'string', 'The Trivy image (Kubernetes agents run it as a container).', null, { default: 'aquasec/trivy:0.58.1' }),
      arg('report', 'string', 'Where the JSON report is written.', trivyFlag('file'), { default: 'reports/trivy.json' }),
    ],
    example: "pwScanImage(image: 'registry.local/orders-api', failOn: ['CRITICAL', 'HIGH'], warnOn: ['MEDIUM'])",
  },
  {
    name: 'pwTestSummary',
    description: 'Summarises the JUnit results (counts and the first failures) for notifications and the build record; runs in post always after junit.',
    helpers: ['test-summary'],
    binaries: [NODE],
    plugins: ['junit', UTILITY_STEPS],
    agent: 'held',
    credentials: [],
    arguments: [arg('junit', 'string', 'The JUnit XML files (Ant glob); the step passes each file found.', testSummaryFlag('file'), required)],
    example: "pwTestSummary(junit: 'reports/junit.xml')",
  },
];

export const STEP_BY_NAME: ReadonlyMap<string, LibraryStep> = new Map(STEPS.map((s) => [s.name, s]));

/** Every step prefix: no Jenkins core or plugin step starts with it. */
export const STEP_PREFIX = 'pw';
