// notify: tells Slack (Block Kit, incoming webhook) and renders the e-mail about a pipeline event; a failed notification warns, never fails, unless asked to.
import { HelperUsageError, main, type HelperResult, type HelperSpec } from './shared/cli.js';
import type { OptionSpecs, ParsedOptions } from './shared/options.js';
import { BUILD_RESULTS, NOTIFY_EVENTS, readSecuritySummary, type NotifyContext } from './ops/event.js';
import { sendNotification, type NotifyDelivery } from './ops/notify.js';
import { NOTIFY_CONTEXT_OPTIONS, SLACK_WEBHOOK_ENV, notifyContext, notifyDelivery } from './ops/notify-options.js';
import { printWarnings } from './ops/warn.js';

export interface NotifyOptions {
  context: NotifyContext;
  delivery: NotifyDelivery;
}

export async function run(options: NotifyOptions): Promise<HelperResult> {
  const outcome = await sendNotification(options.context, options.delivery);
  printWarnings('notify', outcome.warnings);
  return { ...outcome };
}

export const options = {
  event: { type: 'string', valueName: 'EVENT', choices: NOTIFY_EVENTS, description: 'the event', required: true },
  ...NOTIFY_CONTEXT_OPTIONS,
  'failed-stage': { type: 'string', valueName: 'NAME', description: 'failure: the stage that failed' },
  'build-result': {
    type: 'string',
    valueName: 'RESULT',
    // SUCCESS is taken and means no result to show: the step passes currentBuild.currentResult as it is.
    choices: ['SUCCESS', ...BUILD_RESULTS],
    description: "failure: the build's result, which the headline names (SUCCESS names none)",
  },
  'log-url': { type: 'url', description: 'failure: the log link (default BUILD_URL/console)' },
  'stage-url': { type: 'url', description: 'failure: the failed stage link (default BUILD_URL/flowGraphTable/)' },
  'rebuild-url': { type: 'url', description: 'failure: the rebuild link (default BUILD_URL/restart/, Restart from Stage)' },
  'trivy-summary': { type: 'json-file', parse: readSecuritySummary, description: "security: gate-trivy's summary JSON" },
  'input-url': { type: 'url', description: 'approval: the link to the waiting input (BUILD_URL/input/)' },
  approvers: { type: 'list', description: 'approval: who may approve, comma-separated' },
  'approval-timeout': { type: 'string', valueName: 'DURATION', description: 'approval: how long the request stays open' },
} as const satisfies OptionSpecs;

function readOptions(o: ParsedOptions<typeof options>, env: NodeJS.ProcessEnv): NotifyOptions {
  if (o.event === 'security' && !o['trivy-summary']) throw new HelperUsageError('--event security needs --trivy-summary FILE');
  const result = o['build-result'];
  const extra: Partial<NotifyContext> = {
    failedStage: o['failed-stage'] ?? null,
    logUrl: o['log-url'] ?? null,
    stageUrl: o['stage-url'] ?? null,
    rebuildUrl: o['rebuild-url'] ?? null,
    inputUrl: o['input-url'] ?? null,
    approvers: o.approvers,
    approvalTimeout: o['approval-timeout'] ?? null,
    result: result === undefined || result === 'SUCCESS' ? null : result,
    security: o['trivy-summary'] ?? null,
  };
  return { context: notifyContext(o, o.event, extra), delivery: notifyDelivery(o, env) };
}

export const spec: HelperSpec<typeof options> = {
  name: 'notify',
  summary: `Sends a Block Kit message about a pipeline event to the Slack incoming webhook in env ${SLACK_WEBHOOK_ENV}, and renders the e-mail. A message Slack does not take is a warning (exit 0, delivered: false) unless --fail-on-error.`,
  options,
  examples: [
    'SLACK_WEBHOOK_URL=… notify --event failure --app orders-api --build-name "orders-api #42" --build-url "$BUILD_URL" --failed-stage Test --email-out mail.json',
    'notify --event security --app orders-api --trivy-summary reports/trivy-summary.json --channel "#security"',
  ],
  secretEnv: [SLACK_WEBHOOK_ENV],
  run: (o) => run(readOptions(o, process.env)),
};

main(spec);
