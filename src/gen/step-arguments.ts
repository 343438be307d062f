// The step registry's shared argument builders and argument lists: what several library steps take alike.
import { flags, approveFlag, databaseFlag, bumpFlag, gitopsFlag, type HelperFlag } from './helper-flags.js';
import type { ArgumentType, StepArgument, StepBinary } from './step-types.js';

export const arg = (
  name: string,
  type: ArgumentType,
  description: string,
  flag: HelperFlag | null,
  extra: { required?: boolean; default?: unknown } = {},
): StepArgument => ({
  name,
  type,
  required: extra.required ?? false,
  ...(extra.default !== undefined ? { default: extra.default } : {}),
  description,
  flag,
});
export const required = { required: true };

export const helperTool = (name: string, ...when: Array<{ argument: string; pattern: string }>): StepBinary => ({
  name,
  where: 'helpers',
  ...(when.length ? { when } : {}),
});
export const NODE = helperTool('node');
/** The GitOps helpers spawn git, and ssh for an ssh repository URL. */
export const GIT_TOOLS: StepBinary[] = [NODE, helperTool('git'), helperTool('ssh', { argument: 'repo', pattern: '^(?!https://)' })];
/** readJSON, writeJSON and findFiles: every step that reads a helper's result file uses them. */
export const UTILITY_STEPS = 'pipeline-utility-steps';

/** The borrowed-agent argument, shared by every step that can run where no agent is held. */
export const AGENT_ARGUMENT = arg(
  'agent',
  'map',
  "Where to run the helper when the stage holds no agent: [label: 'linux'], [docker: [image: 'node:20-bookworm']] or [kubernetes: [inheritFrom: '…', nodeImage: 'node:20-bookworm', serviceAccount: '…', namespace: '…']] (a one-container pod).",
  null,
);

export const environment = (flag: HelperFlag | null): StepArgument =>
  arg('environment', 'string', 'The environment name, as in pipeline.yaml.', flag, required);
export const app = (flag: HelperFlag): StepArgument => arg('app', 'string', 'The application name.', flag, required);
export const ENVIRONMENT = environment(approveFlag('environment'));
/** The GitOps helpers (release-hold, bump-image, deploy-history, rollback) all take it. */
export const GITOPS_ENVIRONMENT = environment(flags('release-hold', 'bump-image', 'deploy-history', 'rollback')('environment'));
/** Steps whose helper has no environment flag use the name in their messages only. */
export const ENVIRONMENT_NAME = environment(null);
/** The image and tag arguments: passed to a helper in some steps, used by the step itself in others. */
export const image = (flag: HelperFlag | null): StepArgument =>
  arg('image', 'string', 'The image name without tag: registry URL and repository.', flag, required);
export const tag = (flag: HelperFlag | null): StepArgument =>
  arg('tag', 'string', 'The tag scheme: {build}, {shortCommit}, {commit} and {branch} are replaced from the build.', flag, {
    default: '{build}-{shortCommit}',
  });

export const GITOPS_ARGUMENTS: StepArgument[] = [
  arg('repo', 'string', 'The manifests repository clone URL.', gitopsFlag('repo'), required),
  arg('branch', 'string', 'The manifests repository branch.', gitopsFlag('branch'), { default: 'main' }),
  arg('method', 'string', 'push, github-api or pull-request.', bumpFlag('method'), { default: 'push' }),
  arg('manifest', 'string', "The file holding the environment's image.", gitopsFlag('manifest'), required),
  arg('format', 'string', 'auto, kustomize, helm or plain.', gitopsFlag('format'), { default: 'auto' }),
  arg('container', 'string', "Only this container's image is changed.", gitopsFlag('container')),
  arg('helmKeyPath', 'string', 'For Helm values: the key path of the image block.', gitopsFlag('helm-key-path')),
];
/** The manifests repository facts pwBumpManifest and pwRollback share (argument -> fact). */
export const GITOPS_FACTS: Record<string, string> = {
  app: 'app',
  image: 'image',
  repo: 'repo',
  branch: 'branch',
  method: 'method',
  manifest: 'manifest',
  format: 'format',
  container: 'container',
  helmKeyPath: 'helmKeyPath',
  credentialsId: 'gitCredentials',
};

/** Where the environment's PostgreSQL runs: the same two arguments for the backup and the restore. */
export const DATABASE_CONNECTION: StepArgument[] = [
  arg('host', 'string', 'The database host.', databaseFlag('host'), required),
  arg('port', 'integer', 'The database port.', databaseFlag('port'), { default: 5432 }),
  arg(
    'sslmode',
    'string',
    "libpq's sslmode: require (TLS, the default), verify-ca, verify-full, or the cleartext opt-outs prefer, allow, disable.",
    databaseFlag('sslmode'),
    { default: 'require' },
  ),
];
