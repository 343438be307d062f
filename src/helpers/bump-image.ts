// bump-image: set an image's tag (or digest) for an environment in the manifests repository, checked against the deployment table, committed and pushed safely under concurrency.
import { writeFields, applyEdit, type Destination } from './gitops/apply.js';
import { bumpEdit, describeVersion, oldVersionsOf, type BumpRequest } from './gitops/bump.js';
import { recordPath } from './gitops/records.js';
import { appAndEnv, deploymentExpectation, destination, digestOption, formatOption, GITHUB_OPTIONS, imageTarget, manifestPath, optionalString, REPO_OPTIONS, tagOption, TARGET_OPTIONS, GITOPS_SECRET_ENV } from './gitops/options.js';
import { HelperUsageError, main, type HelperResult, type HelperSpec, type ParsedOptions } from './shared/cli.js';

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

export function fromArgs(p: ParsedOptions): BumpImageOptions {
  const tag = tagOption(p, 'tag');
  const digest = digestOption(p);
  if (tag === null && digest === null) throw new HelperUsageError('give --tag, --digest or both');
  const onMismatch = String(p['on-mismatch'] ?? 'warn');
  if (onMismatch !== 'warn' && onMismatch !== 'fail') throw new HelperUsageError(`--on-mismatch takes warn or fail, got "${onMismatch}"`);
  return {
    ...appAndEnv(p),
    destination: destination(p),
    manifest: manifestPath(p),
    format: formatOption(p),
    target: { ...imageTarget(p), digestKey: digestKeyOption(p) },
    tag,
    digest,
    buildUrl: optionalString(p, 'build-url'),
    force: p.force === true,
    dryRun: p['dry-run'] === true,
    expect: deploymentExpectation(p),
    onMismatch,
  };
}

/** --digest-key: a YAML key name, nothing that could reach past the image block. */
function digestKeyOption(p: ParsedOptions): string | null {
  const key = optionalString(p, 'digest-key');
  if (key !== null && !/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) throw new HelperUsageError(`--digest-key "${key}" is not a key name like digest or sha`);
  return key;
}

export const spec: HelperSpec = {
  name: 'bump-image',
  summary: 'Set an image tag (or digest) in a manifest, kustomization or Helm values file of the manifests repository, then commit and push.',
  options: {
    ...TARGET_OPTIONS,
    tag: { type: 'string', valueName: 'TAG', description: 'the new tag' },
    digest: { type: 'string', valueName: 'sha256:HEX', description: 'the new digest (kept beside the tag)' },
    'digest-key': { type: 'string', valueName: 'KEY', description: 'Helm values: the key to add the digest under when the image block has none (digest, or sha for charts that add "@sha256:" themselves)' },
    ...REPO_OPTIONS,
    ...GITHUB_OPTIONS,
    'dry-run': { type: 'boolean', description: 'print the diff; write, commit and push nothing' },
    force: { type: 'boolean', description: 'deploy a tag that an automatic rollback marked as failed (a hold is never overridden)' },
    strategy: { type: 'string', valueName: 'rolling|blue-green', description: 'deployment table: expected strategy' },
    replicas: { type: 'string', valueName: 'N|N+', description: 'deployment table: expected replicas (N+ for at least N)' },
    resources: { type: 'string', valueName: 'minimal|medium|full', description: 'deployment table: expected resources profile' },
    'on-mismatch': { type: 'string', valueName: 'warn|fail', default: 'warn', description: 'a deployment-table mismatch warns (unstable) or refuses the bump' },
  },
  examples: [
    'bump-image --repo https://github.com/acme/k8s-manifests.git --branch main --manifest apps/orders-api/overlays/dev/kustomization.yaml --image ghcr.io/acme/orders-api --tag 42-abc1234 --app orders-api --env dev --build-url "$BUILD_URL" --result bump.json',
    'bump-image --manifest k8s/deployment.yaml --image nginx --tag 1.27.0 --app web --env dev --dry-run',
  ],
  secretEnv: GITOPS_SECRET_ENV,
  run: (p) => run(fromArgs(p)),
};

main(spec);
