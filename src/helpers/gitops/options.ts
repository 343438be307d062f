// Command-line options shared by the GitOps helpers, declared with their checks, and what they make (the destination, the image target, the deployment table).
import type { OptionSpecs, ParsedOptions } from '../shared/options.js';
import { HelperUsageError } from '../shared/usage-error.js';
import type { Destination } from './apply.js';
import type { GitHubOptions } from './github.js';
import type { DeploymentExpectation } from './deployment-check.js';
import { isValidDigest, isValidTag } from './image-ref.js';
import type { ImageTarget } from './occurrence.js';
import { NAME_CHECK } from './records.js';
import type { RepoOptions } from './write-back.js';

export { NAME_CHECK };

export const TAG_CHECK = { valid: isValidTag, problem: 'is not an image tag' };
export const DIGEST_CHECK = { valid: isValidDigest, problem: 'is not a digest like sha256:<hex>' };

/** A path inside the repository: relative, no "..", backslashes read as slashes. */
const MANIFEST_CHECK = {
  valid: (v: string) => !manifestPath(v).startsWith('/') && !manifestPath(v).split('/').includes('..'),
  problem: 'must be a path inside the repository',
};

export const REPO_OPTIONS = {
  repo: {
    type: 'string',
    valueName: 'URL|PATH',
    description: 'manifests repository to clone (shallow) and push to; without it the files under --workdir are edited in place',
  },
  branch: {
    type: 'string',
    valueName: 'BRANCH',
    default: 'main',
    check: { valid: (v: string) => /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(v) && !v.includes('..'), problem: 'is not a branch name' },
    description: 'branch of the manifests repository',
  },
  checkout: { type: 'string', valueName: 'DIR', description: 'reuse (or create) this checkout instead of a temporary clone' },
  workdir: { type: 'string', valueName: 'DIR', description: 'without --repo: the folder the manifest path is relative to (default: the current folder)' },
  attempts: {
    type: 'integer',
    valueName: 'N',
    min: 1,
    max: 100,
    default: 8,
    description: 'attempts in all for a push (rejected or failed) and for each clone or fetch',
  },
  'backoff-ms': {
    type: 'integer',
    valueName: 'MS',
    min: 0,
    max: 60_000,
    default: 250,
    description: 'first retry delay, doubled each retry with jitter, capped at 5000',
  },
  'build-url': { type: 'string', valueName: 'URL', description: 'the Jenkins build, recorded in the commit message' },
  'git-timeout': {
    type: 'duration',
    min: '100ms',
    max: '1h',
    default: '120s',
    description: 'each git command (clone, fetch, push, …) is killed, with every process it started, after this long (e.g. 30s, 2m)',
  },
} as const satisfies OptionSpecs;

export const TARGET_OPTIONS = {
  app: { type: 'string', required: true, valueName: 'APP', check: NAME_CHECK, description: 'application name (commit message, history, hold records)' },
  environment: { type: 'string', deprecatedAlias: 'env', required: true, valueName: 'ENV', check: NAME_CHECK, description: 'environment name' },
  manifest: {
    type: 'string',
    required: true,
    valueName: 'PATH',
    check: MANIFEST_CHECK,
    description: 'manifest, kustomization or values file, relative to the repository root',
  },
  image: {
    type: 'string',
    required: true,
    valueName: 'NAME',
    description: 'image name without tag, e.g. ghcr.io/acme/orders-api (Docker Hub short names match docker.io/library/…)',
  },
  format: {
    type: 'string',
    valueName: 'FORMAT',
    default: 'auto',
    choices: ['auto', 'kustomize', 'helm', 'plain'],
    description: 'the manifest format (auto: from the file)',
  },
  container: {
    type: 'string',
    valueName: 'NAME',
    description: 'plain manifests: only the container with this name (default: every container running the image)',
  },
  'helm-key-path': { type: 'string', valueName: 'KEYS', description: 'Helm values: dotted path of the image block or image string, e.g. backend.image' },
} as const satisfies OptionSpecs;

