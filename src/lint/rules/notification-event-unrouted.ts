// Failures and security findings reach someone (the seed: Slack alert and e-mail; security team alert).
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'notification-event-unrouted',
  description: 'failure and security events are routed to at least one target',
  severity: 'warning',
  check(model, report) {
    for (const event of ['failure', 'security'] as const) {
      if (model.notifications.routes[event].length === 0) {
        report(['notifications', 'routes', event], `nobody hears about "${event}" events; configure "notifications.slack" or "notifications.email", or add a "${event}" route`);
      }
    }
  },
};
