// The helpers' flags as the step registry writes them, read off the helpers' own option specs: imported as types only,
// so a renamed or missing flag is a compile error and the CLI bundle pulls in no helper code.
import type { options as approveOptions } from '../helpers/approve.js';
import type { options as argocdSyncOptions } from '../helpers/argocd-sync.js';
import type { options as bumpImageOptions } from '../helpers/bump-image.js';
import type { options as dbBackupOptions } from '../helpers/db-backup.js';
import type { options as dbRestoreOptions } from '../helpers/db-restore.js';
import type { options as deployHistoryOptions } from '../helpers/deploy-history.js';
import type { options as gateCoverageOptions } from '../helpers/gate-coverage.js';
import type { options as gateTrivyOptions } from '../helpers/gate-trivy.js';
import type { options as healthCheckOptions } from '../helpers/health-check.js';
import type { options as notifyOptions } from '../helpers/notify.js';
import type { options as recordMetricsOptions } from '../helpers/record-metrics.js';
import type { options as releaseHoldOptions } from '../helpers/release-hold.js';
import type { options as rollbackOptions } from '../helpers/rollback.js';
import type { options as testSummaryOptions } from '../helpers/test-summary.js';
import type { COMMON_OPTIONS } from '../helpers/shared/cli.js';

/** The runtime helpers under resources/ that steps run with `node`. */
export const HELPERS = [
  'approve',
  'argocd-sync',
  'bump-image',
  'db-backup',
  'db-restore',
  'deploy-history',
  'gate-coverage',
  'gate-trivy',
  'health-check',
  'notify',
  'record-metrics',
  'release-hold',
  'rollback',
  'test-summary',
] as const;
export type HelperName = (typeof HELPERS)[number];

/** Each helper's option spec, by name (types only). */
type HelperOptions = {
  approve: typeof approveOptions;
  'argocd-sync': typeof argocdSyncOptions;
  'bump-image': typeof bumpImageOptions;
  'db-backup': typeof dbBackupOptions;
  'db-restore': typeof dbRestoreOptions;
  'deploy-history': typeof deployHistoryOptions;
  'gate-coverage': typeof gateCoverageOptions;
  'gate-trivy': typeof gateTrivyOptions;
  'health-check': typeof healthCheckOptions;
  notify: typeof notifyOptions;
  'record-metrics': typeof recordMetricsOptions;
  'release-hold': typeof releaseHoldOptions;
  rollback: typeof rollbackOptions;
  'test-summary': typeof testSummaryOptions;
};
/** Indexing by every HelperName makes a helper added to HELPERS without its spec here a compile error. */
type EveryHelperHasOptions = { [H in HelperName]: HelperOptions[H] };

/** An option the helpers H all take (a union of helpers: only the options common to all of them). */
export type OptionName<H extends HelperName> = Extract<keyof EveryHelperHasOptions[H], string>;
declare const readOffASpec: unique symbol;
/**
 * A helper flag as the registry writes it: made only here, from a helper's option name (`flags`) or the options every
 * helper takes (`commonFlag`), so a flag written by hand as a string (`flag: '--max-age'`) is a compile error too.
 */
export type HelperFlag = `--${string}` & { readonly [readOffASpec]: true };
/** The options the helpers' entry point gives every helper (src/helpers/shared/cli.ts), such as --result. */
export const commonFlag = (name: Extract<keyof typeof COMMON_OPTIONS, string>): HelperFlag => `--${name}` as HelperFlag;

/**
 * Where a step argument goes: its flag, and the helpers of the step that take it (each of them, and only those: the
 * var's `helperCall` for helper H passes exactly the arguments routed to H).
 */
export interface HelperRoute {
  flag: HelperFlag;
  to: readonly HelperName[];
}
/** A route builder for some options: what a shared argument list takes, so that a step passes its own helpers. */
export type Router<O extends string> = (option: O) => HelperRoute;

/**
 * The routes to helpers H, read off their specs: `flags('bump-image', 'deploy-history')('manifest')` is
 * `--manifest` to both, and compiles only while both helpers take that option, so routing an argument to a helper
 * that lacks the option, or renaming or removing an option the registry passes, is a compile error here rather than a
 * failed build on Jenkins. At least one helper: with none, every name would compile.
 */
export const flags =
  <H extends HelperName>(...helpers: [H, ...H[]]) =>
  (name: OptionName<H>): HelperRoute => ({ flag: `--${name}` as HelperFlag, to: helpers });

/** Each helper's routes, as the registry's single-helper steps name them (a step with several helpers builds its own). */
export const approveFlag = flags('approve');
export const argoFlag = flags('argocd-sync');
export const backupFlag = flags('db-backup');
export const restoreFlag = flags('db-restore');
export const coverageFlag = flags('gate-coverage');
export const healthFlag = flags('health-check');
export const notifyFlag = flags('notify');
export const metricsFlag = flags('record-metrics');
export const trivyFlag = flags('gate-trivy');
export const testSummaryFlag = flags('test-summary');
