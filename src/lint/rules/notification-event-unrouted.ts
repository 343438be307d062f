// Failures and security findings reach someone (the seed: Slack alert and e-mail; security team alert).
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'notification-event-unrouted',
  description: 'a pipeline that publishes or deploys routes failure and security events to at least one target',
  severity: 'warning',
  check(model, report) {
    // A build-only pipeline reports through the commit status; one that ships needs someone to hear about it.
    if (!model.image && model.environments.length === 0) return;
    const { slack, email, routes } = model.notifications;
    const unrouted = (['failure', 'security'] as const).filter((event) => routes[event].length === 0);
    if (unrouted.length === 2 && !slack && !email) {
      report(
        ['notifications'],
        'no notification target is configured, so nobody hears about failures and security findings; add "notifications.slack" or "notifications.email"',
      );
      return;
    }
    for (const event of unrouted) {
      report(['notifications', 'routes', event], `nobody hears about "${event}" events; add a "${event}" route`);
    }
  },
};
