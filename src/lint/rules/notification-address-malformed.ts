// E-mail addresses and Slack channels that the schema lets through but mail servers and Slack reject.
import type { Rule } from '../rule.js';
import type { JsonPath } from '../../core/diagnostic.js';
import type { NotificationEvent } from '../../config/model.js';

const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const EMAIL = new RegExp(`^[A-Za-z0-9!#%&*+/=?^_{|}~-]+(?:\\.[A-Za-z0-9!#%&*+/=?^_{|}~-]+)*@${LABEL}(?:\\.${LABEL})+$`);
/** Slack channel names: lower-case letters, digits, "-" and "_" (no "."); user names may have ".". */
const CHANNEL = /^(#[a-z0-9_-]{1,80}|@[a-z0-9._-]{1,80})$/;

export const rule: Rule = {
  id: 'notification-address-malformed',
  description: 'notification e-mail addresses and Slack channels are well-formed',
  severity: 'error',
  check(model, report) {
    const { slack, email, routes } = model.notifications;
    const checkEmail = (path: JsonPath, address: string) => {
      if (!EMAIL.test(address)) report(path, `"${address}" is not a deliverable e-mail address; write it as name@example.com`);
    };
    const checkChannel = (path: JsonPath, channel: string) => {
      if (!CHANNEL.test(channel)) report(path, `"${channel}" is not a Slack channel name; use lower-case letters, digits, "-" and "_" after "#"`);
    };
    if (slack?.channel) checkChannel(['notifications', 'slack', 'channel'], slack.channel);
    email?.to.forEach((address, i) => checkEmail(['notifications', 'email', 'to', i], address));
    if (email?.from) checkEmail(['notifications', 'email', 'from'], email.from);
    for (const [event, targets] of Object.entries(routes) as Array<[NotificationEvent, string[]]>) {
      targets.forEach((target, i) => {
        const path = ['notifications', 'routes', event, i];
        if (target.startsWith('email:')) checkEmail(path, target.slice('email:'.length));
        else if (target.startsWith('slack:')) checkChannel(path, target.slice('slack:'.length));
      });
    }
  },
};
