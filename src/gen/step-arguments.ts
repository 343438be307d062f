// The step registry's shared argument builders and argument lists: what several library steps take alike.
import { approveFlag, type HelperRoute, type Router } from './helper-flags.js';
import type { ArgumentType, StepArgument, StepBinary } from './step-types.js';

export const arg = (
  name: string,
  type: ArgumentType,
  description: string,
  route: HelperRoute | null,
  extra: { required?: boolean; default?: unknown } = {},
): StepArgument => ({
  name,
  type,
  required: extra.required ?? false,
  ...(extra.default !== undefined ? { default: extra.default } : {}),
  description,
  flag: route?.flag ?? null,
  to: route?.to ?? [],
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
  "Where to run the helper when the stage holds no agent: [label: 'linux'], [docker: [image: 'node:20-bookworm']] or [kubernetes: [inheritFrom: '…', nodeImage: 'node:20-bookworm', serviceAccount: '…', namespace: '…']] (a one-container pod). A generated Jenkinsfile leaves it to its facts' shared agent, which the step takes only where no node is held (no NODE_NAME).",
  null,
);

/**
 * The borrowed agent as a shared fact (src/gen/facts.ts): written once in the Jenkinsfile's facts, not in every call of
 * an agent-less stage. pwInternal.environmentFacts fills it only where no node is held, so a step in a stage with an
 * agent still runs there.
 */
export const AGENT_FACT = { agent: 'agent' } as const;

export const environment = (route: HelperRoute | null): StepArgument =>
  arg('environment', 'string', 'The environment name, as in pipeline.yaml.', route, required);
export const app = (route: HelperRoute): StepArgument => arg('app', 'string', 'The application name.', route, required);
export const ENVIRONMENT = environment(approveFlag('environment'));
/** Steps whose helper has no environment flag use the name in their messages only. */
export const ENVIRONMENT_NAME = environment(null);
/** The image and tag arguments: passed to a helper in some steps, used by the step itself in others. */
export const image = (route: HelperRoute | null): StepArgument =>
  arg('image', 'string', 'The image name without tag: registry URL and repository.', route, required);
export const tag = (route: HelperRoute | null): StepArgument =>
  arg('tag', 'string', 'The tag scheme: {build}, {shortCommit}, {commit} and {branch} are replaced from the build.', route, {
    default: '{build}-{shortCommit}',
  });

/**
 * The manifests repository arguments, routed by the step: `repo` to the helpers that read the repository (repo,
 * branch), `manifest` to those that read the manifest (manifest, format, container, helmKeyPath), `method` to the one
 * that commits (null: the step always pushes with git).
 */
export const gitopsArguments = (
  repo: Router<'repo' | 'branch'>,
  manifest: Router<'manifest' | 'format' | 'container' | 'helm-key-path'>,
  method: Router<'method'> | null,
): StepArgument[] => [
  arg('repo', 'string', 'The manifests repository clone URL.', repo('repo'), required),
  arg('branch', 'string', 'The manifests repository branch.', repo('branch'), { default: 'main' }),
  arg('method', 'string', 'push, github-api or pull-request.', method ? method('method') : null, { default: 'push' }),
  arg('manifest', 'string', "The file holding the environment's image.", manifest('manifest'), required),
  arg('format', 'string', 'auto, kustomize, helm or plain.', manifest('format'), { default: 'auto' }),
  arg('container', 'string', "Only this container's image is changed.", manifest('container')),
  arg('helmKeyPath', 'string', 'For Helm values: the key path of the image block.', manifest('helm-key-path')),
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

/** Where the environment's PostgreSQL runs: the same arguments for the backup and the restore, routed to the step's helper. */
export const databaseConnection = (database: Router<'host' | 'port' | 'sslmode'>): StepArgument[] => [
  arg('host', 'string', 'The database host.', database('host'), required),
  arg('port', 'integer', 'The database port.', database('port'), { default: 5432 }),
  arg(
    'sslmode',
    'string',
    "libpq's sslmode: require (TLS, the default), verify-ca, verify-full, or the cleartext opt-outs prefer, allow, disable.",
    database('sslmode'),
    { default: 'require' },
  ),
];
