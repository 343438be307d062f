// How each var runs its helpers: the order of every `node .pipewright/<helper>.cjs …` line and the flags that are no step argument.
import { flags, type HelperFlag, type HelperName, type OptionName } from './helper-flags.js';

/**
 * How a flag is written: `--flag "$PW_X"` (value: the variable is always set), `${PW_X:+--flag "$PW_X"}` (optional:
 * left out when empty), `${PW_X:+--flag}` (switch: a boolean set to 'true' or '').
 */
export type FlagForm = 'value' | 'optional' | 'switch';

/**
 * A step argument on a helper's command line. Its flag comes from the registry (src/gen/steps.ts), its form from the
 * argument (a boolean is a switch; a required one, or one with a non-empty default, a value; anything else optional),
 * its variable is PW_ and the name in capitals unless `env` names another, and its withEnv entry is rendered from the
 * registry too, unless `computed`: then the var sets the variable itself (a value it derives, such as the image and its
 * resolved tag). `file`: a list or map the var writes to this JSON file, passed as the file's path when set.
 * `shell`: the script passes the argument itself (test-summary's one --file per report), written as `"$@"`: the one
 * text a line takes as is, so that no flag on a command line is written by hand.
 */
export interface ArgumentPart {
  arg: string;
  env?: string;
  computed?: true;
  file?: string;
  shell?: '"$@"';
}

/**
 * A flag of helper H that is no step argument: a value the var computes or Jenkins sets (`env`), or a fixed one
 * (`fixed`, written as is). It carries its helper, so placing it on another helper's line is a compile error.
 */
export type ExtraPart<H extends HelperName = HelperName> = { helper: H; flag: HelperFlag } & ({ env: string; form: FlagForm } | { fixed: string });

/**
 * A part of helper H's command line, in order: a step argument by name (or with its details), or an extra flag. The
 * arguments the line names only set their order: which helpers take an argument is its registry route's to say.
 */
export type CallPart<H extends HelperName = HelperName> = string | ArgumentPart | ExtraPart<H>;

/** One helper run, its parts those of that helper. `--result .pipewright/<helper>-result.json` always ends the line. */
export type HelperCall = { [H in HelperName]: { helper: H; line: Array<CallPart<H>> } }[HelperName];

/**
 * The extra flags of helper H, by the helper's own option names (so a renamed option is a compile error here too):
 * `value`, `optional` and `switch` read a variable the var sets, `fixed` writes its value as is.
 */
function extras<H extends HelperName>(helper: H) {
  const flag = (option: OptionName<H>): HelperFlag => flags(helper)(option).flag;
  return {
    value: (option: OptionName<H>, env: string): ExtraPart<H> => ({ helper, flag: flag(option), env, form: 'value' }),
    optional: (option: OptionName<H>, env: string): ExtraPart<H> => ({ helper, flag: flag(option), env, form: 'optional' }),
    fixed: (option: OptionName<H>, value: string): ExtraPart<H> => ({ helper, flag: flag(option), fixed: value }),
  };
}

const approve = extras('approve');
const argo = extras('argocd-sync');
const backup = extras('db-backup');
const restore = extras('db-restore');
const coverage = extras('gate-coverage');
const trivy = extras('gate-trivy');
const hold = extras('release-hold');
const bump = extras('bump-image');
const history = extras('deploy-history');
const rollback = extras('rollback');
const notify = extras('notify');
const metrics = extras('record-metrics');
const tests = extras('test-summary');

/** The manifest a GitOps helper reads: the same arguments, in the same order, for bump-image, deploy-history and rollback. */
const MANIFEST: string[] = ['app', 'environment', 'manifest', 'image', 'format', 'container', 'helmKeyPath'];

/**
 * Each step's helper runs, in the order the var runs them, and the order of each line's parts. A step argument routed
 * to a helper (its registry flag's `to`) that the helper's line does not name is added to that line before its
 * trailing fixed flags, so adding an argument is the registry's edit alone, for a step with several helpers too; a
 * line naming an argument not routed to its helper stops the library from generating.
 */