export const GITHUB_OPTIONS = {
  method: {
    type: 'string',
    valueName: 'METHOD',
    default: 'push',
    choices: ['push', 'github-api', 'pull-request'],
    description: 'push (git) | github-api (a commit through the API) | pull-request (a pull request per app and environment, reused while open)',
  },
  'github-repo': { type: 'string', valueName: 'OWNER/NAME', description: 'repository for the API methods (default: taken from a github.com --repo URL)' },
  'github-api-url': { type: 'url', default: 'https://api.github.com', description: 'GitHub API root (GitHub Enterprise: https://HOST/api/v3)' },
} as const satisfies OptionSpecs;

/** The deployment-table options of bump-image: what the manifest must already say. */
export const EXPECTATION_OPTIONS = {
  strategy: { type: 'string', valueName: 'rolling|blue-green', choices: ['rolling', 'blue-green'], description: 'deployment table: expected strategy' },
  replicas: {
    type: 'string',
    valueName: 'N|N+',
    check: { valid: /^\d+\+?$/, problem: 'is not a number, or N+ for at least N' },
    description: 'deployment table: expected replicas (N+ for at least N)',
  },
  resources: {
    type: 'string',
    valueName: 'minimal|medium|full',
    choices: ['minimal', 'medium', 'full'],
    description: 'deployment table: expected resources profile',
  },
} as const satisfies OptionSpecs;

type RepoParsed = Omit<ParsedOptions<typeof REPO_OPTIONS>, 'build-url'>;
type TargetParsed = ParsedOptions<typeof TARGET_OPTIONS>;
type GitHubParsed = ParsedOptions<typeof GITHUB_OPTIONS>;

type AppEnv = Pick<TargetParsed, 'app' | 'environment'>;

/** The repository (or, without --repo, the folder) a helper edits; `github` for the helpers that take the GitHub API options. */
export function destination(options: RepoParsed & AppEnv, github: GitHubParsed | null = null, env: NodeJS.ProcessEnv = process.env): Destination {
  return { repo: repoOptions(options), workdir: options.workdir ?? '.', github: github && githubOptions({ ...options, ...github }, env) };
}

/** The GitHub API destination for --method github-api|pull-request; the token comes from GITHUB_TOKEN (or GIT_PASSWORD, GIT_TOKEN) only. */
export function githubOptions(options: RepoParsed & GitHubParsed & AppEnv, env: NodeJS.ProcessEnv): GitHubOptions | null {
  const method = options.method;
  if (method === 'push') return null;
  const fromUrl = /github\.com[/:]([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(options.repo ?? '')?.[1];
  const repository = options['github-repo'] ?? fromUrl;
  if (!repository || !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository))
    throw new HelperUsageError(`--method ${method} needs --github-repo OWNER/NAME (or a github.com --repo URL)`);
  const token = env.GITHUB_TOKEN || env.GIT_PASSWORD || env.GIT_TOKEN;
  if (!token) throw new HelperUsageError(`--method ${method} needs a token in GITHUB_TOKEN (or GIT_PASSWORD)`);
  return {
    repository,
    branch: options.branch,
    baseUrl: options['github-api-url'],
    token,
    mode: method === 'github-api' ? 'commit' : 'pull-request',
    pullRequestBranch: `pipewright/${options.environment}/${options.app}`,
    attempts: options.attempts,
    backoffMs: options['backoff-ms'],
  };
}

export function repoOptions(options: RepoParsed): RepoOptions | null {
  if (options.repo === undefined) return null;
  return {
    repo: options.repo,
    branch: options.branch,
    checkout: options.checkout ?? null,
    attempts: options.attempts,
    backoffMs: options['backoff-ms'],
    timeoutMs: options['git-timeout'],
  };
}

export function imageTarget(options: TargetParsed): ImageTarget {
  return { image: options.image, container: options.container ?? null, helmKeyPath: options['helm-key-path'] ?? null };
}

/** The manifest path as the repository spells it: backslashes become slashes. */
export function manifestPath(path: string): string {
  return path.replace(/\\/g, '/');
}

export function deploymentExpectation(options: ParsedOptions<typeof EXPECTATION_OPTIONS>): DeploymentExpectation {
  return { strategy: options.strategy ?? null, replicas: options.replicas ?? null, resources: options.resources ?? null };
}

/** Environment variables the GitOps helpers read secrets from (masked in all output, beyond the …TOKEN/…PASSWORD names). */
export const GITOPS_SECRET_ENV = ['GIT_PASSWORD', 'GIT_TOKEN', 'GITHUB_TOKEN'];
