// Command-line options shared by the GitOps helpers, and their readers (repository, image target, deployment table).
import { HelperUsageError, integerOption, parseDurationMs, type OptionSpecs, type ParsedOptions } from '../shared/cli.js';
import type { Destination } from './apply.js';
import type { GitHubOptions } from './github.js';
import type { DeploymentExpectation } from './deployment-check.js';
import { isValidDigest, isValidTag } from './image-ref.js';
import type { FormatChoice } from './manifest.js';
import type { ImageTarget } from './occurrence.js';
import { checkName } from './records.js';
import type { RepoOptions } from './write-back.js';

export const REPO_OPTIONS: OptionSpecs = {
  repo: { type: 'string', valueName: 'URL|PATH', description: 'manifests repository to clone (shallow) and push to; without it the files under --workdir are edited in place' },
  branch: { type: 'string', valueName: 'BRANCH', default: 'main', description: 'branch of the manifests repository' },
  checkout: { type: 'string', valueName: 'DIR', description: 'reuse (or create) this checkout instead of a temporary clone' },
  workdir: { type: 'string', valueName: 'DIR', description: 'without --repo: the folder the manifest path is relative to (default: the current folder)' },
  attempts: { type: 'string', valueName: 'N', default: '8', description: 'attempts in all for a push (rejected or failed) and for each clone or fetch' },
  'backoff-ms': { type: 'string', valueName: 'MS', default: '250', description: 'first retry delay, doubled each retry with jitter, capped at 5000' },
  'build-url': { type: 'string', valueName: 'URL', description: 'the Jenkins build, recorded in the commit message' },
  'git-timeout': { type: 'string', valueName: 'DURATION', default: '120s', description: 'each git command (clone, fetch, push, …) is killed, with every process it started, after this long (e.g. 30s, 2m)' },
};

export const TARGET_OPTIONS: OptionSpecs = {
  app: { type: 'string', required: true, valueName: 'APP', description: 'application name (commit message, history, hold records)' },
  env: { type: 'string', required: true, valueName: 'ENV', description: 'environment name' },
  manifest: { type: 'string', required: true, valueName: 'PATH', description: 'manifest, kustomization or values file, relative to the repository root' },
  image: { type: 'string', required: true, valueName: 'NAME', description: 'image name without tag, e.g. ghcr.io/acme/orders-api (Docker Hub short names match docker.io/library/…)' },
  format: { type: 'string', valueName: 'FORMAT', default: 'auto', description: 'auto | kustomize | helm | plain' },
  container: { type: 'string', valueName: 'NAME', description: 'plain manifests: only the container with this name (default: every container running the image)' },
  'helm-key-path': { type: 'string', valueName: 'KEYS', description: 'Helm values: dotted path of the image block or image string, e.g. backend.image' },
};

/** The repository (or, without --repo, the folder) a helper edits. */
export function destination(options: ParsedOptions, env: NodeJS.ProcessEnv = process.env): Destination {
  return {
    repo: repoOptions(options),
    workdir: typeof options.workdir === 'string' && options.workdir !== '' ? options.workdir : '.',
    github: githubOptions(options, env),
  };
}

export const GITHUB_OPTIONS: OptionSpecs = {
  method: { type: 'string', valueName: 'METHOD', default: 'push', description: 'push (git) | github-api (a commit through the API) | pull-request (a pull request per app and environment, reused while open)' },
  'github-repo': { type: 'string', valueName: 'OWNER/NAME', description: 'repository for the API methods (default: taken from a github.com --repo URL)' },
  'github-api-url': { type: 'string', valueName: 'URL', default: 'https://api.github.com', description: 'GitHub API root (GitHub Enterprise: https://HOST/api/v3)' },
};

