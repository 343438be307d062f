// approve: after the stage-level input, enforces four eyes, the allow-list and (optionally) a reviewed pull request, and writes the audit record; `--mode request` posts the approval request.
import { HelperUsageError, main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs, ParsedOptions } from './shared/options.js';
import { decide, type DecisionInput } from './ops/approve.js';
import type { Identities } from './ops/four-eyes.js';
import { sendNotification } from './ops/notify.js';
import type { NotifyOptions } from './notify.js';
import { NOTIFY_CONTEXT_OPTIONS, SLACK_WEBHOOK_ENV, notifyContext, notifyDelivery } from './ops/notify-options.js';
import { githubClient } from './ops/review.js';
import { printWarnings } from './ops/warn.js';

export const GITHUB_TOKEN_ENV = 'GITHUB_TOKEN';

export type ApproveOptions = { mode: 'approve'; decision: DecisionInput } | { mode: 'request'; request: NotifyOptions };

export async function run(options: ApproveOptions): Promise<HelperResult> {
  if (options.mode === 'request') {
    const outcome = await sendNotification(options.request.context, options.request.delivery);
    printWarnings('approve', outcome.warnings);
    return { ...outcome, mode: 'request' };
  }
  const { approved, record } = await decide(options.decision);
  const failed = record.checks.filter((c) => !c.passed);
  return {
    ok: approved,
    message: approved
      ? `approved by "${record.approver}": ${record.passedChecks.join(', ')} passed`
      : `approval by "${record.approver}" refused: ${failed.map((c) => c.detail).join('; ')}`,
    mode: 'approve',
    approved,
    approver: record.approver,
    checks: record.checks,
    passedChecks: record.passedChecks,
    failedChecks: record.failedChecks,
    review: record.review,
    audit: options.decision.audit ?? null,
  };
}

function readIdentities(json: unknown, flag: string): Identities {
  const valid =
    json !== null &&
    typeof json === 'object' &&
    !Array.isArray(json) &&
    Object.values(json).every((v) => Array.isArray(v) && v.every((e) => typeof e === 'string'));
  if (!valid) throw new HelperUsageError(`${flag} must hold a JSON object of {"jenkinsUserId": ["author@e-mail or GitHub login", ...]}`);
  return json as Identities;
}

/**
 * The organisation's identities (policy file) joined with pipeline.yaml's: the repository's map can only add relations,
 * which only ever make the four-eyes check refuse more, never let an approver through.
 */
function mergeIdentities(policy: Identities, pipeline: Identities): Identities {
  const out: Identities = { ...policy };
  for (const [user, names] of Object.entries(pipeline)) out[user] = [...(out[user] ?? []), ...names];
  return out;
}

const REPOSITORY = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

export const options = {
  mode: {
    type: 'string',
    valueName: 'MODE',
    choices: ['approve', 'request'],
    description: 'approve (check and record) or request (post the approval request)',
    default: 'approve',
  },
  approver: { type: 'string', valueName: 'ID', description: "approve: the Jenkins user who approved (the input's submitterParameter)" },
  'author-email': { type: 'string', valueName: 'EMAIL', description: "approve: the commit author's e-mail (default: read from git for --commit)" },
  'repo-dir': { type: 'string', valueName: 'DIR', description: 'approve: the checkout to read the author from (default: the working directory)' },
  'started-by': { type: 'string', valueName: 'ID', description: 'approve: the user who started the build; omit for a webhook-started build' },
  identities: {
    type: 'json-file',
    parse: readIdentities,
    description: 'approve: JSON {jenkinsUserId: [git e-mails or GitHub logins]} from pipeline.yaml; it can only add relations to --policy-identities',
  },
  'policy-identities': {
    type: 'json-file',
    parse: readIdentities,
    description: "approve: the organisation's identities file, same shape, which the repository cannot edit",
  },
  submitters: { type: 'list', description: 'the allow-list of user IDs or groups, comma-separated (request: shown as approvers)' },
  'approver-groups': { type: 'list', description: "approve: the approver's groups, matched against the allow-list" },
  'require-review': {
    type: 'boolean',
    description: `approve: require a merged pull request with an approving review (GitHub API, token in env ${GITHUB_TOKEN_ENV})`,
  },
  repository: {
    type: 'string',
    valueName: 'OWNER/NAME',
    check: { valid: REPOSITORY, problem: 'is not a repository as OWNER/NAME' },
    description: `approve: the GitHub repository; with --commit and a token in env ${GITHUB_TOKEN_ENV}, the pull request's author and merger count as authors (and --require-review uses it)`,
  },
  'github-api': { type: 'url', description: 'approve: the GitHub API base URL (GitHub Enterprise: https://HOST/api/v3)', default: 'https://api.github.com' },
  audit: { type: 'string', valueName: 'FILE', description: 'approve: write the audit record (JSON) here, to archive with the build' },
  'input-url': { type: 'url', description: 'request: the link to the waiting input (BUILD_URL/input/)' },
  'approval-timeout': { type: 'string', valueName: 'DURATION', description: 'request: how long the request stays open' },
  ...NOTIFY_CONTEXT_OPTIONS,
} as const satisfies OptionSpecs;

