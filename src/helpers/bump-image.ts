// bump-image: set an image's tag (or digest) for an environment in the manifests repository, checked against the deployment table, committed and pushed safely under concurrency.
import { writeFields, applyEdit, type Destination } from './gitops/apply.js';
import { bumpEdit, describeVersion, oldVersionsOf, type BumpRequest } from './gitops/bump.js';
import { recordPath } from './gitops/records.js';
import {
  deploymentExpectation,
  destination,
  DIGEST_CHECK,
  EXPECTATION_OPTIONS,
  GITHUB_OPTIONS,
  GITOPS_SECRET_ENV,
  imageTarget,
  manifestPath,
  REPO_OPTIONS,
  TAG_CHECK,
  TARGET_OPTIONS,
} from './gitops/options.js';
import { HelperUsageError, main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs, ParsedOptions } from './shared/options.js';

export interface BumpImageOptions extends Omit<BumpRequest, 'dryRun'> {
  destination: Destination;
  dryRun: boolean;
}

export async function run(options: BumpImageOptions): Promise<HelperResult> {
  const applied = await applyEdit(options.destination, (root) => bumpEdit(root, options), false, [options.manifest, recordPath(options.app, options.env)]);
  const v = applied.value;
  if (options.dryRun && v.diff) process.stdout.write(v.diff);
  const where = `${options.manifest} (${v.format})`;
  const move = `${v.image} ${oldVersionsOf(v.changes)} -> ${describeVersion(v.newTag, v.newDigest)}`;
  const message = !v.changed
    ? `${options.app} in ${options.env} already runs ${describeVersion(v.newTag, v.newDigest)}: nothing to change in ${where}`
    : options.dryRun
      ? `dry run: would set ${move} in ${v.changes.length} place(s) of ${where}`
      : `set ${move} in ${v.changes.length} place(s) of ${where}${applied.pushed ? `, pushed ${applied.commit?.slice(0, 12)}` : ''}${
          applied.pullRequest ? ` in pull request #${applied.pullRequest.number}${applied.pullRequest.reused ? ' (reused)' : ''}` : ''
        }`;
  for (const warning of v.warnings) process.stderr.write(`bump-image: warning: ${warning}\n`);
  return {
    ok: true,
    message,
    unstable: v.warnings.length > 0,
    app: options.app,
    env: options.env,
    dryRun: options.dryRun,
    ...v,
    ...writeFields(applied),
  };
}

export const options = {
  ...TARGET_OPTIONS,
  tag: { type: 'string', valueName: 'TAG', check: TAG_CHECK, description: 'the new tag' },
  digest: { type: 'string', valueName: 'sha256:HEX', check: DIGEST_CHECK, description: 'the new digest (kept beside the tag)' },
  'digest-key': {
    type: 'string',
    valueName: 'KEY',
    // A YAML key name, nothing that could reach past the image block.
    check: { valid: /^[A-Za-z_][A-Za-z0-9_-]*$/, problem: 'is not a key name like digest or sha' },
    description: 'Helm values: the key to add the digest under when the image block has none (digest, or sha for charts that add "@sha256:" themselves)',
  },
  ...REPO_OPTIONS,
  ...GITHUB_OPTIONS,
  'dry-run': { type: 'boolean', description: 'print the diff; write, commit and push nothing' },
  force: { type: 'boolean', description: 'deploy a tag that an automatic rollback marked as failed (a hold is never overridden)' },
  ...EXPECTATION_OPTIONS,
  'on-mismatch': {
    type: 'string',
    valueName: 'warn|fail',
    default: 'warn',
    choices: ['warn', 'fail'],
    description: 'a deployment-table mismatch warns (unstable) or refuses the bump',
  },
} as const satisfies OptionSpecs;

export function fromArgs(p: ParsedOptions<typeof options>): BumpImageOptions {
  const tag = p.tag ?? null;
  const digest = p.digest ?? null;
  if (tag === null && digest === null) throw new HelperUsageError('give --tag, --digest or both');
  return {
    app: p.app,
    env: p.environment,
    destination: destination(p, p),
    manifest: manifestPath(p.manifest),
    format: p.format,
    target: { ...imageTarget(p), digestKey: p['digest-key'] ?? null },
    tag,
    digest,
    buildUrl: p['build-url'] ?? null,
    force: p.force,
    dryRun: p['dry-run'],
    expect: deploymentExpectation(p),
    onMismatch: p['on-mismatch'],
  };
}

export const spec: HelperSpec<typeof options> = {
  name: 'bump-image',
  summary: 'Set an image tag (or digest) in a manifest, kustomization or Helm values file of the manifests repository, then commit and push.',
  options,
  examples: [
    'bump-image --repo https://github.com/acme/k8s-manifests.git --branch main --manifest apps/orders-api/overlays/dev/kustomization.yaml --image ghcr.io/acme/orders-api --tag 42-abc1234 --app orders-api --environment dev --build-url "$BUILD_URL" --result bump.json',
    'bump-image --manifest k8s/deployment.yaml --image nginx --tag 1.27.0 --app web --environment dev --dry-run',
  ],
  secretEnv: GITOPS_SECRET_ENV,
  run: (p) => run(fromArgs(p)),
};

main(spec);
