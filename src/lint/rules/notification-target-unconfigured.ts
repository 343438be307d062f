// A route to Slack needs the Slack webhook configured; a route to "email" needs the e-mail recipients.
import type { Rule } from '../rule.js';
import type { NotificationEvent } from '../../config/model.js';

export const rule: Rule = {
  id: 'notification-target-unconfigured',
  description: 'notification routes name only targets that are configured',
  severity: 'error',
  check(model, report) {
    const { slack, email, routes } = model.notifications;
    for (const [event, targets] of Object.entries(routes) as Array<[NotificationEvent, string[]]>) {
      targets.forEach((target, i) => {
        const path = ['notifications', 'routes', event, i];
        if (target.startsWith('slack') && !slack)
          report(path, `the "${event}" route sends to "${target}" but Slack is not configured; add "notifications.slack" with a "credentialsId"`);
        else if (target === 'email' && !email)
          report(path, `the "${event}" route sends to "email" but no recipients are configured; add "notifications.email.to" or write "email:<address>"`);
      });
    }
  },
};