function readOptions(o: ParsedOptions<typeof options>, env: NodeJS.ProcessEnv): ApproveOptions {
  if (o.mode === 'request') {
    return {
      mode: 'request',
      request: {
        context: notifyContext(o, 'approval', { inputUrl: o['input-url'] ?? null, approvers: o.submitters, approvalTimeout: o['approval-timeout'] ?? null }),
        delivery: notifyDelivery(o, env),
      },
    };
  }
  const approver = o.approver;
  if (!approver) throw new HelperUsageError("missing required option --approver (the input step's submitterParameter)");
  const { commit, repository } = o;
  const token = env[GITHUB_TOKEN_ENV];
  let review: DecisionInput['review'] = null;
  // GitHub is the configured SCM when a repository, a commit and a token are given: identities then come from it.
  let scm: DecisionInput['scm'] = null;
  if (o['require-review'] || (repository && commit && token)) {
    if (!repository) throw new HelperUsageError('--require-review needs --repository OWNER/NAME');
    if (!commit) throw new HelperUsageError('--require-review needs --commit SHA');
    if (!token) throw new HelperUsageError(`--require-review needs a token in env ${GITHUB_TOKEN_ENV}`);
    const policy = { timeoutMs: o['request-timeout'], attempts: 4, backoffMs: o.backoff, maxDelayMs: 30_000 };
    const github = { query: { repository, commit }, client: () => githubClient({ baseUrl: o['github-api'], token, policy }) };
    scm = github;
    if (o['require-review']) review = github;
  }
  return {
    mode: 'approve',
    decision: {
      approver,
      authorEmail: o['author-email'],
      commit,
      repoDir: o['repo-dir'] ?? process.cwd(),
      startedBy: o['started-by'],
      identities: mergeIdentities(o['policy-identities'] ?? {}, o.identities ?? {}),
      scm,
      submitters: o.submitters,
      approverGroups: o['approver-groups'],
      review,
      record: { app: o.app, version: o.version ?? null, environment: o.environment ?? null, buildUrl: o['build-url'] ?? null },
      audit: o.audit,
    },
  };
}

export const spec: HelperSpec<typeof options> = {
  name: 'approve',
  summary:
    'Enforces the approval rules after the stage-level input: the approver is neither the commit author nor the user who started the build, is on the allow-list, and (with --require-review) the commit came through an approved pull request; writes the audit record. --mode request posts the approval request to Slack instead.',
  options,
  examples: [
    'approve --approver "$APPROVER" --started-by "$STARTED_BY" --commit "$GIT_COMMIT" --submitters ops --identities identities.json --app orders-api --version 42-abc1234 --environment prod --audit approval.json',
    'approve --mode request --app orders-api --version 42-abc1234 --environment prod --input-url "${BUILD_URL}input/" --submitters ops --channel "#ops"',
  ],
  secretEnv: [GITHUB_TOKEN_ENV, SLACK_WEBHOOK_ENV],
  run: (o) => run(readOptions(o, process.env)),
};

main(spec);
