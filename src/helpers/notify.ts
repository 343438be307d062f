// notify: tells Slack (Block Kit, incoming webhook) and renders the e-mail about a pipeline event; a failed notification warns, never fails, unless asked to.
import { HelperUsageError, main, type HelperResult, type HelperSpec, type ParsedOptions } from './shared/cli.js';
import { BUILD_RESULTS, NOTIFY_EVENTS, readSecuritySummary, type BuildResult, type NotifyContext, type NotifyEvent } from './ops/event.js';
import { sendNotification, type NotifyDelivery } from './ops/notify.js';
import { NOTIFY_CONTEXT_OPTIONS, SLACK_WEBHOOK_ENV, notifyContext, notifyDelivery } from './ops/notify-options.js';
import { listOption, readJsonFile, stringOption, urlOption } from './ops/options.js';
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

function buildResult(text: string | undefined): BuildResult | null {
  if (text === undefined || text === '' || text === 'SUCCESS') return null;
  if (!(BUILD_RESULTS as string[]).includes(text)) throw new HelperUsageError(`--build-result takes one of ${BUILD_RESULTS.join(', ')}`);
  return text as BuildResult;
}

function readOptions(o: ParsedOptions, env: NodeJS.ProcessEnv): NotifyOptions {
  const event = stringOption(o, 'event') as NotifyEvent;
  if (!NOTIFY_EVENTS.includes(event)) throw new HelperUsageError(`--event takes one of ${NOTIFY_EVENTS.join(', ')}`);
  const summary = stringOption(o, 'trivy-summary');
  if (event === 'security' && !summary) throw new HelperUsageError('--event security needs --trivy-summary FILE');
  return {
    context: notifyContext(o, event, {
      failedStage: stringOption(o, 'failed-stage') ?? null,
      logUrl: urlOption(o, 'log-url') ?? null,
      stageUrl: urlOption(o, 'stage-url') ?? null,
      rebuildUrl: urlOption(o, 'rebuild-url') ?? null,
      inputUrl: urlOption(o, 'input-url') ?? null,
      approvers: listOption(o, 'approvers'),
      approvalTimeout: stringOption(o, 'approval-timeout') ?? null,
      result: buildResult(stringOption(o, 'build-result')),
      security: summary ? readSecuritySummary(readJsonFile(summary, 'trivy-summary')) : null,
    }),
    delivery: notifyDelivery(o, env),
  };
}

export const spec: HelperSpec = {
  name: 'notify',
  summary: `Sends a Block Kit message about a pipeline event to the Slack incoming webhook in env ${SLACK_WEBHOOK_ENV}, and renders the e-mail. A message Slack does not take is a warning (exit 0, delivered: false) unless --fail-on-error.`,
  options: {
    event: { type: 'string', valueName: 'EVENT', description: `the event: ${NOTIFY_EVENTS.join(' | ')}`, required: true },
    ...NOTIFY_CONTEXT_OPTIONS,
    'failed-stage': { type: 'string', valueName: 'NAME', description: 'failure: the stage that failed' },
    'build-result': { type: 'string', valueName: 'RESULT', description: "failure: the build's result (UNSTABLE, FAILURE or ABORTED; the headline says which)" },
    'log-url': { type: 'string', valueName: 'URL', description: 'failure: the log link (default BUILD_URL/console)' },
    'stage-url': { type: 'string', valueName: 'URL', description: 'failure: the failed stage link (default BUILD_URL/flowGraphTable/)' },
    'rebuild-url': { type: 'string', valueName: 'URL', description: 'failure: the rebuild link (default BUILD_URL/restart/, Restart from Stage)' },
    'trivy-summary': { type: 'string', valueName: 'FILE', description: "security: gate-trivy's summary JSON" },
    'input-url': { type: 'string', valueName: 'URL', description: 'approval: the link to the waiting input (BUILD_URL/input/)' },
    approvers: { type: 'string', valueName: 'LIST', description: 'approval: who may approve, comma-separated' },
    'approval-timeout': { type: 'string', valueName: 'DURATION', description: 'approval: how long the request stays open' },
  },
  examples: [
    'SLACK_WEBHOOK_URL=… notify --event failure --app orders-api --build-name "orders-api #42" --build-url "$BUILD_URL" --failed-stage Test --email-out mail.json',
    'notify --event security --app orders-api --trivy-summary reports/trivy-summary.json --channel "#security"',
  ],
  secretEnv: [SLACK_WEBHOOK_ENV],
  run: (o) => run(readOptions(o, process.env)),
};

main(spec);
