// The command-line face of a notification: options shared by notify and approve's request mode, read into a NotifyContext and delivery settings.
import { HelperUsageError, integerOption, type OptionSpecs, type ParsedOptions } from '../shared/cli.js';
import { type NotifyContext, type NotifyEvent } from './event.js';
import type { NotifyDelivery } from './notify.js';
import { durationOption, stringOption, urlOption } from './options.js';

export const SLACK_WEBHOOK_ENV = 'SLACK_WEBHOOK_URL';

export const NOTIFY_CONTEXT_OPTIONS: OptionSpecs = {
  app: { type: 'string', valueName: 'NAME', description: 'the application name', required: true },
  'build-name': { type: 'string', valueName: 'TEXT', description: 'the build as people know it, e.g. "orders-api #42" (env.JOB_NAME + env.BUILD_NUMBER)' },
  'build-url': { type: 'string', valueName: 'URL', description: "the build's page (env.BUILD_URL); failure links default from it" },
  branch: { type: 'string', valueName: 'NAME', description: 'the branch built' },
  commit: { type: 'string', valueName: 'SHA', description: 'the commit built' },
  version: { type: 'string', valueName: 'TAG', description: 'the version (image tag) built or deployed' },
  environment: { type: 'string', valueName: 'NAME', description: 'the target environment' },
  text: { type: 'string', valueName: 'TEXT', description: 'free text added under the headline' },
  channel: { type: 'string', valueName: '#NAME', description: "overrides the webhook's default channel (honoured by legacy webhooks)" },
  'email-out': { type: 'string', valueName: 'FILE', description: "also render the e-mail: JSON {subject, body, mimeType} for Jenkins' mail step" },
  'request-timeout': { type: 'string', valueName: 'DURATION', description: 'timeout of each request to Slack', default: '10s' },
  attempts: { type: 'string', valueName: 'N', description: 'attempts per message, the first included', default: '4' },
  backoff: { type: 'string', valueName: 'DURATION', description: 'first retry delay, doubled each retry (a 429 waits its Retry-After instead)', default: '1s' },
  'fail-on-error': { type: 'boolean', description: 'exit 1 when Slack does not take the message (default: warn and exit 0)' },
};

export function notifyContext(options: ParsedOptions, event: NotifyEvent, extra: Partial<NotifyContext> = {}): NotifyContext {
  const s = (name: string) => stringOption(options, name) ?? null;
  const u = (name: string) => urlOption(options, name) ?? null;
  return {
    event,
    app: s('app') ?? '',
    buildName: s('build-name'),
    buildUrl: u('build-url'),
    branch: s('branch'),
    commit: s('commit'),
    version: s('version'),
    environment: s('environment'),
    failedStage: null,
    logUrl: null,
    stageUrl: null,
    rebuildUrl: null,
    inputUrl: null,
    approvers: [],
    approvalTimeout: null,
    security: null,
    result: null,
    text: s('text'),
    ...extra,
  };
}

export function notifyDelivery(options: ParsedOptions, env: NodeJS.ProcessEnv): NotifyDelivery {
  const channel = stringOption(options, 'channel');
  if (channel !== undefined && !/^[#@]?[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(channel)) throw new HelperUsageError('--channel takes a channel such as "#deploys"');
  return {
    webhookUrl: env[SLACK_WEBHOOK_ENV] || undefined,
    channel,
    emailOut: stringOption(options, 'email-out'),
    failOnError: options['fail-on-error'] === true,
    policy: {
      timeoutMs: durationOption(options, 'request-timeout', '10s'),
      attempts: integerOption(options, 'attempts', 4, 1, 10),
      backoffMs: durationOption(options, 'backoff', '1s'),
      maxDelayMs: 30_000,
    },
  };
}

