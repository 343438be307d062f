// The step registry's reporting steps: notifications and the build's metrics.
import { notifyFlag, metricsFlag } from './helper-flags.js';
import { arg, required, NODE, UTILITY_STEPS, AGENT_ARGUMENT, AGENT_FACT, environment, app, image } from './step-arguments.js';
import type { LibraryStep } from './step-types.js';
import * as creds from './step-credentials.js';

export const NOTIFY_STEPS: LibraryStep[] = [
  {
    name: 'pwNotify',
    description:
      'Sends an event to its route: Slack through the incoming webhook, e-mail through Email Extension. A failed notification only warns unless failBuild is set.',
    helpers: ['notify'],
    binaries: [NODE],
    plugins: ['credentials-binding', 'email-ext', UTILITY_STEPS],
    agent: 'borrows',
    facts: { app: 'app', slackCredentialsId: 'slackCredentials', ...AGENT_FACT },
    credentials: creds.SLACK_CREDENTIALS,
    arguments: [
      arg(
        'event',
        'string',
        'success, failure (an unstable or aborted build too: the message says which), security (sent only when the image scan found something), deployment, approval, approval-expired, awaiting-sync or rollback.',
        notifyFlag('event'),
        required,
      ),
      arg(
        'targets',
        'list<string>',
        'slack, email, slack:#channel or email:address: the step runs the helper once per Slack channel (--channel) and mails the rendered --email-out once.',
        null,
        required,
      ),
      app(notifyFlag('app')),
      arg('environment', 'string', 'The environment the event is about.', notifyFlag('environment')),
      arg('slackChannel', 'string', 'The channel for plain "slack" targets (default: the webhook\'s own).', notifyFlag('channel')),
      arg('emailTo', 'list<string>', 'The addresses for plain "email" targets.', null, { default: [] }),
      arg('emailFrom', 'string', 'The sender address.', null),
      arg('approvers', 'list<string>', 'approval: who may approve; passed comma-separated.', notifyFlag('approvers')),
      arg('approvalTimeout', 'duration', 'approval: how long the request stays open.', notifyFlag('approval-timeout')),
      arg('failBuild', 'boolean', 'A failed notification fails the build.', notifyFlag('fail-on-error'), { default: false }),
      creds.SLACK_CREDENTIALS_ID,
      AGENT_ARGUMENT,
    ],
    example: "pwNotify(event: 'failure', targets: ['slack', 'email'], app: 'orders-api', slackChannel: '#deploys', emailTo: ['team@acme.com'])",
  },
  {
    name: 'pwRecordMetrics',
    description:
      "Records the build's stages, durations, result, test and coverage figures, vulnerability counts and deployments as one build record for `pipewright report`.",
    helpers: ['record-metrics'],
    binaries: [NODE],
    plugins: [UTILITY_STEPS],
    agent: 'borrows',
    facts: { app: 'app', ...AGENT_FACT },
    credentials: [],
    arguments: [app(metricsFlag('app')), AGENT_ARGUMENT],
    example: "pwRecordMetrics(app: 'orders-api')",
  },
];
