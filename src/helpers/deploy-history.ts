// deploy-history: the past deployments of an app in an environment, read from the manifests repository's commits (tag, digest, commit, author, time), with its hold and failed tags.
import { resolve } from 'node:path';
import { readDeployHistory } from './gitops/history.js';
import { imageTarget, manifestPath, repoOptions, TARGET_OPTIONS, REPO_OPTIONS, GITOPS_SECRET_ENV } from './gitops/options.js';
import { readRecord } from './gitops/records.js';
import type { FormatChoice } from './gitops/manifest.js';
import type { ImageTarget } from './gitops/occurrence.js';
import { withCheckout, type RepoOptions, type RetryRecord } from './gitops/write-back.js';
import { main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs, ParsedOptions } from './shared/options.js';
import { git } from './shared/git.js';

export interface DeployHistoryOptions {
  app: string;
  env: string;
  manifest: string;
  format: FormatChoice;
  target: ImageTarget;
  limit: number;
  repo: RepoOptions | null;
  workdir: string;
}

export async function run(options: DeployHistoryOptions): Promise<HelperResult> {
  const read = async (root: string, run: (args: string[]) => Promise<string>) => ({
    deployments: await readDeployHistory(run, options.manifest, options.format, options.target, options.limit),
    record: readRecord(root, options.app, options.env),
  });
  const retries: RetryRecord[] = [];
  const { deployments, record } = options.repo
    ? await withCheckout(options.repo, true, retries, (checkout) => read(checkout.dir, checkout.run))
    : await read(resolve(options.workdir), (args) => git(args, { cwd: resolve(options.workdir), timeoutMs: 60_000 }));
  for (const d of deployments)
    process.stdout.write(`${d.time}  ${(d.tag ?? '(none)').padEnd(20)} ${d.commit.slice(0, 12)}  ${d.action.padEnd(18)} ${d.author}\n`);
  const message = `${deployments.length} deployment(s) of ${options.app} in ${options.env}${deployments[0] ? `; current ${deployments[0].tag}` : ''}${record.hold ? `; held at ${record.hold.tag}` : ''}`;
  return {
    ok: true,
    message,
    app: options.app,
    env: options.env,
    manifest: options.manifest,
    image: options.target.image,
    current: deployments[0]?.tag ?? null,
    deployments,
    hold: record.hold,
    failedTags: record.failedTags,
    retries,
  };
}

/** The repository options but --build-url: reading the history records nothing. */
const { 'build-url': _unused, ...REPO_READ_OPTIONS } = REPO_OPTIONS;

export const options = {
  ...TARGET_OPTIONS,
  limit: { type: 'integer', valueName: 'N', min: 1, max: 10_000, default: 50, description: 'at most N deployments' },
  ...REPO_READ_OPTIONS,
} as const satisfies OptionSpecs;

export function fromArgs(p: ParsedOptions<typeof options>): DeployHistoryOptions {
  return {
    app: p.app,
    env: p.environment,
    manifest: manifestPath(p.manifest),
    format: p.format,
    target: imageTarget(p),
    limit: p.limit,
    repo: repoOptions(p),
    workdir: p.workdir ?? '.',
  };
}

export const spec: HelperSpec<typeof options> = {
  name: 'deploy-history',
  summary: "List the past deployments of an app in an environment from the manifests repository's history, newest first.",
  options,
  examples: [
    'deploy-history --repo https://github.com/acme/k8s-manifests.git --manifest apps/orders-api/overlays/prod/kustomization.yaml --image ghcr.io/acme/orders-api --app orders-api --environment prod --result history.json',
  ],
  secretEnv: GITOPS_SECRET_ENV,
  run: (p) => run(fromArgs(p)),
};

main(spec);
