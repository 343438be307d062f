// rollback: restore an earlier tag of an app in an environment as a new commit (history is never rewritten); a manual rollback sets a hold, an automatic one records the failed tag.
import { applyEdit, writeFields, type Destination } from './gitops/apply.js';
import { appAndEnv, destination, formatOption, imageTarget, manifestPath, optionalString, REPO_OPTIONS, tagOption, TARGET_OPTIONS, GITOPS_SECRET_ENV } from './gitops/options.js';
import { rollbackEdit, type RollbackPlan, type RollbackRequest } from './gitops/rollback.js';
import { HelperUsageError, integerOption, main, type HelperResult, type HelperSpec, type ParsedOptions } from './shared/cli.js';

export interface RollbackOptions extends RollbackRequest {
  destination: Destination;
}

export async function run(options: RollbackOptions): Promise<HelperResult> {
  // Decided on the first attempt, kept when a rejected push makes the edit run again on a newer head.
  const plan: RollbackPlan = {};
  const applied = await applyEdit(options.destination, (root, git) => rollbackEdit(root, git, options, plan), true);
  const v = applied.value;
  const kind = options.automatic ? 'automatic rollback' : 'rollback';
  const byOther = applied.nonFastForwardRetries > 0 ? ' (another writer got there first)' : '';
  const message = v.changed
    ? `${kind} of ${options.app} in ${options.env}: ${v.fromTag ?? '(none)'} -> ${v.toTag ?? '(none)'}${options.automatic ? `, ${v.fromTag} marked as failed` : ', hold set until release-hold'}${applied.pushed ? `, pushed ${applied.commit?.slice(0, 12)}` : ''}`
    : !options.automatic && !applied.pushed
      ? `${options.app} in ${options.env} already runs ${v.toTag ?? '(none)'}, held there since ${v.hold?.at ?? '?'} (${v.hold?.reason ?? ''})${byOther}: nothing to commit`
      : `${options.app} in ${options.env} already runs ${v.toTag ?? '(none)'}${byOther}${options.automatic ? ': nothing to commit' : '; hold set until release-hold'}`;
  return { ok: true, message, app: options.app, env: options.env, manifest: options.manifest, image: options.target.image, ...v, ...writeFields(applied) };
}

export function fromArgs(p: ParsedOptions): RollbackOptions {
  const to = tagOption(p, 'to');
  const steps = p.steps === undefined ? null : integerOption(p, 'steps', 1, 1, 1000);
  if (to !== null && steps !== null) throw new HelperUsageError('give --steps or --to, not both');
  return {
    ...appAndEnv(p),
    destination: destination(p),
    manifest: manifestPath(p),
    format: formatOption(p),
    target: imageTarget(p),
    steps: to === null && steps === null ? 1 : steps,
    to,
    automatic: p.automatic === true,
    reason: optionalString(p, 'reason'),
    buildUrl: optionalString(p, 'build-url'),
    force: p.force === true,
  };
}

export const spec: HelperSpec = {
  name: 'rollback',
  summary: 'Restore an earlier image tag as a new commit. A manual rollback holds the environment (bumps are refused) until release-hold; --automatic sets no hold and marks the abandoned tag as failed.',
  options: {
    ...TARGET_OPTIONS,
    steps: { type: 'string', valueName: 'N', description: 'go back N deployments in the history (default 1)' },
    to: { type: 'string', valueName: 'TAG', description: 'restore this tag (it must be in the history unless --force)' },
    automatic: { type: 'boolean', description: 'an automatic rollback after a failed health check: no hold; the current tag is recorded as failed' },
    reason: { type: 'string', valueName: 'TEXT', description: 'why, recorded in the hold and the commit message' },
    force: { type: 'boolean', description: 'allow --to a tag that is not in the history' },
    ...REPO_OPTIONS,
  },
  examples: [
    'rollback --repo https://github.com/acme/k8s-manifests.git --manifest apps/orders-api/overlays/prod/kustomization.yaml --image ghcr.io/acme/orders-api --app orders-api --env prod --steps 1 --reason "error rate"',
    'rollback --repo "$MANIFESTS" --manifest apps/orders-api/overlays/prod/kustomization.yaml --image ghcr.io/acme/orders-api --app orders-api --env prod --automatic --build-url "$BUILD_URL"',
  ],
  secretEnv: GITOPS_SECRET_ENV,
  run: (p) => run(fromArgs(p)),
};

main(spec);