export const HELPER_CALLS: Record<string, HelperCall[]> = {
  pwApprove: [
    {
      helper: 'approve',
      line: [
        approve.value('app', 'PW_APP_NAME'),
        'approver',
        'environment',
        'submitters',
        approve.optional('approver-groups', 'PW_APPROVER_GROUPS'),
        approve.optional('started-by', 'PW_STARTED_BY'),
        approve.optional('author-email', 'PW_AUTHOR_EMAIL'),
        approve.optional('commit', 'PW_COMMIT'),
        approve.optional('version', 'PW_VERSION'),
        { arg: 'identities', file: '.pipewright/identities.json' },
        approve.optional('policy-identities', 'PW_POLICY_IDENTITIES'),
        'requireReview',
        approve.optional('repository', 'PW_REPOSITORY'),
        approve.optional('build-url', 'PW_BUILD_URL'),
        approve.fixed('audit', '.pipewright/approval-audit.json'),
      ],
    },
  ],
  pwArgoSync: [
    {
      helper: 'argocd-sync',
      line: [
        'server',
        'application',
        'mode',
        'strategy',
        { arg: 'timeout', computed: true },
        argo.optional('revision', 'PW_REVISION'),
        { arg: 'image', env: 'PW_IMAGE_REF', computed: true },
      ],
    },
  ],
  pwBackupDatabase: [
    { helper: 'db-backup', line: ['host', 'port', 'sslmode', 'database', 'backupDir', 'app', 'environment', backup.value('build', 'PW_BUILD'), 'retention'] },
  ],
  pwBumpManifest: [
    { helper: 'release-hold', line: ['app', 'environment', 'repo', 'branch', hold.optional('build-url', 'PW_BUILD_URL')] },
    {
      helper: 'bump-image',
      line: [
        'app',
        'environment',
        'manifest',
        'image',
        { arg: 'tag', computed: true },
        'format',
        'container',
        'helmKeyPath',
        'repo',
        'branch',
        'method',
        'strategy',
        'replicas',
        'resources',
        'onMismatch',
        bump.optional('build-url', 'PW_BUILD_URL'),
      ],
    },
    { helper: 'deploy-history', line: [...MANIFEST, 'repo', 'branch', history.fixed('limit', '5')] },
  ],
  pwCoverageGate: [{ helper: 'gate-coverage', line: ['report', 'format', 'min', coverage.fixed('summary', '.pipewright/coverage-summary.json')] }],
  pwHealthCheck: [
    {
      helper: 'health-check',
      line: ['url', 'timeout', 'expectBody', 'app', 'namespace', 'prometheus', { arg: 'checks', file: '.pipewright/health-checks.json' }, 'watch'],
    },
  ],
  pwNotify: [
    {
      helper: 'notify',
      line: [
        'event',
        'app',
        notify.value('build-name', 'PW_BUILD_NAME'),
        notify.optional('build-url', 'BUILD_URL'),
        notify.optional('branch', 'BRANCH_NAME'),
        notify.optional('commit', 'GIT_COMMIT'),
        notify.optional('version', 'PW_VERSION'),
        'environment',
        // One run per Slack channel: the var sets PW_CHANNEL for each.
        { arg: 'slackChannel', env: 'PW_CHANNEL', computed: true },
        notify.optional('email-out', 'PW_EMAIL_OUT'),
        notify.optional('trivy-summary', 'PW_TRIVY_SUMMARY_FILE'),
        'approvers',
        'approvalTimeout',
        notify.optional('build-result', 'PW_RESULT'),
        notify.optional('text', 'PW_TEXT'),
        { arg: 'failBuild', env: 'PW_FAIL_ON_ERROR' },
      ],
    },
  ],
  pwRecordMetrics: [
    {
      helper: 'record-metrics',
      line: [
        metrics.value('file', 'PW_METRICS_FILE'),
        'app',
        metrics.value('build', 'PW_BUILD'),
        metrics.value('branch', 'PW_BRANCH'),
        metrics.value('status', 'PW_STATUS'),
        metrics.value('duration', 'PW_DURATION'),
        metrics.optional('commit', 'GIT_COMMIT'),
        metrics.optional('coverage-summary', 'PW_COVERAGE_SUMMARY_FILE'),
        metrics.optional('trivy-summary', 'PW_TRIVY_SUMMARY_FILE'),
        metrics.optional('tests-summary', 'PW_TESTS_SUMMARY_FILE'),
        metrics.optional('environment', 'PW_DEPLOYED_ENVIRONMENT'),
        metrics.optional('deployed-version', 'PW_DEPLOYED_VERSION'),
      ],
    },
  ],
  pwRestoreDatabase: [
    {
      helper: 'db-restore',
      // The restore asks for the database name twice (--confirm): the step passes the one it restores into.
      line: ['host', 'port', 'sslmode', 'database', restore.value('confirm', 'PW_DATABASE'), 'backupDir', 'environment', 'app', 'backup'],
    },
  ],
  pwRollback: [
    { helper: 'deploy-history', line: [...MANIFEST, 'repo', 'branch', history.fixed('limit', '10')] },
    {
      helper: 'rollback',
      line: [
        ...MANIFEST,
        rollback.optional('steps', 'PW_STEPS'),
        rollback.optional('to', 'PW_TO'),
        'automatic',
        'reason',
        'repo',
        'branch',
        rollback.optional('build-url', 'PW_BUILD_URL'),
      ],
    },
  ],
  pwScanImage: [
    {
      helper: 'gate-trivy',
      line: [
        'report',
        'failOn',
        'warnOn',
        'ignoreUnfixed',
        { arg: 'ignore', env: 'PW_IGNORE_FILE', file: '.pipewright/trivy-ignore.json' },
        trivy.fixed('summary', '.pipewright/trivy-summary.json'),
        trivy.fixed('markdown', '.pipewright/trivy.md'),
      ],
    },
  ],
  pwTestSummary: [
    // The script turns each report the glob found into a --file of its own.
    { helper: 'test-summary', line: [{ arg: 'junit', computed: true, shell: '"$@"' }, tests.fixed('summary', '.pipewright/test-summary.json')] },
  ],
};
