// Sending one notification: render for Slack and e-mail, deliver to the webhook, and describe the outcome; shared by notify and approve's request mode.
import type { RetryPolicy } from '../shared/http.js';
import { renderEmail, writeEmail } from './email.js';
import type { NotifyContext } from './event.js';
import { postToSlack, slackMessage, type Delivery } from './slack.js';
import { assertHostAllowed } from '../shared/allowed-hosts.js';

export interface NotifyDelivery {
  /** Unset: Slack is skipped (e-mail only, or no Slack route). */
  webhookUrl?: string;
  channel?: string;
  emailOut?: string;
  policy: RetryPolicy;
  failOnError: boolean;
}

export interface NotifyOutcome {
  ok: boolean;
  message: string;
  event: string;
  delivered: boolean;
  slack: (Delivery & { channel: string | null }) | null;
  emailOut: string | null;
  warnings: string[];
}

export async function sendNotification(ctx: NotifyContext, delivery: NotifyDelivery): Promise<NotifyOutcome> {
  const warnings: string[] = [];
  if (delivery.emailOut) writeEmail(delivery.emailOut, renderEmail(ctx));
  let slack: NotifyOutcome['slack'] = null;
  if (delivery.webhookUrl) {
    // The webhook URL is the secret: it is posted to only when the policy's Slack hosts allow its host.
    assertHostAllowed('slack', delivery.webhookUrl);
    const result = await postToSlack(delivery.webhookUrl, slackMessage(ctx, delivery.channel), {
      ...delivery.policy,
      onRetry: ({ attempt, delayMs, reason }) => warnings.push(`Slack attempt ${attempt} failed (${reason}); retrying in ${delayMs} ms`),
    });
    slack = { ...result, channel: delivery.channel ?? null };
    if (!result.delivered) warnings.push(`the ${ctx.event} notification was not delivered to Slack: ${result.error}`);
  } else if (!delivery.emailOut) {
    warnings.push('nothing to send: SLACK_WEBHOOK_URL is not set and no --email-out was given');
  }
  const delivered = slack?.delivered ?? false;
  const failed = slack !== null && !slack.delivered;
  const ok = !(failed && delivery.failOnError);
  const parts = [
    slack ? (slack.delivered ? `sent to Slack${slack.channel ? ` (${slack.channel})` : ''}` : 'not delivered to Slack') : null,
    delivery.emailOut ? `e-mail written to ${delivery.emailOut}` : null,
  ].filter(Boolean);
  const message = `${ctx.event} notification ${parts.join('; ') || 'not sent'}${failed && ok ? ' (a failed notification does not fail the build)' : ''}`;
  return { ok, message, event: ctx.event, delivered, slack, emailOut: delivery.emailOut ?? null, warnings };
}