/** The GitHub API destination for --method github-api|pull-request; the token comes from GITHUB_TOKEN (or GIT_PASSWORD, GIT_TOKEN) only. */
export function githubOptions(options: ParsedOptions, env: NodeJS.ProcessEnv): GitHubOptions | null {
  const method = String(options.method ?? 'push');
  if (method === 'push') return null;
  if (method !== 'github-api' && method !== 'pull-request') throw new HelperUsageError(`--method takes push, github-api or pull-request, got "${method}"`);
  const fromUrl = /github\.com[/:]([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(String(options.repo ?? ''))?.[1];
  const repository = optionalString(options, 'github-repo') ?? fromUrl;
  if (!repository || !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(repository)) throw new HelperUsageError(`--method ${method} needs --github-repo OWNER/NAME (or a github.com --repo URL)`);
  const token = env.GITHUB_TOKEN || env.GIT_PASSWORD || env.GIT_TOKEN;
  if (!token) throw new HelperUsageError(`--method ${method} needs a token in GITHUB_TOKEN (or GIT_PASSWORD)`);
  const { app, env: environment } = appAndEnv(options);
  return {
    repository,
    branch: String(options.branch ?? 'main'),
    baseUrl: String(options['github-api-url'] ?? 'https://api.github.com'),
    token,
    mode: method === 'github-api' ? 'commit' : 'pull-request',
    pullRequestBranch: `pipewright/${environment}/${app}`,
    attempts: integerOption(options, 'attempts', 8, 1, 100),
    backoffMs: integerOption(options, 'backoff-ms', 250, 0, 60_000),
  };
}

export function repoOptions(options: ParsedOptions): RepoOptions | null {
  const repo = options.repo;
  if (typeof repo !== 'string' || repo === '') return null;
  const branch = String(options.branch ?? 'main');
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(branch) || branch.includes('..')) throw new HelperUsageError(`--branch "${branch}" is not a branch name`);
  return {
    repo,
    branch,
    checkout: typeof options.checkout === 'string' && options.checkout !== '' ? options.checkout : null,
    attempts: integerOption(options, 'attempts', 8, 1, 100),
    backoffMs: integerOption(options, 'backoff-ms', 250, 0, 60_000),
    timeoutMs: gitTimeoutMs(options),
  };
}

/** --git-timeout as milliseconds: at least 100 ms, at most an hour. */
export function gitTimeoutMs(options: ParsedOptions): number {
  const text = String(options['git-timeout'] ?? '120s');
  const ms = parseDurationMs(text);
  if (ms < 100 || ms > 3_600_000) throw new HelperUsageError(`--git-timeout takes a duration from 100ms to 1h, got "${text}"`);
  return ms;
}

export function imageTarget(options: ParsedOptions): ImageTarget {
  return {
    image: String(options.image),
    container: typeof options.container === 'string' ? options.container : null,
    helmKeyPath: typeof options['helm-key-path'] === 'string' ? options['helm-key-path'] : null,
  };
}

export function formatOption(options: ParsedOptions): FormatChoice {
  const format = String(options.format ?? 'auto');
  if (!['auto', 'kustomize', 'helm', 'plain'].includes(format)) throw new HelperUsageError(`--format takes auto, kustomize, helm or plain, got "${format}"`);
  return format as FormatChoice;
}

export function manifestPath(options: ParsedOptions): string {
  const path = String(options.manifest).replace(/\\/g, '/');
  if (path.startsWith('/') || path.split('/').includes('..')) throw new HelperUsageError(`--manifest "${path}" must be a path inside the repository`);
  return path;
}

export function appAndEnv(options: ParsedOptions): { app: string; env: string } {
  return { app: checkName('app', String(options.app)), env: checkName('env', String(options.env)) };
}

export function tagOption(options: ParsedOptions, name: string): string | null {
  const value = options[name];
  if (value === undefined) return null;
  if (typeof value !== 'string' || !isValidTag(value)) throw new HelperUsageError(`--${name} "${String(value)}" is not an image tag`);
  return value;
}

export function digestOption(options: ParsedOptions): string | null {
  const value = options.digest;
  if (value === undefined) return null;
  if (typeof value !== 'string' || !isValidDigest(value)) throw new HelperUsageError(`--digest "${String(value)}" is not a digest like sha256:<hex>`);
  return value;
}

export function deploymentExpectation(options: ParsedOptions): DeploymentExpectation {
  const strategy = options.strategy;
  if (strategy !== undefined && strategy !== 'rolling' && strategy !== 'blue-green') throw new HelperUsageError(`--strategy takes rolling or blue-green, got "${String(strategy)}"`);
  const replicas = options.replicas;
  if (replicas !== undefined && (typeof replicas !== 'string' || !/^\d+\+?$/.test(replicas))) throw new HelperUsageError(`--replicas takes a number, or N+ for at least N, got "${String(replicas)}"`);
  const resources = options.resources;
  if (resources !== undefined && !['minimal', 'medium', 'full'].includes(String(resources))) throw new HelperUsageError(`--resources takes minimal, medium or full, got "${String(resources)}"`);
  return {
    strategy: (strategy as DeploymentExpectation['strategy']) ?? null,
    replicas: (replicas as string | undefined) ?? null,
    resources: (resources as DeploymentExpectation['resources']) ?? null,
  };
}

export function optionalString(options: ParsedOptions, name: string): string | null {
  const value = options[name];
  return typeof value === 'string' && value !== '' ? value : null;
}

/** Environment variables the GitOps helpers read secrets from (masked in all output, beyond the …TOKEN/…PASSWORD names). */
export const GITOPS_SECRET_ENV = ['GIT_PASSWORD', 'GIT_TOKEN', 'GITHUB_TOKEN'];
