// The command-line face of a notification: options shared by notify and approve's request mode, read into a NotifyContext and delivery settings.
import type { OptionSpecs, ParsedOptions } from '../shared/options.js';
import { type NotifyContext, type NotifyEvent } from './event.js';
import type { NotifyDelivery } from './notify.js';

export const SLACK_WEBHOOK_ENV = 'SLACK_WEBHOOK_URL';

export const NOTIFY_CONTEXT_OPTIONS = {
  app: { type: 'string', valueName: 'NAME', description: 'the application name', required: true },
  'build-name': { type: 'string', valueName: 'TEXT', description: 'the build as people know it, e.g. "orders-api #42" (env.JOB_NAME + env.BUILD_NUMBER)' },
  'build-url': { type: 'url', description: "the build's page (env.BUILD_URL); failure links default from it" },
  branch: { type: 'string', valueName: 'NAME', description: 'the branch built' },
  commit: { type: 'string', valueName: 'SHA', description: 'the commit built' },
  version: { type: 'string', valueName: 'TAG', description: 'the version (image tag) built or deployed' },
  environment: { type: 'string', valueName: 'NAME', description: 'the target environment' },
  text: { type: 'string', valueName: 'TEXT', description: 'free text added under the headline' },
  channel: {
    type: 'string',
    valueName: '#NAME',
    check: { valid: /^[#@]?[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/, problem: 'is not a channel such as "#deploys"' },
    description: "overrides the webhook's default channel (honoured by legacy webhooks)",
  },
  'email-out': { type: 'string', valueName: 'FILE', description: "also render the e-mail: JSON {subject, body, mimeType} for Jenkins' mail step" },
  'request-timeout': { type: 'duration', description: 'timeout of each request to Slack', default: '10s' },
  attempts: { type: 'integer', min: 1, max: 10, description: 'attempts per message, the first included', default: 4 },
  backoff: { type: 'duration', description: 'first retry delay, doubled each retry (a 429 waits its Retry-After instead)', default: '1s' },
  'fail-on-error': { type: 'boolean', description: 'exit 1 when Slack does not take the message (default: warn and exit 0)' },
} as const satisfies OptionSpecs;

export type NotifyContextOptions = ParsedOptions<typeof NOTIFY_CONTEXT_OPTIONS>;

export function notifyContext(options: Partial<NotifyContextOptions>, event: NotifyEvent, extra: Partial<NotifyContext> = {}): NotifyContext {
  return {
    event,
    app: options.app ?? '',
    buildName: options['build-name'] ?? null,
    buildUrl: options['build-url'] ?? null,
    branch: options.branch ?? null,
    commit: options.commit ?? null,
    version: options.version ?? null,
    environment: options.environment ?? null,
    failedStage: null,
    logUrl: null,
    stageUrl: null,
    rebuildUrl: null,
    inputUrl: null,
    approvers: [],
    approvalTimeout: null,
    security: null,
    result: null,
    text: options.text ?? null,
    ...extra,
  };
}

export function notifyDelivery(options: NotifyContextOptions, env: NodeJS.ProcessEnv): NotifyDelivery {
  return {
    webhookUrl: env[SLACK_WEBHOOK_ENV] || undefined,
    channel: options.channel,
    emailOut: options['email-out'],
    failOnError: options['fail-on-error'],
    policy: { timeoutMs: options['request-timeout'], attempts: options.attempts, backoffMs: options.backoff, maxDelayMs: 30_000 },
  };
}
