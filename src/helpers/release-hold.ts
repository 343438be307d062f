// release-hold: clear the hold a manual rollback set on an app in an environment, so automated bumps proceed again.
import { applyEdit, writeFields, type Destination } from './gitops/apply.js';
import { destination, NAME_CHECK, REPO_OPTIONS, GITOPS_SECRET_ENV } from './gitops/options.js';
import { releaseHoldEdit } from './gitops/rollback.js';
import { main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs, ParsedOptions } from './shared/options.js';

export interface ReleaseHoldOptions {
  app: string;
  env: string;
  buildUrl: string | null;
  destination: Destination;
}

export async function run(options: ReleaseHoldOptions): Promise<HelperResult> {
  const applied = await applyEdit(options.destination, (root) => releaseHoldEdit(root, options));
  const released = applied.value.released;
  const message = released
    ? `released the hold on ${options.app} in ${options.env} (held at ${released.tag}: ${released.reason})${applied.pushed ? `, pushed ${applied.commit?.slice(0, 12)}` : ''}`
    : `${options.app} in ${options.env} has no hold; nothing to release`;
  return { ok: true, message, app: options.app, env: options.env, released, ...writeFields(applied) };
}

export const options = {
  app: { type: 'string', required: true, valueName: 'APP', check: NAME_CHECK, description: 'application name' },
  environment: { type: 'string', deprecatedAlias: 'env', required: true, valueName: 'ENV', check: NAME_CHECK, description: 'environment name' },
  ...REPO_OPTIONS,
} as const satisfies OptionSpecs;

export function fromArgs(p: ParsedOptions<typeof options>): ReleaseHoldOptions {
  return { app: p.app, env: p.environment, buildUrl: p['build-url'] ?? null, destination: destination(p) };
}

export const spec: HelperSpec<typeof options> = {
  name: 'release-hold',
  summary: 'Clear the hold that a manual rollback set, so bumps of the app in the environment are allowed again.',
  options,
  examples: ['release-hold --repo https://github.com/acme/k8s-manifests.git --app orders-api --environment prod --build-url "$BUILD_URL"'],
  secretEnv: GITOPS_SECRET_ENV,
  run: (p) => run(fromArgs(p)),
};

main(spec);
