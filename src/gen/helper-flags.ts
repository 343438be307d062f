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
/** A helper flag as the registry writes it. */
export type HelperFlag = `--${string}`;

/**
 * The flags of helpers H, read off their specs: `flags('bump-image', 'rollback')('environment')` is
 * '--environment' and compiles only while both helpers take that option, so renaming or removing an option the
 * registry passes is a compile error here rather than a failed build on Jenkins.
 */
export const flags =
  <H extends HelperName>(..._helpers: H[]) =>
  (name: OptionName<H>): HelperFlag =>
    `--${name}`;

/** Each helper's flags, and the flags a group of helpers shares, as the registry's arguments name them. */
export const approveFlag = flags('approve');
export const argoFlag = flags('argocd-sync');
export const backupFlag = flags('db-backup');
export const restoreFlag = flags('db-restore');
export const databaseFlag = flags('db-backup', 'db-restore');
export const bumpFlag = flags('bump-image');
export const rollbackFlag = flags('rollback');
/** The manifests repository arguments go to every GitOps helper that reads the manifest. */
export const gitopsFlag = flags('bump-image', 'deploy-history', 'rollback');
export const coverageFlag = flags('gate-coverage');
export const healthFlag = flags('health-check');
export const notifyFlag = flags('notify');
export const metricsFlag = flags('record-metrics');
export const trivyFlag = flags('gate-trivy');
export const testSummaryFlag = flags('test-summary');
