// Slack: Block Kit messages per event, and delivery to an incoming webhook with timeouts, retries and Retry-After.
import { request, HttpError, type RetryPolicy } from '../shared/http.js';
import { addSecret, maskedExcerpt } from '../shared/mask.js';
import { failureLinks, formatCounts, headline, type NotifyContext } from './event.js';

// Block Kit limits (api.slack.com/reference/block-kit): longer text is rejected with invalid_blocks.
const HEADER_MAX = 150;
const SECTION_MAX = 3000;
const FIELD_MAX = 2000;
const BUTTON_TEXT_MAX = 75;

export interface SlackText {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
}
export type SlackBlock =
  | { type: 'header'; text: SlackText }
  | { type: 'section'; text?: SlackText; fields?: SlackText[] }
  | { type: 'actions'; elements: Array<{ type: 'button'; text: SlackText; url: string; style?: 'primary' | 'danger' }> }
  | { type: 'context'; elements: SlackText[] };

export interface SlackMessage {
  /** The fallback shown in notifications and where blocks cannot be shown. */
  text: string;
  blocks: SlackBlock[];
  channel?: string;
}

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const ICON = {
  success: ':white_check_mark:',
  failure: ':x:',
  security: ':rotating_light:',
  deployment: ':rocket:',
  approval: ':raised_hand:',
  'approval-expired': ':hourglass:',
  'awaiting-sync': ':arrows_counterclockwise:',
  rollback: ':rewind:',
};

function field(label: string, value: string | null): SlackText[] {
  return value ? [{ type: 'mrkdwn', text: clip(`*${label}*\n${escapeMrkdwn(value)}`, FIELD_MAX) }] : [];
}

function button(text: string, url: string | null, style?: 'primary' | 'danger') {
  return url ? [{ type: 'button' as const, text: { type: 'plain_text' as const, text: clip(text, BUTTON_TEXT_MAX) }, url, ...(style ? { style } : {}) }] : [];
}

export function slackMessage(ctx: NotifyContext, channel?: string): SlackMessage {
  const title = headline(ctx);
  const blocks: SlackBlock[] = [{ type: 'header', text: { type: 'plain_text', text: clip(`${ICON[ctx.event]} ${title}`, HEADER_MAX), emoji: true } }];
  if (ctx.text) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(escapeMrkdwn(ctx.text), SECTION_MAX) } });
  const fields = [
    ...field('Application', ctx.app),
    ...field('Environment', ctx.environment),
    ...field('Version', ctx.version),
    ...field('Branch', ctx.branch),
    ...field('Commit', ctx.commit ? ctx.commit.slice(0, 12) : null),
    ...field('Failed stage', ctx.event === 'failure' ? ctx.failedStage : null),
  ];
  if (fields.length) blocks.push({ type: 'section', fields: fields.slice(0, 10) });
  if (ctx.event === 'security' && ctx.security) {
    const s = ctx.security;
    const lines = [
      s.target ? `*Target:* ${escapeMrkdwn(s.target)}` : '',
      `*Vulnerabilities:* ${formatCounts(s.vulnerabilities)}`,
      `*Secrets:* ${formatCounts(s.secrets)}`,
      `*Misconfigurations:* ${formatCounts(s.misconfigurations)}`,
    ].filter(Boolean);
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: clip(lines.join('\n'), SECTION_MAX) } });
  }
  if (ctx.event === 'approval') {
    const who = ctx.approvers.length ? `Approvers: ${ctx.approvers.map(escapeMrkdwn).join(', ')}` : 'Any authorised user may approve';
    const until = ctx.approvalTimeout ? `; the request expires after ${escapeMrkdwn(ctx.approvalTimeout)}` : '';
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: clip(`${who}${until}. The approver must not be the commit author or the user who started the build.`, SECTION_MAX) }],
    });
  }
  const links = ctx.event === 'failure' ? failureLinks(ctx) : null;
  const elements = [
    ...(ctx.event === 'approval' ? button('Review and approve', ctx.inputUrl, 'primary') : []),
    ...(links ? button('Console log', links.log) : []),
    ...(links ? button('Failed stage', links.stage) : []),
    ...(links ? button('Rebuild', links.rebuild, 'danger') : []),
    ...button('Open build', ctx.buildUrl),
  ];
  if (elements.length) blocks.push({ type: 'actions', elements });
  return { text: `${ICON[ctx.event]} ${title}`, blocks, ...(channel ? { channel } : {}) };
}

export interface Delivery {
  delivered: boolean;
  attempts: number;
  status: number | null;
  /** Slack's answer or the network error, when not delivered. */
  error: string | null;
}

/** Posts to an incoming webhook. Slack answers 200 "ok"; any other answer is not a delivery. Never throws for a failed delivery. */
export async function postToSlack(webhookUrl: string, message: SlackMessage, policy: RetryPolicy): Promise<Delivery> {
  // The webhook's path is its secret: register it so no log line can show it, even in another form.
  addSecret(webhookUrl);
  try {
    const path = new URL(webhookUrl).pathname;
    addSecret(path);
    // The last segment (/services/T…/B…/<token>) is the token itself, and a server may echo it alone.
    const token = path.split('/').pop() ?? '';
    if (token.length >= 8) addSecret(token);
  } catch {
    return { delivered: false, attempts: 0, status: null, error: 'the Slack webhook URL is not a URL' };
  }
  try {
    const response = await request({ ...policy, url: webhookUrl, method: 'POST', body: message });
    const ok = response.status === 200;
    return {
      delivered: ok,
      attempts: response.attempts,
      status: response.status,
      error: ok ? null : `Slack answered ${response.status} ${maskedExcerpt(response.text)}`,
    };
  } catch (error) {
    if (error instanceof HttpError) return { delivered: false, attempts: error.attempts, status: error.status ?? null, error: error.message };
    throw error;
  }
}
