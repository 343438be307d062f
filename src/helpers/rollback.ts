// rollback: restore an earlier tag of an app in an environment as a new commit (history is never rewritten); a manual rollback sets a hold, an automatic one records the failed tag.
import { applyEdit, writeFields, type Destination } from './gitops/apply.js';
import { destination, imageTarget, manifestPath, REPO_OPTIONS, TAG_CHECK, TARGET_OPTIONS, GITOPS_SECRET_ENV } from './gitops/options.js';
import { rollbackEdit, type RollbackPlan, type RollbackRequest } from './gitops/rollback.js';
import { HelperUsageError, main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs, ParsedOptions } from './shared/options.js';

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

export const options = {
  ...TARGET_OPTIONS,
  steps: { type: 'integer', valueName: 'N', min: 1, max: 1000, description: 'go back N deployments in the history (without --to: 1)' },
  to: { type: 'string', valueName: 'TAG', check: TAG_CHECK, description: 'restore this tag (it must be in the history unless --force)' },
  automatic: { type: 'boolean', description: 'an automatic rollback after a failed health check: no hold; the current tag is recorded as failed' },
  reason: { type: 'string', valueName: 'TEXT', description: 'why, recorded in the hold and the commit message' },
  force: { type: 'boolean', description: 'allow --to a tag that is not in the history' },
  ...REPO_OPTIONS,
} as const satisfies OptionSpecs;

export function fromArgs(p: ParsedOptions<typeof options>): RollbackOptions {
  const to = p.to ?? null;
  const steps = p.steps ?? null;
  if (to !== null && steps !== null) throw new HelperUsageError('give --steps or --to, not both');
  return {
    app: p.app,
    env: p.environment,
    destination: destination(p),
    manifest: manifestPath(p.manifest),
    format: p.format,
    target: imageTarget(p),
    steps: to === null && steps === null ? 1 : steps,
    to,
    automatic: p.automatic,
    reason: p.reason ?? null,
    buildUrl: p['build-url'] ?? null,
    force: p.force,
  };
}

export const spec: HelperSpec<typeof options> = {
  name: 'rollback',
  summary:
    'Restore an earlier image tag as a new commit. A manual rollback holds the environment (bumps are refused) until release-hold; --automatic sets no hold and marks the abandoned tag as failed.',
  options,
  examples: [
    'rollback --repo https://github.com/acme/k8s-manifests.git --manifest apps/orders-api/overlays/prod/kustomization.yaml --image ghcr.io/acme/orders-api --app orders-api --environment prod --steps 1 --reason "error rate"',
    'rollback --repo "$MANIFESTS" --manifest apps/orders-api/overlays/prod/kustomization.yaml --image ghcr.io/acme/orders-api --app orders-api --environment prod --automatic --build-url "$BUILD_URL"',
  ],
  secretEnv: GITOPS_SECRET_ENV,
  run: (p) => run(fromArgs(p)),
};

main(spec);
