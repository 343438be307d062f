// The registry's credentials: which Jenkins credential each step binds around its helper runs, from which argument, into which variables.
import type { LibraryStep, StepArgument, StepCredential } from './step-types.js';
import type { Value } from '../flow/types.js';

/** A step's credential ID argument: the step binds it itself, so a Jenkinsfile names credential IDs only, never variables. */
function credentialsId(what: string, name = 'credentialsId', required = false): StepArgument {
  return {
    name,
    type: 'string',
    required,
    description: `The ID of the Jenkins credential ${what}; the step binds it around its helper runs.`,
    flag: null,
    to: [],
  };
}

/** The manifests repository: a token for an https URL, an SSH key for an ssh one (the GitOps helpers read either). */
export const GITOPS_CREDENTIALS: StepCredential[] = [
  {
    binding: 'usernamePassword',
    variables: ['PW_GIT_USER', 'PW_GIT_TOKEN'],
    argument: 'credentialsId',
    match: { repo: '^https://' },
    when: 'the manifests repository is an https URL (the token is the password)',
  },
  {
    binding: 'sshUserPrivateKey',
    variables: ['PW_GIT_SSH_KEY'],
    argument: 'credentialsId',
    match: { repo: '^(?!https://)' },
    when: 'the manifests repository is an ssh URL',
  },
];
export const GITOPS_CREDENTIALS_ID = credentialsId(
  'that may push to the manifests repository: username and token for an https URL, an SSH private key for an ssh one',
);

export const ARGOCD_CREDENTIALS: StepCredential[] = [
  { binding: 'string', variables: ['ARGOCD_TOKEN'], argument: 'credentialsId', when: 'a credential is given' },
];
export const ARGOCD_CREDENTIALS_ID = credentialsId('holding an Argo CD API token (secret text)');

/** The database steps' login: pg_dump and pg_restore read PGUSER and PGPASSWORD themselves. */
export const DATABASE_CREDENTIALS: StepCredential[] = [
  { binding: 'usernamePassword', variables: ['PGUSER', 'PGPASSWORD'], argument: 'credentialsId', when: 'always' },
];
export const DATABASE_CREDENTIALS_ID = credentialsId('holding the database login (username and password)', 'credentialsId', true);

export const GITHUB_CREDENTIALS: StepCredential[] = [
  {
    binding: 'usernamePassword',
    variables: ['PW_GITHUB_USER', 'GITHUB_TOKEN'],
    argument: 'githubCredentialsId',
    match: { requireReview: '^true$' },
    when: 'requireReview is true (the GitHub token is the password)',
  },
];
export const GITHUB_CREDENTIALS_ID = credentialsId('whose token may read the pull requests (username and token), for requireReview', 'githubCredentialsId');

/** A list argument matches as its values joined with commas: a slack or slack:#channel target among them. */
export const SLACK_CREDENTIALS: StepCredential[] = [
  { binding: 'string', variables: ['SLACK_WEBHOOK_URL'], argument: 'slackCredentialsId', match: { targets: '(^|,)slack' }, when: 'a target is slack' },
];
export const SLACK_CREDENTIALS_ID = credentialsId('holding the Slack incoming webhook URL (secret text), for slack targets', 'slackCredentialsId');

/** ECR signs in with AWS keys (docker-credential-ecr-login reads them), other registries with a username and password. */
export const REGISTRY_CREDENTIALS: StepCredential[] = [
  {
    binding: 'usernamePassword',
    variables: ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'],
    argument: 'credentialsId',
    match: { registry: '^ecr$' },
    when: 'registry is ecr and a credential is given',
  },
  {
    binding: 'usernamePassword',
    variables: ['PW_REGISTRY_USER', 'PW_REGISTRY_PASSWORD'],
    argument: 'credentialsId',
    match: { registry: '^(?!ecr$)' },
    when: 'registry is dockerhub or generic and a credential is given',
  },
];
export const REGISTRY_CREDENTIALS_ID = credentialsId(
  'that may push to the registry: AWS access keys as username and password for ECR (none: the agent role), else username and password',
);

/**
 * The bindings a call of `step` makes, as pwInternal.credentialBindings decides at run time: each credential whose ID
 * argument is set and whose match patterns find their arguments' values (a list's values joined with commas).
 */
export function credentialsBound(step: LibraryStep, args: Record<string, Value>): Array<{ id: string; binding: StepCredential['binding'] }> {
  const text = (value: Value | undefined): string => (Array.isArray(value) ? value.join(',') : value === undefined || value === null ? '' : String(value));
  return step.credentials.flatMap((c) => {
    const id = args[c.argument];
    if (typeof id !== 'string' || id === '') return [];
    const matches = Object.entries(c.match ?? {}).every(([argument, pattern]) => new RegExp(pattern).test(text(args[argument])));
    return matches ? [{ id, binding: c.binding }] : [];
  });
}
